package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.FakeSocketMode;
import dev.wrapup.bot.testing.LogCapture;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.Incident;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bot serves the one workspace auth.test named at start: a request from any other workspace or
 * enterprise, though signed with the app's secret (the same app installed elsewhere), is refused
 * and changes nothing.
 */
class OtherWorkspaceTest extends BotTest {
    private static final String OTHER_TEAM = "T0OTHER";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aCommandFromAnotherWorkspaceIsRefusedAndChangesNothing() {
        fake.addChannel("C0OPS", "ops", false, ALICE, FakeSlack.BOT_USER_ID);
        int callsBefore = fake.requests().size();
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> response =
                    bot.slack()
                            .post(
                                    command("declare here sev1 Theirs", OTHER_TEAM, null),
                                    FORM,
                                    Instant.now(),
                                    Map.of());
            assertEquals(401, response.statusCode());
            assertFalse(response.body().contains("Exception"), response.body());
            assertEquals(
                    1,
                    logs.linesWith("refused a Command from workspace T0OTHER").size(),
                    logs.lines().toString());
        }
        assertTrue(incidents().all().isEmpty());
        assertEquals(callsBefore, fake.requests().size(), "no call to Slack: " + fake.requests());
    }

    @Test
    void anotherEnterpriseIsRefusedEvenWithOurTeamId() {
        HttpResponse<String> response =
                bot.slack()
                        .post(
                                command("declare here sev1 Theirs", FakeSlack.TEAM_ID, "E0OTHER"),
                                FORM,
                                Instant.now(),
                                Map.of());
        assertEquals(401, response.statusCode());
        assertTrue(incidents().all().isEmpty());
    }

    @Test
    void anEventFromAnotherWorkspaceIsNotRecorded() {
        Incident incident = declareHere("C0OPS", "Ours");
        int entries = entries(incident).size();
        JsonObject envelope =
                SlackRequests.eventEnvelope(
                        SlackEvents.message("C0OPS", BOB, "planted", fake.nextTs()), "Ev0OTHER");
        envelope.addProperty("team_id", OTHER_TEAM);
        HttpResponse<String> response =
                bot.slack().post(envelope.toString(), "application/json", Instant.now(), Map.of());
        assertEquals(401, response.statusCode());
        // Our own workspace's next message is recorded, so the one refused would have been too.
        event(SlackEvents.message("C0OPS", BOB, "ours", fake.nextTs()));
        assertTrue(entries(incident).stream().anyMatch(e -> "ours".equals(e.text())));
        assertTrue(entries(incident).stream().noneMatch(e -> "planted".equals(e.text())));
        assertEquals(entries + 1, entries(incident).size());
    }

    @Test
    void anInteractionFromAnotherWorkspaceIsRefused() {
        JsonObject meta = new JsonObject();
        meta.addProperty("channel", GENERAL);
        meta.addProperty("here", false);
        JsonObject payload = SlackRequests.interactionPayload("view_submission", ALICE);
        payload.getAsJsonObject("team").addProperty("id", OTHER_TEAM);
        payload.getAsJsonObject("user").addProperty("team_id", OTHER_TEAM);
        JsonObject view = new JsonObject();
        view.addProperty("id", "V1");
        view.addProperty("type", "modal");
        view.addProperty("callback_id", "incident_declare");
        view.addProperty("private_metadata", meta.toString());
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        view.add("state", state);
        payload.add("view", view);
        assertEquals(401, bot.slack().interaction(payload).statusCode());
        assertTrue(fake.requests("conversations.create").isEmpty());
    }

    @Test
    void requestsAreAuthorizedWithoutAskingSlackAgain() {
        assertEquals(1, fake.requests("auth.test").size(), "once, at start");
        fake.fail("auth.test", 429, 1000, 60);
        for (int i = 0; i < 3; i++) {
            assertTrue(command("/incident", "help", ALICE, GENERAL).contains("/incident declare"));
        }
        declareHere("C0OPS", "Works while auth.test is rate-limited");
        assertEquals(1, fake.requests("auth.test").size(), "requests never call auth.test");
    }

    @Test
    void overSocketModeAnotherWorkspaceIsAcknowledgedAndIgnored() throws Exception {
        bot.close();
        try (FakeSocketMode socket = new FakeSocketMode()) {
            fake.setSocketModeUrl(socket.url());
            Map<String, String> env = TestBot.env(fake, dataDir);
            env.remove("SLACK_SIGNING_SECRET");
            env.put("SLACK_APP_TOKEN", "xapp-1-test");
            restart(env);
            socket.send(socketCommand("env-theirs", OTHER_TEAM, "declare sev1 Theirs"));
            JsonObject ignored = socket.awaitAck("env-theirs");
            assertFalse(ignored.has("payload"), ignored.toString());
            socket.send(socketCommand("env-ours", FakeSlack.TEAM_ID, "help"));
            JsonObject answered = socket.awaitAck("env-ours");
            assertTrue(
                    answered.getAsJsonObject("payload")
                            .get("text")
                            .getAsString()
                            .contains("/incident declare"),
                    answered.toString());
            assertTrue(fake.requests("conversations.create").isEmpty());
            assertTrue(incidents().all().isEmpty());
            bot.close();
        }
    }

    private static JsonObject socketCommand(String envelopeId, String teamId, String text) {
        JsonObject payload = new JsonObject();
        payload.addProperty("token", "unused");
        payload.addProperty("team_id", teamId);
        payload.addProperty("channel_id", GENERAL);
        payload.addProperty("user_id", ALICE);
        payload.addProperty("command", "/incident");
        payload.addProperty("text", text);
        payload.addProperty("api_app_id", "A0WRAPUP");
        payload.addProperty("response_url", "https://hooks.slack.invalid/x");
        payload.addProperty("trigger_id", "1.2.3");
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.addProperty("type", "slash_commands");
        envelope.addProperty("accepts_response_payload", true);
        envelope.add("payload", payload);
        return envelope;
    }

    private static String command(String text, String teamId, String enterpriseId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", teamId);
        if (enterpriseId != null) {
            form.put("enterprise_id", enterpriseId);
        }
        form.put("channel_id", "C0OPS");
        form.put("user_id", ALICE);
        form.put("command", "/incident");
        form.put("text", text);
        form.put("response_url", "https://hooks.slack.invalid/1");
        form.put("trigger_id", "1.2.3");
        return SlackRequests.form(form);
    }
}
