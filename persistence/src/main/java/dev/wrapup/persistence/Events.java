package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.PROCESSED_EVENT;

import java.time.Instant;

/** The Slack deliveries already acted on, so that a retry changes nothing. */
public final class Events {
    private Events() {}

    /** Claims the event inside the caller's transaction; false when it was handled before. */
    public static boolean claim(Tx tx, String eventId, Instant at) {
        return tx.dsl()
                        .insertInto(PROCESSED_EVENT)
                        .set(PROCESSED_EVENT.EVENT_ID, eventId)
                        .set(PROCESSED_EVENT.RECEIVED_AT, at)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }
}
