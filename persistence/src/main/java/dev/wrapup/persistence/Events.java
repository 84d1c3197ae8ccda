package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.PROCESSED_EVENT;

import java.time.Instant;
import org.jooq.DSLContext;

/** The Slack deliveries already acted on, so that a retry changes nothing. */
public final class Events {
    private Events() {
    }

    /** Claims the event inside the caller's transaction; false when it was handled before. */
    public static boolean claim(DSLContext tx, String eventId, Instant at) {
        return tx.insertInto(PROCESSED_EVENT)
                .set(PROCESSED_EVENT.EVENT_ID, eventId)
                .set(PROCESSED_EVENT.RECEIVED_AT, at)
                .onConflictDoNothing()
                .execute() == 1;
    }
}
