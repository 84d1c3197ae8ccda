package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every event the bot acknowledged is in the record after `kill -9` and a restart. */
class KillDuringBurstIT {
    @TempDir Path workDir;

    @Test
    void acknowledgedEventsSurviveSigkill() throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            fake.addUser("U0ALICE", "Alice", "Europe/Berlin", 3600);
            fake.addChannel("C0OPS", "ops", false, "U0ALICE", FakeSlack.BOT_USER_ID);
            Map<String, String> env = BotProcess.env(fake);

            BotProcess bot = BotProcess.start(env, workDir);
            SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
            assertEquals(
                    200,
                    slack.command("/incident", "declare here sev2 Burst", "U0ALICE", "C0OPS")
                            .statusCode());
            fake.await("pins.add", c -> "C0OPS".equals(c.param("channel")));

            Set<String> acked = ConcurrentHashMap.newKeySet();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String ts = fake.nextTs();
                JsonObject event =
                        SlackEvents.message("C0OPS", "U0ALICE", "burst message " + i, ts);
                sent.add(
                        senders.submit(
                                () -> {
                                    if (slack.event(event).statusCode() == 200) {
                                        acked.add(ts);
                                    }
                                }));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();
            bot.kill(); // SIGKILL right after the last ack: no shutdown hook, no orderly close
            assertEquals(400, acked.size(), "every event was acknowledged");

            try (BotProcess restarted = BotProcess.start(env, workDir)) {
                // export reads the same H2 file while the bot runs (AUTO_SERVER).
                Path out = workDir.resolve("export.json");
                Process export =
                        new ProcessBuilder(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-jar",
                                        BotProcess.jar().toString(),
                                        "export",
                                        "C0OPS",
                                        "--format",
                                        "json")
                                .directory(workDir.toFile())
                                .redirectOutput(out.toFile())
                                .redirectError(ProcessBuilder.Redirect.INHERIT)
                                .start();
                assertTrue(export.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, export.exitValue(), restarted.output());
                JsonObject record =
                        JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8))
                                .getAsJsonObject();
                Set<String> stored = new HashSet<>();
                record.getAsJsonArray("timeline")
                        .forEach(
                                e -> {
                                    if (!e.getAsJsonObject().get("ts").isJsonNull()) {
                                        stored.add(e.getAsJsonObject().get("ts").getAsString());
                                    }
                                });
                Set<String> missing = new HashSet<>(acked);
                missing.removeAll(stored);
                assertTrue(
                        missing.isEmpty(),
                        missing.size() + " acknowledged events lost: " + missing);
            }
        }
    }
}
