package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.digest.WeeklyDigest;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.SlackEvents;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * GET /metrics over HTTP, as Prometheus scrapes it: the meters move as Slack's requests arrive and
 * the bot calls Slack, every name starts with wrapup_, and the token keeps strangers out.
 */
class MetricsTest extends BotTest {
    private static final String TOKEN = "metrics-token-0123456789abcdef";
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> env() {
        return Map.of("WRAPUP_METRICS_TOKEN", TOKEN);
    }

    @Test
    void theMetersMoveAsEventsArriveAndSlackIsCalled() {
        String channel = "C0OPS";
        declareHere(channel, "Queue backlog");
        outboxDrained();
        // Nothing after-ack from the declaration still calling Slack while the counts are taken.
        fake.await("pins.add", c -> channel.equals(c.param("channel")));
        Scrape before = scrape();
        int postsBefore = fake.requests("chat.postMessage").size();
        int postedBefore = fake.succeeded("chat.postMessage").size();

        // A new message, then the same delivery again, as Slack retries it.
        var message = SlackEvents.message(channel, BOB, "Restarted the consumers", fake.nextTs());
        assertEquals(200, bot.slack().event(message, "Ev0METRICS1", 0).statusCode());
        assertEquals(200, bot.slack().event(message, "Ev0METRICS1", 1).statusCode());
        // A command whose line to the channel Slack first refuses with 429.
        fake.fail("chat.postMessage", 429, 1, 0);
        command("/incident", "status identified", ALICE, channel);
        fake.await(
                "chat.postMessage",
                c ->
                        fake.succeeded("chat.postMessage").contains(c)
                                && c.param("text") != null
                                && c.param("text").contains("identified"));
        outboxDrained();
        Scrape after = scrape();

        assertEquals(2, after.delta(before, "wrapup_events_received_total"));
        assertEquals(1, after.delta(before, "wrapup_events_stored_total"));
        assertEquals(1, after.delta(before, "wrapup_events_deduplicated_total"));
        assertEquals(3, after.delta(before, "wrapup_ack_seconds_count"), "two events, a command");
        assertTrue(
                after.value("wrapup_ack_seconds_bucket", "le", "+Inf")
                        >= after.value("wrapup_ack_seconds_count"),
                "a histogram, with buckets");

        int posts = fake.requests("chat.postMessage").size() - postsBefore;
        int posted = fake.succeeded("chat.postMessage").size() - postedBefore;
        assertTrue(posts >= 2, "the refused try and the one after it");
        assertEquals(
                posts,
                after.delta(before, "wrapup_slack_api_calls_total", "method", "chat.postMessage"),
                "every request Slack saw is counted");
        assertEquals(
                posted,
                after.delta(
                        before,
                        "wrapup_slack_api_calls_total",
                        "method",
                        "chat.postMessage",
                        "outcome",
                        "ok"));
        assertEquals(
                1,
                after.delta(
                        before,
                        "wrapup_slack_api_calls_total",
                        "method",
                        "chat.postMessage",
                        "outcome",
                        "rate_limited"));
        assertEquals(
                1,
                after.delta(
                        before,
                        "wrapup_slack_api_rate_limited_total",
                        "method",
                        "chat.postMessage"));
        assertEquals(
                1,
                after.delta(
                        before, "wrapup_slack_api_retries_total", "method", "chat.postMessage"));

        // The work queue's gauges, read from the database, still read after a garbage
        // collection: a gauge holds what it reads only weakly unless told otherwise.
        collectGarbage();
        Scrape collected = scrape();
        assertEquals(0, collected.value("wrapup_outbox_depth"), collected.text);
        assertEquals(0, collected.value("wrapup_outbox_oldest_age_seconds"), collected.text);

        // A recurring job, run when the clock passes its time.
        bot.advance(WeeklyDigest.EVERY.plusMinutes(1));
        assertEquals(
                1,
                scrape().delta(after, "wrapup_jobs_fired_total", "task", WeeklyDigest.TASK),
                "the digest's check ran once");
    }

    @Test
    void theLibrariesMetersAreThereAndEveryNameStartsWithWrapup() {
        Scrape scrape = scrape();
        for (String name :
                List.of(
                        "wrapup_hikaricp_connections_active",
                        "wrapup_hikaricp_connections_max",
                        "wrapup_jvm_memory_used_bytes",
                        "wrapup_jvm_threads_live_threads",
                        "wrapup_jvm_classes_loaded_classes",
                        "wrapup_system_cpu_count",
                        "wrapup_process_uptime_seconds",
                        "wrapup_jetty_threads_current",
                        "wrapup_jetty_connections_current_connections",
                        "wrapup_outbox_depth")) {
            assertTrue(scrape.has(name), name + " in\n" + scrape.text);
        }
        for (String line : scrape.text.split("\n")) {
            String name = line.startsWith("# ") ? line.split(" ")[2] : line.split("[{ ]", 2)[0];
            assertTrue(name.startsWith("wrapup_"), line);
        }
    }

    @Test
    void withATokenSetOnlyARequestCarryingItIsAnswered() {
        HttpResponse<String> none = get(null);
        assertEquals(401, none.statusCode());
        assertTrue(
                none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                none.headers().toString());
        assertEquals(401, get("Bearer not-the-token-0123456789").statusCode());
        assertEquals(401, get("Basic " + TOKEN).statusCode());
        HttpResponse<String> right = get("Bearer " + TOKEN);
        assertEquals(200, right.statusCode());
        assertTrue(right.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void withoutATokenItIsOpen() {
        restartWith(Map.of("WRAPUP_METRICS_TOKEN", ""));
        HttpResponse<String> open = get(null);
        assertEquals(200, open.statusCode());
        assertTrue(open.body().contains("wrapup_events_received_total"), open.body());
    }

    private HttpResponse<String> get(String authorization) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/metrics")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    /** Returns once a garbage collection has cleared a weakly held object. */
    private static void collectGarbage() {
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        for (int i = 0; i < 50 && sentinel.get() != null; i++) {
            System.gc();
        }
        assertNull(sentinel.get(), "no garbage collection happened");
    }

    private Scrape scrape() {
        HttpResponse<String> response = get("Bearer " + TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        return new Scrape(response.body());
    }

    /** One scrape's samples: a name, its labels, a value. */
    private record Scrape(String text) {
        /** The sum of the samples of that name whose labels include the given pairs. */
        double value(String name, String... labels) {
            double sum = 0;
            for (String line : text.split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                    continue;
                }
                Map<String, String> found = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
                boolean matches = true;
                for (int i = 0; i < labels.length; i += 2) {
                    matches &= labels[i + 1].equals(found.get(labels[i]));
                }
                if (matches) {
                    sum += Double.parseDouble(sample.group(3));
                }
            }
            return sum;
        }

        long delta(Scrape before, String name, String... labels) {
            return Math.round(value(name, labels) - before.value(name, labels));
        }

        boolean has(String name) {
            return text.lines().anyMatch(l -> l.startsWith(name + " ") || l.startsWith(name + "{"));
        }
    }
}
