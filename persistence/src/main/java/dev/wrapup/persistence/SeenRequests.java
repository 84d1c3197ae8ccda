package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SLACK_REQUEST_SEEN;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Signed Slack requests already acted on, by signature, so that a replay of one changes nothing.
 */
public final class SeenRequests {
    private final DSLContext dsl;

    public SeenRequests(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * Claims the request in a transaction of its own: true the first time, false when it was seen
     * before (here or on another replica). The claim is needed until expiresAt.
     */
    public boolean claim(String signature, Instant expiresAt) {
        try {
            return dsl.insertInto(SLACK_REQUEST_SEEN)
                            .set(SLACK_REQUEST_SEEN.SIGNATURE, signature)
                            .set(SLACK_REQUEST_SEEN.EXPIRES_AT, expiresAt)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException e) {
            // H2 runs "insert unless present" as a MERGE, which two concurrent claims can
            // both pass; the later one then fails on the key, and is just as much a replay.
            return false;
        }
    }

    /** Forgets the claims no longer needed; returns how many. */
    public int purge(Instant now) {
        return dsl.deleteFrom(SLACK_REQUEST_SEEN)
                .where(SLACK_REQUEST_SEEN.EXPIRES_AT.lt(now))
                .execute();
    }
}
