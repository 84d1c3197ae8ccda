package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.Rows;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /healthz is up only while the database takes a write: one that still reads but cannot write
 * is down.
 */
class HealthCheckTest {
    private static final String UP = "{\"status\":\"ok\",\"database\":\"up\"}";
    private static final String DOWN = "{\"status\":\"unavailable\",\"database\":\"down\"}";

    @TempDir Path dataDir;
    private FakeSlack fake;
    private TestBot bot;

    @BeforeEach
    void fakeSlack() throws Exception {
        fake = new FakeSlack();
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        fake.close();
    }

    @Test
    void everyHealthCheckWritesToTheDatabase() throws Exception {
        bot = TestBot.start(fake, dataDir);
        long before = writes();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = bot.get("/healthz");
            assertEquals(200, response.statusCode());
            assertEquals(UP, response.body());
        }
        assertEquals(before + 3, writes());
    }

    @Test
    void healthIsDownWhenPostgresqlTakesReadsButNoWrites() throws Exception {
        DatabaseSettings schema = TestDatabases.freshPostgresSchema();
        String adminUrl = System.getenv(TestDatabases.POSTGRES_URL_VARIABLE);
        Matcher currentSchema = Pattern.compile("currentSchema=(\\w+)").matcher(schema.url());
        currentSchema.find();
        String role =
                "wrapup_health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(
                adminUrl,
                "CREATE ROLE " + role + " LOGIN",
                "GRANT USAGE, CREATE ON SCHEMA " + currentSchema.group(1) + " TO " + role);
        try {
            Map<String, String> env = TestBot.env(fake, dataDir);
            env.put("WRAPUP_DB_URL", schema.url().replaceFirst("user=[^&]*", "user=" + role));
            bot = TestBot.start(env);
            assertEquals(200, bot.get("/healthz").statusCode());
            assertEquals(UP, bot.get("/healthz").body());

            // The bot's role is made read-only for every new session, and its sessions are ended.
            admin(
                    adminUrl,
                    "ALTER ROLE " + role + " SET default_transaction_read_only = on",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                            + role
                            + "'");
            Poll.until(
                    "the pool to reconnect read-only",
                    () -> {
                        try {
                            return "on"
                                    .equals(
                                            Rows.value(
                                                    bot.wrapup().database(),
                                                    "select current_setting('default_transaction_read_only')"));
                        } catch (RuntimeException stillTheOldSession) {
                            return false;
                        }
                    },
                    Duration.ofSeconds(20));
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = bot.get("/healthz");
                assertEquals(503, response.statusCode(), response.body());
                assertEquals(DOWN, response.body());
            }
            assertEquals(
                    1,
                    Rows.number(bot.wrapup().database(), "select count(*) from health_probe"),
                    "reads still work");
        } finally {
            if (bot != null) {
                bot.close();
                bot = null;
            }
            admin(
                    adminUrl,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                            + role
                            + "'",
                    "DROP SCHEMA " + currentSchema.group(1) + " CASCADE",
                    "DROP ROLE " + role);
        }
    }

    private long writes() {
        return Rows.number(bot.wrapup().database(), "select writes from health_probe");
    }

    private static void admin(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
