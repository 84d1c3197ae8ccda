package dev.wrapup.persistence.testing;

import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.Events;
import java.time.Instant;

/** Run in a child JVM by DurabilityTest: commits rows, says so, then waits to be killed. */
public final class CommitThenWait {
    public static void main(String[] args) throws Exception {
        Database database = Database.open(new DatabaseSettings(args[0], null, null));
        database.migrate();
        int rows = Integer.parseInt(args[1]);
        for (int i = 0; i < rows; i++) {
            String eventId = "Ev" + i;
            database.transaction(tx -> Events.claim(tx, eventId, Instant.now()));
        }
        System.out.println("committed " + rows);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
