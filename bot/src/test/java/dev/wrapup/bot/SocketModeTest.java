package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.FakeSocketMode;
import dev.wrapup.bot.testing.TestBot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With SLACK_APP_TOKEN set, the same app answers over Socket Mode and needs no public URL. */
class SocketModeTest {
    @TempDir Path dataDir;

    @Test
    void slashCommandOverSocketModeIsAnsweredWithUsage() throws Exception {
        try (FakeSlack fake = new FakeSlack();
                FakeSocketMode socket = new FakeSocketMode()) {
            fake.setSocketModeUrl(socket.url());
            Map<String, String> env = TestBot.env(fake, dataDir);
            env.remove("SLACK_SIGNING_SECRET");
            env.put("SLACK_APP_TOKEN", "xapp-1-test");
            try (TestBot bot = TestBot.start(env)) {
                JsonObject payload = new JsonObject();
                payload.addProperty("token", "unused");
                payload.addProperty("team_id", FakeSlack.TEAM_ID);
                payload.addProperty("channel_id", "C1");
                payload.addProperty("user_id", "U1");
                payload.addProperty("command", "/incident");
                payload.addProperty("text", "help");
                payload.addProperty("api_app_id", "A0WRAPUP");
                payload.addProperty("response_url", "https://hooks.slack.invalid/x");
                payload.addProperty("trigger_id", "1.2.3");
                JsonObject envelope = new JsonObject();
                envelope.addProperty("envelope_id", "env-1");
                envelope.addProperty("type", "slash_commands");
                envelope.addProperty("accepts_response_payload", true);
                envelope.add("payload", payload);
                socket.send(envelope);

                JsonObject ack = socket.awaitAck("env-1");
                String text = ack.getAsJsonObject("payload").get("text").getAsString();
                assertTrue(text.contains("/incident declare [sev1-sev4] <title>"), ack.toString());
                assertEquals("xapp-1-test", fake.requests("apps.connections.open").get(0).token());
                // No /slack/events endpoint is served in Socket Mode.
                assertEquals(404, bot.get("/slack/events").statusCode());
                assertFalse(bot.get("/healthz").body().isEmpty());
            }
        }
    }
}
