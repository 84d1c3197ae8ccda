package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a failure is the database's, for callers that answer differently when it is (500, not
 * 400).
 */
class DatabaseFailureTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir Path dir;

    @Test
    void everyWayOfMeetingAClosedDatabaseIsTheDatabases() {
        Database database = Database.open(TestDatabases.h2(dir));
        database.migrate();
        database.close();
        // The group commit's refusal is an IllegalStateException, the type a bad value also throws.
        RuntimeException grouped =
                assertThrows(
                        RuntimeException.class,
                        () -> database.groupCommit(tx -> Events.claim(tx, "Ev1", AT)));
        RuntimeException transaction =
                assertThrows(
                        RuntimeException.class,
                        () -> database.transaction(tx -> Events.claim(tx, "Ev1", AT)));
        RuntimeException read =
                assertThrows(RuntimeException.class, () -> new Incidents(database).find(1));
        assertTrue(Database.isDatabaseFailure(grouped), grouped.toString());
        assertTrue(Database.isDatabaseFailure(transaction), transaction.toString());
        assertTrue(Database.isDatabaseFailure(read), read.toString());
    }

    @Test
    void anSqlExceptionAmongTheCausesIsTheDatabasesWhoeverThrew() {
        CompletionException wrapped =
                assertThrows(
                        CompletionException.class,
                        () ->
                                CompletableFuture.failedFuture(new SQLException("connection lost"))
                                        .join());
        assertTrue(Database.isDatabaseFailure(wrapped));
    }

    @Test
    void aValueTakenForWhatItIsNotIsNot() {
        NumberFormatException e =
                assertThrows(NumberFormatException.class, () -> Integer.parseInt("sev9"));
        assertFalse(Database.isDatabaseFailure(e));
    }
}
