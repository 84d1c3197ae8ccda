package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.jooq.Tables;
import dev.wrapup.persistence.testing.CommitThenWait;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the default H2 settings commit survives the process being killed with SIGKILL. */
class DurabilityTest {
    @TempDir Path dir;

    @Test
    void committedRowsSurviveKillDashNine() throws Exception {
        DatabaseSettings settings = DatabaseSettings.h2File(dir);
        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                CommitThenWait.class.getName(),
                                settings.url(),
                                "200")
                        .redirectErrorStream(true)
                        .start();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("committed"));
            assertEquals("committed 200", line);
        }
        // Process.destroyForcibly is SIGKILL on Linux: no shutdown hook, no H2 close.
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue());

        try (Database database = Database.open(settings)) {
            assertEquals(200, database.dsl().fetchCount(Tables.PROCESSED_EVENT));
        }
    }
}
