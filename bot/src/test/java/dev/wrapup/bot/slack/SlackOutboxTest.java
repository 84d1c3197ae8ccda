package dev.wrapup.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack work queue against the fake Slack: order within a conversation, conversations apart,
 * the ts handed on, waiting when asked, giving up on a refusal, resuming a step, and no broadcast
 * in anything posted.
 */
class SlackOutboxTest {
    @TempDir Path dir;
    FakeSlack fake;
    Database database;
    SlackOutbox worker;
    Outbox outbox;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack();
        fake.addChannel("C1", "ops", false, FakeSlack.BOT_USER_ID);
        fake.addChannel("C2", "dev", false, FakeSlack.BOT_USER_ID);
        database = Database.open(TestDatabases.h2(dir));
        database.migrate();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        worker =
                new SlackOutbox(
                        database,
                        new SlackApi(
                                Slack.getInstance(config).methods("xoxb-1"),
                                4,
                                Duration.ofMillis(50),
                                new SimpleMeterRegistry()),
                        Clock.systemUTC());
        outbox = new Outbox(database);
    }

    @AfterEach
    void stop() throws Exception {
        worker.close();
        database.close();
        fake.close();
    }

    private List<String> posted(String channel) {
        return fake.requests("chat.postMessage").stream()
                .filter(c -> channel.equals(c.param("channel")))
                .map(c -> c.param("text"))
                .toList();
    }

    @Test
    void messagesOfAConversationGoOutInTheOrderTheyWereWrittenAndTheirTsIsHandedOn() {
        Map<Long, String> told = new ConcurrentHashMap<>();
        worker.onPosted("topic", (tx, subject, ts) -> told.put(subject, ts));
        database.transaction(
                tx -> {
                    worker.add(tx, Work.post("C1", "first"));
                    worker.add(
                            tx,
                            Work.post("C1", "second")
                                    .withBlocks("[{\"type\":\"divider\"}]")
                                    .about("topic", 42L));
                    worker.add(tx, Work.post("U1", "a direct message"));
                    worker.add(tx, Work.post("C1", "third"));
                    return null;
                });
        worker.start("replica-test");
        Poll.until("all posted", () -> outbox.next().isEmpty());
        assertEquals(List.of("first", "second", "third"), posted("C1"));
        assertEquals(List.of("a direct message"), posted("U1"));
        FakeSlack.ApiRequest second =
                fake.requests("chat.postMessage").stream()
                        .filter(c -> "second".equals(c.param("text")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(second.jsonText("blocks").contains("divider"), second.params().toString());
        assertEquals(outbox.find(2).orElseThrow().postedTs(), told.get(42L));
        assertNotNull(told.get(42L));
    }

    @Test
    void whenSlackAsksToWaitItWaitsAndNothingOfTheConversationOvertakes() {
        fake.fail("chat.postMessage", 429, 2, 1);
        long first =
                database.transaction(tx -> outbox.add(tx, Work.post("C1", "first"), Instant.now()));
        worker.sendIf(tx -> true, Work.post("C1", "second"));
        worker.start("replica-test");
        Poll.until("both posted", () -> outbox.next().isEmpty(), Duration.ofSeconds(20));
        List<FakeSlack.ApiRequest> posts = fake.requests("chat.postMessage");
        assertEquals(
                List.of("first", "first", "first", "second"),
                posts.stream().map(c -> c.param("text")).toList());
        assertTrue(
                Duration.between(posts.get(0).at(), posts.get(2).at())
                                .compareTo(Duration.ofMillis(1900))
                        >= 0,
                "waited as asked");
        assertEquals(3, outbox.find(first).get().attempts());
    }

    @Test
    void aChannelSlackAsksToWaitLongHoldsUpNoOtherChannel() {
        fake.rateLimit(c -> "C1".equals(c.param("channel")), 600);
        worker.sendIf(tx -> true, Work.post("C1", "to the rate-limited channel"));
        worker.sendIf(tx -> true, Work.post("C1", "behind it, in the same channel"));
        worker.sendIf(tx -> true, Work.post("C2", "to another channel"));
        worker.sendIf(tx -> true, Work.post("U1", "a direct message"));
        worker.start("replica-test");

        fake.await("chat.postMessage", c -> "C2".equals(c.param("channel")));
        fake.await("chat.postMessage", c -> "U1".equals(c.param("channel")));
        Poll.until("the others done, C1's two messages left", () -> outbox.pending().size() == 2);
        Outbox.Item waiting =
                Poll.value(
                        "C1's first message to be told when to try again",
                        () -> outbox.pending().get(0),
                        item -> item.attempts() == 1,
                        Duration.ofSeconds(10));
        assertEquals("to the rate-limited channel", waiting.text());
        assertTrue(
                waiting.nextAttemptAt().isAfter(Instant.now().plusSeconds(500)),
                "Retry-After honoured: " + waiting.nextAttemptAt());
        assertEquals(
                List.of("to the rate-limited channel"),
                posted("C1"),
                "tried once, and nothing overtook it");
    }

    @Test
    void aMessageSlackRefusesForGoodIsSetAsideAndTheNextGoesOut() {
        worker.sendIf(tx -> true, Work.post("", "to nowhere"));
        worker.sendIf(tx -> true, Work.post("", "after it"));
        worker.start("replica-test");
        Poll.until("both dealt with", () -> outbox.next().isEmpty());
        Outbox.Item refused = outbox.find(1).orElseThrow();
        assertNotNull(refused.failedAt());
        assertNull(refused.postedAt());
        assertEquals("chat.postMessage: channel_not_found", refused.error());
        assertEquals(2, fake.requests("chat.postMessage").size());
    }

    @Test
    void aStepNotedDoneIsNotRepeatedWhenTheItemIsTriedAgain() {
        AtomicInteger steps = new AtomicInteger();
        worker.perform(
                "two-steps",
                item -> {
                    if (item.progress() == null) {
                        steps.incrementAndGet();
                        worker.progress(item, "first step done");
                        return new Outcome.Again(Duration.ZERO, "not yet");
                    }
                    return Outcome.done()
                            .then(
                                    (tx, ts) ->
                                            worker.add(
                                                    tx,
                                                    Work.post("C1", "after " + item.progress())));
                });
        worker.send(new Work("two-steps", "job", "C1", null, null, null, null, 1L));
        worker.start("replica-test");
        fake.await("chat.postMessage", c -> "after first step done".equals(c.param("text")));
        Poll.until("all done", () -> outbox.next().isEmpty());
        assertEquals(1, steps.get());
    }

    @Test
    void nothingPostedOrUpdatedCarriesABroadcast() {
        worker.perform("update", item -> worker.update("C1", "1.1", item.text(), item.blocks()));
        // Block Kit as Gson writes it by default: '<' and '>' escaped as \u003c and \u003e.
        String blocks =
                "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"\\u003c!channel\\u003e "
                        + "and \\u003c!subteam^S123|@oncall\\u003e\"}},{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                        + "\"text\":\"@everyone look\"}}]";
        worker.send(Work.post("C1", "<!here> the fix").withBlocks(blocks));
        worker.send(
                new Work(
                        "update",
                        "C1",
                        "C1",
                        "<!everyone|everyone> resolved",
                        blocks,
                        null,
                        null,
                        null));
        worker.start("replica-test");
        Poll.until("both done", () -> outbox.next().isEmpty());
        List<FakeSlack.ApiRequest> sent =
                fake.requests().stream().filter(c -> c.method().startsWith("chat.")).toList();
        assertEquals(2, sent.size());
        for (FakeSlack.ApiRequest call : sent) {
            String all = call.param("text") + " " + call.jsonText("blocks");
            assertFalse(
                    all.contains("<!channel")
                            || all.contains("<!here")
                            || all.contains("<!everyone")
                            || all.contains("<!subteam")
                            || all.matches("(?s).*@(channel|here|everyone).*"),
                    all);
            assertTrue(
                    all.contains("@\u200Bchannel")
                            && all.contains("@\u200Boncall")
                            && all.contains("@\u200Beveryone"),
                    all);
        }
    }
}
