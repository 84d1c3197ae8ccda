package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.JavaProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Main class in its own JVM, as `java -jar wrapup.jar` runs it. */
class MainProcessTest {
    @TempDir Path dir;

    @Test
    void missingConfigurationIsOneClearParagraphAndExitCodeTwo() throws Exception {
        JavaProcess.Result result = JavaProcess.run(Map.of(), dir);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("SLACK_BOT_TOKEN is not set"), result.output());
        assertFalse(result.output().contains("Exception"), result.output());
        assertFalse(result.output().contains("\tat "), result.output());
    }

    @Test
    void helpPrintsUsage() throws Exception {
        JavaProcess.Result result = JavaProcess.run(Map.of(), dir, "--help");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("migrate"), result.output());
        assertTrue(result.output().contains("export <incident-id|channel-id>"), result.output());
    }

    @Test
    void migrateAppliesMigrationsAndExits() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/wrapup") + ";WRITE_DELAY=0";
        JavaProcess.Result first = JavaProcess.run(Map.of("WRAPUP_DB_URL", url), dir, "migrate");
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("Database migrated"), first.output());
        JavaProcess.Result again = JavaProcess.run(Map.of("WRAPUP_DB_URL", url), dir, "migrate");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("0 migration(s) applied"), again.output());
    }
}
