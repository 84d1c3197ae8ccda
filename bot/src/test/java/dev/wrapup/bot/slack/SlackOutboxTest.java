package dev.wrapup.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.NewMessage;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox worker against the fake Slack: order, the ts handed on, waiting when asked, giving up on a refusal. */
class SlackOutboxTest {
    @TempDir
    Path dir;
    FakeSlack fake;
    Database database;
    SlackOutbox worker;
    Outbox outbox;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack();
        fake.addChannel("C1", "ops", false, FakeSlack.BOT_USER_ID);
        database = Database.open(TestDatabases.h2(dir));
        database.migrate();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        worker = new SlackOutbox(database, new SlackCalls(Slack.getInstance(config).methods("xoxb-1"), 4,
                Duration.ofMillis(50)), Clock.systemUTC());
        outbox = new Outbox(database.dsl());
    }

    @AfterEach
    void stop() throws Exception {
        worker.close();
        database.close();
        fake.close();
    }

    @Test
    void messagesGoOutInTheOrderTheyWereWrittenAndTheirTsIsHandedOn() {
        Map<Long, String> told = new ConcurrentHashMap<>();
        worker.onPosted("topic", told::put);
        database.transaction(tx -> {
            worker.add(tx, NewMessage.of("C1", "first"));
            worker.add(tx, new NewMessage("C1", "second", "[{\"type\":\"divider\"}]", "topic", 42L));
            worker.add(tx, NewMessage.of("U1", "third, a direct message"));
            return null;
        });
        worker.start();
        Poll.until("all posted", () -> outbox.next().isEmpty());
        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertEquals(List.of("first", "second", "third, a direct message"),
                posts.stream().map(c -> c.param("text")).toList());
        assertTrue(posts.get(1).jsonText("blocks").contains("divider"), posts.get(1).params().toString());
        assertEquals(List.of("C1", "C1", "U1"), posts.stream().map(c -> c.param("channel")).toList());
        assertNotNull(told.get(42L));
    }

    @Test
    void whenSlackAsksToWaitItWaitsAndNothingOvertakes() {
        fake.fail("chat.postMessage", 429, 2, 1);
        long first = database.transaction(tx -> outbox.add(tx, NewMessage.of("C1", "first"), java.time.Instant.now()));
        worker.sendIf(tx -> true, NewMessage.of("C1", "second"));
        worker.start();
        Poll.until("both posted", () -> outbox.next().isEmpty(), Duration.ofSeconds(20));
        List<FakeSlack.Call> posts = fake.calls("chat.postMessage");
        assertEquals(List.of("first", "first", "first", "second"), posts.stream().map(c -> c.param("text")).toList());
        assertTrue(Duration.between(posts.get(0).at(), posts.get(2).at()).compareTo(Duration.ofMillis(1900)) >= 0,
                "waited as asked");
        assertEquals(3, outbox.find(first).get().attempts());
    }

    @Test
    void aMessageSlackRefusesForGoodIsSetAsideAndTheNextGoesOut() {
        worker.sendIf(tx -> true, NewMessage.of("", "to nowhere"));
        worker.sendIf(tx -> true, NewMessage.of("C1", "after it"));
        worker.start();
        Poll.until("both dealt with", () -> outbox.next().isEmpty());
        Outbox.Message refused = outbox.find(1).orElseThrow();
        assertNotNull(refused.failedAt());
        assertNull(refused.postedAt());
        assertEquals("channel_not_found", refused.error());
        assertNotNull(outbox.find(2).orElseThrow().postedAt());
    }
}
