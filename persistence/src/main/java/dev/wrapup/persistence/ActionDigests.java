package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.ACTION_DIGEST;
import static dev.wrapup.persistence.jooq.Tables.ACTION_DIGEST_ITEM;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** The weekly digests sent: one per person and week, and the items each listed. */
public final class ActionDigests {
    /** The part of a digest an item is listed in. */
    public enum Part {
        /** The person's own open item. */
        OWN,
        /** An overdue item of a wrap-up the person facilitated. */
        FACILITATED
    }

    /** An item a digest listed, in its part. */
    public record Listed(long actionId, Part part) {}

    private final DSLContext dsl;

    public ActionDigests(Database database) {
        this.dsl = database.dsl();
    }

    /** Whether the person's digest of that week was sent (by any replica). */
    public boolean sent(String userId, LocalDate weekOf) {
        return dsl.fetchExists(
                ACTION_DIGEST,
                ACTION_DIGEST.USER_ID.eq(userId).and(ACTION_DIGEST.WEEK_OF.eq(weekOf)));
    }

    /**
     * Claims the person's digest of that week, with the items it lists: true for the first caller
     * only, across every replica and restart.
     */
    public boolean claim(Tx tx, String userId, LocalDate weekOf, Instant at, List<Listed> items) {
        boolean claimed;
        try {
            claimed =
                    tx.dsl()
                                    .insertInto(ACTION_DIGEST)
                                    .set(ACTION_DIGEST.USER_ID, userId)
                                    .set(ACTION_DIGEST.WEEK_OF, weekOf)
                                    .set(ACTION_DIGEST.SENT_AT, at)
                                    .onConflictDoNothing()
                                    .execute()
                            == 1;
        } catch (IntegrityConstraintViolationException claimedMeanwhile) {
            claimed = false; // H2's MERGE let two callers past the check; the key stopped this one
        }
        if (!claimed) {
            return false;
        }
        int position = 0;
        for (Listed item : items) {
            tx.dsl()
                    .insertInto(ACTION_DIGEST_ITEM)
                    .set(ACTION_DIGEST_ITEM.USER_ID, userId)
                    .set(ACTION_DIGEST_ITEM.WEEK_OF, weekOf)
                    .set(ACTION_DIGEST_ITEM.ACTION_ID, item.actionId())
                    .set(ACTION_DIGEST_ITEM.PART, item.part().name().toLowerCase(Locale.ROOT))
                    .set(ACTION_DIGEST_ITEM.POSITION, position++)
                    .execute();
        }
        return true;
    }

    /** The items the person's digest of that week listed, in its order. */
    public List<Listed> items(String userId, LocalDate weekOf) {
        return dsl.select(ACTION_DIGEST_ITEM.ACTION_ID, ACTION_DIGEST_ITEM.PART)
                .from(ACTION_DIGEST_ITEM)
                .where(ACTION_DIGEST_ITEM.USER_ID.eq(userId))
                .and(ACTION_DIGEST_ITEM.WEEK_OF.eq(weekOf))
                .orderBy(ACTION_DIGEST_ITEM.POSITION)
                .fetch(
                        r ->
                                new Listed(
                                        r.value1(),
                                        Part.valueOf(r.value2().toUpperCase(Locale.ROOT))));
    }
}
