package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.FakeSocketMode;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas in Socket Mode, each holding its own connection to Slack, on one PostgreSQL
 * (WRAPUP_TEST_POSTGRES_URL; skipped with a message when unset): Slack sends each envelope to one
 * connection, and an event whose ack is lost again to another; every event is processed once.
 */
class SocketModeReplicasIT {
    private static final String ALICE = "U0ALICE";
    private static final String BOB = "U0BOB";
    private static final String CHANNEL = "C0SOCKET";
    private static final int REPLICAS = 2;

    @TempDir Path workDir;

    @Test
    void everyEventIsProcessedOnceWhateverConnectionGetsIt() throws Exception {
        DatabaseSettings settings = TestDatabases.freshPostgresSchema();
        List<BotProcess> replicas = new ArrayList<>();
        try (FakeSlack fake = new FakeSlack();
                FakeSocketMode socket = new FakeSocketMode();
                Database db = Database.open(settings)) {
            fake.addUser(ALICE, "Alice", "Europe/Berlin", 3600);
            fake.addUser(BOB, "Bob", "America/Los_Angeles", -28800);
            fake.addChannel(CHANNEL, "socket", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
            fake.setSocketModeUrl(socket.url());
            try {
                for (int i = 0; i < REPLICAS; i++) {
                    Map<String, String> env = new HashMap<>(BotProcess.env(fake));
                    env.remove("SLACK_SIGNING_SECRET");
                    env.put("SLACK_APP_TOKEN", "xapp-1-test");
                    env.put("WRAPUP_DB_URL", settings.url());
                    Path dir = Files.createDirectories(workDir.resolve("replica-" + i));
                    env.put("WRAPUP_INDEX_DIR", dir.resolve("index").toString());
                    replicas.add(BotProcess.start(env, dir));
                }
                socket.awaitConnections(REPLICAS);

                socket.send(command("declare here sev2 Socket outage"));
                String declared =
                        socket.awaitAck("cmd-1")
                                .getAsJsonObject("payload")
                                .get("text")
                                .getAsString();
                assertTrue(declared.contains("now the incident channel"), declared);
                fake.await("pins.add", c -> CHANNEL.equals(c.param("channel")));

                // Every third first delivery's ack is lost: Slack sends the event again, to the
                // other replica, which must not store or answer it a second time.
                socket.redeliverAfter(Duration.ofSeconds(2));
                AtomicInteger deliveries = new AtomicInteger();
                socket.loseAcks(e -> deliveries.incrementAndGet() % 3 == 0);
                int messages = 60;
                List<String> ts = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    String at = fake.nextTs();
                    ts.add(at);
                    String text =
                            i % 6 == 0 ? "whose fault was outage " + i : "socket message " + i;
                    texts.add(text);
                    sent.add(
                            event(
                                    socket,
                                    "Ev0SOCK" + i,
                                    SlackEvents.message(CHANNEL, BOB, text, at)));
                }
                for (int i = 0; i < messages; i += 5) {
                    String editTs = fake.nextTs();
                    sent.add(
                            event(
                                    socket,
                                    "Ev0EDIT" + i,
                                    SlackEvents.messageChanged(
                                            CHANNEL,
                                            BOB,
                                            ts.get(i),
                                            texts.get(i),
                                            "edited " + i,
                                            editTs,
                                            editTs)));
                }
                for (String envelope : sent) {
                    socket.awaitAck(envelope);
                }

                assertFalse(socket.lostAcks().isEmpty(), "some acks were lost");
                assertTrue(
                        socket.redeliveries().size() >= socket.lostAcks().size(),
                        "each event whose ack was lost was delivered again");
                Map<String, Long> answers =
                        socket.acks().stream()
                                .collect(
                                        Collectors.groupingBy(
                                                a -> a.get("envelope_id").getAsString(),
                                                Collectors.counting()));
                answers.values().removeIf(n -> n == 1);
                assertTrue(answers.isEmpty(), "answered more than once: " + answers);

                Incident incident = new Incidents(db).findByChannel(CHANNEL).orElseThrow();
                Timeline timeline = new Timeline(db);
                Map<String, List<TimelineEntry>> stored =
                        timeline.entries(incident.id()).stream()
                                .filter(e -> e.ts() != null)
                                .collect(Collectors.groupingBy(TimelineEntry::ts));
                for (int i = 0; i < messages; i++) {
                    List<TimelineEntry> entries = stored.get(ts.get(i));
                    assertEquals(1, entries == null ? 0 : entries.size(), "message " + i);
                    if (i % 5 == 0) {
                        assertEquals("edited " + i, entries.get(0).text());
                        assertEquals(
                                1,
                                entries.get(0).versions().size(),
                                "one earlier version of message " + i);
                    }
                }
                long blaming = texts.stream().filter(t -> t.startsWith("whose fault")).count();
                Poll.until(
                        "a nudge for each message that blames",
                        () -> fake.requests("chat.postEphemeral").size() >= blaming);
                assertEquals(
                        blaming,
                        fake.succeeded("chat.postEphemeral").stream()
                                .filter(c -> BOB.equals(c.param("user")))
                                .count(),
                        "one nudge for each, though some reached both replicas");
            } finally {
                for (BotProcess replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    private static String event(FakeSocketMode socket, String eventId, JsonObject event) {
        JsonObject envelope = new JsonObject();
        String id = "env-" + eventId;
        envelope.addProperty("envelope_id", id);
        envelope.addProperty("type", "events_api");
        envelope.addProperty("accepts_response_payload", false);
        envelope.add("payload", SlackRequests.eventEnvelope(event, eventId));
        socket.send(envelope);
        return id;
    }

    private static JsonObject command(String text) {
        JsonObject payload = new JsonObject();
        payload.addProperty("token", "unused");
        payload.addProperty("team_id", FakeSlack.TEAM_ID);
        payload.addProperty("channel_id", CHANNEL);
        payload.addProperty("user_id", ALICE);
        payload.addProperty("command", "/incident");
        payload.addProperty("text", text);
        payload.addProperty("api_app_id", "A0WRAPUP");
        payload.addProperty("response_url", "https://hooks.slack.invalid/x");
        payload.addProperty("trigger_id", "1.2.3");
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", "cmd-1");
        envelope.addProperty("type", "slash_commands");
        envelope.addProperty("accepts_response_payload", true);
        envelope.add("payload", payload);
        return envelope;
    }
}
