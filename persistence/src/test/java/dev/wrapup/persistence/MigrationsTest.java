package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.jooq.Tables;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same migrations build the same schema on H2 and on PostgreSQL, and jOOQ works on both. */
class MigrationsTest {
    @TempDir Path dir;

    @Test
    void migrationsRunOnH2() {
        migrateAndUse(TestDatabases.h2(dir));
    }

    @Test
    void migrationsRunOnPostgresql() {
        migrateAndUse(TestDatabases.freshPostgresSchema());
    }

    @Test
    void secondMigrationChangesNothing() {
        DatabaseSettings settings = TestDatabases.h2(dir);
        try (Database first = Database.open(settings)) {
            assertTrue(first.migrate().migrationsExecuted > 0);
        }
        try (Database again = Database.open(settings)) {
            assertEquals(0, again.migrate().migrationsExecuted);
        }
    }

    private static void migrateAndUse(DatabaseSettings settings) {
        try (Database database = Database.open(settings)) {
            MigrateResult result = database.migrate();
            assertTrue(result.success);
            DSLContext dsl = database.dsl();
            // Quartz's tables exist for this vendor.
            assertEquals(0, dsl.fetchCount(DSL.table("QRTZ_JOB_DETAILS")));
            // Wrapup's tables round-trip through the generated classes, instants intact.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            dsl.insertInto(Tables.PROCESSED_EVENT)
                    .set(Tables.PROCESSED_EVENT.EVENT_ID, "Ev1")
                    .set(Tables.PROCESSED_EVENT.RECEIVED_AT, now)
                    .execute();
            assertEquals(
                    now,
                    dsl.select(Tables.PROCESSED_EVENT.RECEIVED_AT)
                            .from(Tables.PROCESSED_EVENT)
                            .where(Tables.PROCESSED_EVENT.EVENT_ID.eq("Ev1"))
                            .fetchOne()
                            .value1());
            assertTrue(database.acceptsWrites());
        }
    }
}
