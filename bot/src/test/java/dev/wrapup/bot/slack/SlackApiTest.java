package dev.wrapup.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.wrapup.bot.testing.FakeSlack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Web API wrapper against the fake Slack: what is retried, how long it waits, when it gives up.
 */
class SlackApiTest {
    FakeSlack fake;
    SlackApi api;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        api =
                new SlackApi(
                        Slack.getInstance(config).methods("xoxb-1"),
                        4,
                        Duration.ofMillis(50),
                        meters);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void rateLimitedCallsWaitForRetryAfter() {
        fake.fail("chat.postMessage", 429, 1, 2);
        var response =
                api.ok("chat.postMessage", m -> m.chatPostMessage(r -> r.channel("C1").text("hi")));
        assertTrue(response.isPresent());
        List<FakeSlack.ApiRequest> tries = fake.requests("chat.postMessage");
        assertEquals(2, tries.size());
        Duration waited = Duration.between(tries.get(0).at(), tries.get(1).at());
        assertTrue(waited.compareTo(Duration.ofMillis(1900)) >= 0, "waited only " + waited);
        assertEquals(1.0, calls("chat.postMessage", "rate_limited"));
        assertEquals(1.0, calls("chat.postMessage", "ok"));
        assertEquals(1.0, count("wrapup.slack.api.retries", "chat.postMessage"));
        assertEquals(1.0, count("wrapup.slack.api.rate.limited", "chat.postMessage"));
    }

    private double calls(String method, String outcome) {
        return meters.counter("wrapup.slack.api.calls", "method", method, "outcome", outcome)
                .count();
    }

    private double count(String name, String method) {
        return meters.counter(name, "method", method).count();
    }

    @Test
    void aRetryAfterLongerThanACallerCanAffordIsNotWaitedForInLine() {
        fake.fail("views.open", 429, 1, 30);
        assertTrue(
                api.send("views.open", m -> m.viewsOpen(r -> r.triggerId("1.2.trigger")))
                        .isEmpty());
        assertEquals(1, fake.requests("views.open").size(), "given up at once, not after 30 s");
        assertTrue(
                api.send("views.open", m -> m.viewsOpen(r -> r.triggerId("1.2.trigger")))
                        .isPresent());
    }

    @Test
    void aQueuedTryReportsTheWaitSlackAskedFor() {
        fake.fail("chat.postMessage", 429, 1, 30);
        SlackApi.Attempt<?> attempt =
                api.attempt(
                        "chat.postMessage",
                        m -> m.chatPostMessage(r -> r.channel("C1").text("hi")));
        assertTrue(attempt.retry());
        assertEquals(Duration.ofSeconds(30), attempt.retryAfter());
        assertEquals(1, fake.requests("chat.postMessage").size());
        assertEquals(1.0, count("wrapup.slack.api.retries", "chat.postMessage"), "queued again");
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        fake.fail("chat.postMessage", 500, 2, 0);
        assertTrue(
                api.ok("chat.postMessage", m -> m.chatPostMessage(r -> r.channel("C1").text("hi")))
                        .isPresent());
        assertEquals(3, fake.requests("chat.postMessage").size());
        assertEquals(2.0, calls("chat.postMessage", "unavailable"));
        assertEquals(2.0, count("wrapup.slack.api.retries", "chat.postMessage"));
        assertEquals(0.0, count("wrapup.slack.api.rate.limited", "chat.postMessage"));
    }

    @Test
    void aCallThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        fake.fail("chat.postMessage", 500, 10, 0);
        assertTrue(
                api.send(
                                "chat.postMessage",
                                m -> m.chatPostMessage(r -> r.channel("C1").text("hi")))
                        .isEmpty());
        assertEquals(4, fake.requests("chat.postMessage").size());
    }

    @Test
    void slackSayingNoIsNotRetried() {
        var response =
                api.send("chat.postMessage", m -> m.chatPostMessage(r -> r.channel("").text("hi")));
        assertEquals("channel_not_found", response.orElseThrow().getError());
        assertTrue(
                api.ok("chat.postMessage", m -> m.chatPostMessage(r -> r.channel("").text("hi")))
                        .isEmpty());
        assertEquals(2, fake.requests("chat.postMessage").size());
    }
}
