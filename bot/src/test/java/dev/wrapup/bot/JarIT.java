package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started as an operator would, on its default H2 file under ./data. */
class JarIT {
    @TempDir Path workDir;

    @Test
    void jarAnswersSignedHelpRefusesBadSignatureAndSurvivesKillDashNine() throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            Map<String, String> env = BotProcess.env(fake);
            env.put("PATH", System.getenv("PATH"));

            BotProcess bot = BotProcess.start(env, workDir);
            SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
            HttpResponse<String> help = slack.command("/incident", "help", "U1", "C1");
            assertEquals(200, help.statusCode(), bot.output());
            assertTrue(
                    SlackRequests.text(help).contains("/incident declare [sev1-sev4] <title>"),
                    help.body());

            assertEquals(
                    401,
                    slack.forged(
                                    SlackRequests.commandForm("/incident", "help", "U1", "C1"),
                                    "application/x-www-form-urlencoded")
                            .statusCode());

            // The default database is an H2 file under ./data of the working directory.
            assertTrue(
                    Files.exists(workDir.resolve("data/wrapup.mv.db")), "no ./data/wrapup.mv.db");
            bot.kill();

            try (BotProcess again = BotProcess.start(env, workDir)) {
                HttpResponse<String> after =
                        new SlackRequests(again.baseUrl(), TestBot.SIGNING_SECRET)
                                .command("/wrapup", "", "U1", "C1");
                assertEquals(200, after.statusCode(), again.output());
                assertTrue(SlackRequests.text(after).contains("/wrapup publish"), after.body());
            }
        }
    }
}
