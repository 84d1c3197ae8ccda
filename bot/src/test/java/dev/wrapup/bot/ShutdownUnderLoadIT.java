package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while signed events keep arriving: the bot stops taking connections, answers the requests
 * it took, stops its workers, closes the database last and exits cleanly.
 */
class ShutdownUnderLoadIT {
    private static final int SENDERS = 8;
    private static final int MAX_EVENTS = 20_000;

    /** How one request ended, as Slack would see it. */
    enum Outcome {
        /** 200: acknowledged. */
        ACKED,
        /** Another status (a 500 or 503 would be one). */
        OTHER_STATUS,
        /**
         * The connection was refused: the bot no longer listens, Slack retries elsewhere or later.
         */
        REFUSED_AT_CONNECT,
        /**
         * Connected as the port closed, then closed with no byte of an answer: the operating system
         * took the connection, the stopping server never read it. Slack retries it as it does a
         * refusal; only a request sent after SIGTERM may end so.
         */
        CLOSED_UNANSWERED,
        /** Connected, then the connection broke after part of an answer. */
        BROKEN
    }

    @TempDir Path workDir;

    @Test
    void sigtermUnderLoadAnswersWhatItTookAndClosesTheDatabaseLast() throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            fake.addUser("U0ALICE", "Alice", "Europe/Berlin", 3600);
            fake.addChannel("C0OPS", "ops", false, "U0ALICE", FakeSlack.BOT_USER_ID);
            Map<String, String> env = BotProcess.env(fake);

            BotProcess bot = BotProcess.start(env, workDir);
            SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
            assertEquals(
                    200,
                    slack.command("/incident", "declare here sev2 Shutdown", "U0ALICE", "C0OPS")
                            .statusCode());
            fake.await("pins.add", c -> "C0OPS".equals(c.param("channel")));

            Set<String> acked = ConcurrentHashMap.newKeySet();
            Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
            Set<Integer> underWay = ConcurrentHashMap.newKeySet();
            Map<Integer, String> failures = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new ArrayList<>();
            long loadDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (int s = 0; s < SENDERS; s++) {
                running.add(
                        senders.submit(
                                () -> {
                                    // Each sender goes on until the bot refuses it, like a client
                                    // that has nowhere else to go.
                                    while (System.nanoTime() < loadDeadline) {
                                        int n = sent.incrementAndGet();
                                        if (n > MAX_EVENTS) {
                                            return;
                                        }
                                        String ts = fake.nextTs();
                                        JsonObject event =
                                                SlackEvents.message(
                                                        "C0OPS",
                                                        "U0ALICE",
                                                        "load message " + n,
                                                        ts);
                                        underWay.add(n);
                                        Outcome outcome = send(slack, event, n, failures);
                                        underWay.remove(n);
                                        outcomes.put(n, outcome);
                                        if (outcome == Outcome.ACKED) {
                                            acked.add(ts);
                                        }
                                        if (outcome != Outcome.ACKED) {
                                            return;
                                        }
                                    }
                                }));
            }
            Poll.until(
                    "300 events acknowledged before SIGTERM",
                    () -> acked.size() >= 300,
                    Duration.ofSeconds(60));

            Set<Integer> inFlightAtSigterm = new HashSet<>(underWay);
            long sigterm = System.nanoTime();
            bot.terminate();
            OptionalInt exit = bot.awaitExit(Duration.ofSeconds(30));
            long toExitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();

            Map<Outcome, Integer> all = count(outcomes.values());
            Map<Outcome, Integer> inFlight =
                    count(inFlightAtSigterm.stream().map(outcomes::get).toList());
            System.out.printf(
                    "shutdown under load: %d ms from SIGTERM to exit (exit code %s)%n",
                    toExitMs, exit.isPresent() ? exit.getAsInt() : "none: still running");
            System.out.printf(
                    "requests in flight at SIGTERM: %d, ended %s%n",
                    inFlightAtSigterm.size(), inFlight);
            System.out.printf("all requests: %d, ended %s%n", outcomes.size(), all);
            failures.values().stream().limit(10).forEach(f -> System.out.println("  " + f));
            String log = bot.output();
            log.lines()
                    .filter(
                            l ->
                                    l.contains("Wrapup - stopping")
                                            || l.contains("Wrapup - stopped in"))
                    .forEach(l -> System.out.println("bot: " + l));

            assertTrue(exit.isPresent(), "the bot exited within 30 s of SIGTERM\n" + log);
            assertEquals(0, exit.getAsInt(), log);
            assertEquals(
                    0,
                    all.get(Outcome.OTHER_STATUS) + all.get(Outcome.BROKEN),
                    "every request was acknowledged or refused: " + all + " " + failures.values());
            assertEquals(
                    inFlightAtSigterm.size(),
                    inFlight.get(Outcome.ACKED),
                    "every request in flight at SIGTERM was acknowledged: " + inFlight);
            assertTrue(
                    all.get(Outcome.REFUSED_AT_CONNECT) > 0,
                    "the load went on past the stop: " + all);
            assertFalse(log.contains("\tat "), "no stack trace in the log:\n" + log);
            assertFalse(log.contains("Exception"), "no exception in the log:\n" + log);
            assertTrue(log.contains("stopped in"), "the bot logged its orderly stop:\n" + log);

            try (BotProcess restarted = BotProcess.start(env, workDir)) {
                JsonObject record =
                        JsonParser.parseString(
                                        BotProcess.export(workDir, "C0OPS", "--format", "json"))
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
                System.out.printf(
                        "acknowledged events: %d, stored after restart: %d missing%n",
                        acked.size(), missing.size());
                assertTrue(
                        missing.isEmpty(),
                        missing.size() + " acknowledged events lost: " + missing);
            }
        }
    }

    private static Outcome send(
            SlackRequests slack, JsonObject event, int n, Map<Integer, String> failures) {
        try {
            HttpResponse<String> response = slack.event(event);
            if (response.statusCode() == 200) {
                return Outcome.ACKED;
            }
            failures.put(n, "#" + n + ": " + response.statusCode() + " " + response.body());
            return Outcome.OTHER_STATUS;
        } catch (AssertionError e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ConnectException) {
                    return Outcome.REFUSED_AT_CONNECT;
                }
                if (t.getMessage() != null
                        && t.getMessage().contains("header parser received no bytes")) {
                    failures.put(n, "#" + n + ": " + t.getMessage());
                    return Outcome.CLOSED_UNANSWERED;
                }
            }
            failures.put(n, "#" + n + ": " + e.getCause());
            return Outcome.BROKEN;
        }
    }

    private static Map<Outcome, Integer> count(Iterable<Outcome> outcomes) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        for (Outcome o : outcomes) {
            counts.merge(o, 1, Integer::sum);
        }
        return counts;
    }
}
