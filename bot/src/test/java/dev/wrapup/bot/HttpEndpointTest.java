package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's HTTP surface: signed requests in, usage out, unsigned requests refused. */
class HttpEndpointTest {
    @TempDir Path dataDir;
    FakeSlack fake;
    TestBot bot;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack();
        bot = TestBot.start(fake, dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
        fake.close();
    }

    @Test
    void helpCommandsAnswerWithUsage() {
        HttpResponse<String> incident = bot.slack().command("/incident", "help", "U1", "C1");
        assertEquals(200, incident.statusCode());
        assertTrue(
                SlackRequests.text(incident).contains("/incident declare [sev1-sev4] <title>"),
                incident.body());

        HttpResponse<String> wrapup = bot.slack().command("/wrapup", "help", "U1", "C1");
        assertEquals(200, wrapup.statusCode());
        assertTrue(SlackRequests.text(wrapup).contains("/wrapup publish"), wrapup.body());

        HttpResponse<String> maintenance = bot.slack().command("/maintenance", "help", "U1", "C1");
        assertEquals(200, maintenance.statusCode());
        assertTrue(
                SlackRequests.text(maintenance).contains("/maintenance plan <title> from"),
                maintenance.body());
    }

    @Test
    void commandWithNoTextAnswersWithUsage() {
        HttpResponse<String> response = bot.slack().command("/incident", "", "U1", "C1");
        assertEquals(200, response.statusCode());
        assertTrue(
                SlackRequests.text(response).contains("/incident resolve [summary]"),
                response.body());
    }

    @Test
    void unknownSubcommandIsExplainedWithUsage() {
        HttpResponse<String> response = bot.slack().command("/incident", "explode now", "U1", "C1");
        assertEquals(200, response.statusCode());
        assertTrue(
                SlackRequests.text(response).contains("is not a command I know"), response.body());
        assertTrue(SlackRequests.text(response).contains("/incident declare"), response.body());
    }

    @Test
    void invalidSignatureIsRefused() {
        String body = SlackRequests.commandForm("/incident", "help", "U1", "C1");
        HttpResponse<String> response =
                bot.slack().forged(body, "application/x-www-form-urlencoded");
        assertEquals(401, response.statusCode());
        assertTrue(fake.requests("chat.postMessage").isEmpty());
    }

    @Test
    void missingSignatureIsRefused() {
        String body = SlackRequests.commandForm("/incident", "help", "U1", "C1");
        HttpResponse<String> response =
                bot.slack().send(body, "application/x-www-form-urlencoded", null, null, Map.of());
        assertEquals(401, response.statusCode());
    }

    @Test
    void staleTimestampIsRefusedEvenWhenSignedCorrectly() {
        String body = SlackRequests.commandForm("/incident", "help", "U1", "C1");
        HttpResponse<String> response =
                bot.slack()
                        .post(
                                body,
                                "application/x-www-form-urlencoded",
                                Instant.now().minusSeconds(6 * 60),
                                Map.of());
        assertEquals(401, response.statusCode());
    }

    @Test
    void healthIsUpWhileTheDatabaseAnswers() {
        HttpResponse<String> response = bot.get("/healthz");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"database\":\"up\""), response.body());
    }

    @Test
    void healthIsDownWhenTheDatabaseIsGone() {
        bot.wrapup().database().close();
        HttpResponse<String> response = bot.get("/healthz");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("\"database\":\"down\""), response.body());
    }
}
