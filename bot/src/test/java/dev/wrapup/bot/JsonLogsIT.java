package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with WRAPUP_LOG_FORMAT=json: every line it writes, from start to stop, a refused
 * request's warning among them, is one JSON object with the time, level, logger, thread and
 * message. Its /metrics is served too.
 */
class JsonLogsIT {
    @TempDir Path workDir;

    @Test
    void everyLineTheJarWritesIsAJsonObject() throws Exception {
        String output;
        try (FakeSlack fake = new FakeSlack()) {
            Map<String, String> env = BotProcess.env(fake);
            env.put("PATH", System.getenv("PATH"));
            env.put("WRAPUP_LOG_FORMAT", "json");
            try (BotProcess bot = BotProcess.start(env, workDir)) {
                SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
                assertEquals(
                        200,
                        slack.command("/incident", "help", "U1", "C1").statusCode(),
                        bot.output());
                // Logged as a warning, with what the forger sent in it.
                assertEquals(
                        401,
                        slack.forged(
                                        SlackRequests.commandForm(
                                                "/incident", "help\nforged", "U1", "C1"),
                                        "application/x-www-form-urlencoded")
                                .statusCode());
                HttpResponse<String> metrics =
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create(bot.baseUrl() + "/metrics"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("wrapup_ack_seconds_bucket"), metrics.body());
                bot.terminate();
                assertTrue(bot.awaitExit(Duration.ofSeconds(30)).isPresent(), bot.output());
                output = bot.output();
            }
        }
        List<String> lines = output.lines().toList();
        assertTrue(lines.size() >= 3, output);
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
            for (String field : List.of("level", "loggerName", "threadName", "message")) {
                assertTrue(entry.has(field), field + " in " + line);
            }
            Instant.parse(entry.get("timestamp").getAsString());
            messages.add(
                    entry.get("level").getAsString() + " " + entry.get("message").getAsString());
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("INFO Wrapup is up")), output);
        assertTrue(
                messages.stream()
                        .anyMatch(m -> m.startsWith("WARN refused a request to /slack/events")),
                output);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("INFO stopped in")), output);
    }
}
