package dev.wrapup.persistence.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Databases for tests: a temp H2 file, or a fresh schema in the PostgreSQL named by the
 * environment.
 */
public final class TestDatabases {
    /** The JDBC URL of a PostgreSQL the tests may create schemas in; .ci/run always sets it. */
    public static final String POSTGRES_URL_VARIABLE = "WRAPUP_TEST_POSTGRES_URL";

    private TestDatabases() {}

    /**
     * A temp H2 file without credentials, as the bot is usually given one: Wrapup keeps its
     * password.
     */
    public static DatabaseSettings h2(Path dir) {
        return new DatabaseSettings(
                "jdbc:h2:file:" + dir.toAbsolutePath().resolve("wrapup") + ";WRITE_DELAY=0",
                null,
                null);
    }

    /**
     * A new empty schema in the test PostgreSQL, as the search path of the returned URL; the
     * calling test is skipped, saying why, when no PostgreSQL is configured.
     */
    public static DatabaseSettings freshPostgresSchema() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        assumeTrue(
                url != null && !url.isBlank(),
                POSTGRES_URL_VARIABLE
                        + " is not set, so this PostgreSQL test is skipped (set it to e.g. "
                        + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres; .ci/run does)");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(url, schema)));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + url + " is not reachable: " + e.getMessage(), e);
        }
        return new DatabaseSettings(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
    }

    /** Runs the check on a migrated H2 database in the directory. */
    public static void onH2(Path dir, Consumer<Database> check) {
        try (Database database = Database.open(h2(dir))) {
            database.migrate();
            check.accept(database);
        }
    }

    /**
     * Runs the check on two connection pools to one fresh, migrated PostgreSQL schema, as two bot
     * replicas would share it; skipped like {@link #freshPostgresSchema()}.
     */
    public static void onPostgresReplicas(BiConsumer<Database, Database> check) {
        DatabaseSettings settings = freshPostgresSchema();
        try (Database first = Database.open(settings);
                Database second = Database.open(settings)) {
            first.migrate();
            check.accept(first, second);
        }
    }

    private static void dropSchema(String url, String schema) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException ignored) {
            // Best effort: a leftover schema in a test database harms nothing.
        }
    }
}
