package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.Outbox.NewMessage;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queued Slack messages: oldest first, one worker at a time, on H2 and across PostgreSQL replicas. */
class OutboxTest {
    private static final Instant AT = Instant.parse("2026-11-22T11:00:00Z");

    @TempDir
    Path dir;

    @Test
    void queuesOnH2() {
        TestDatabases.onH2(dir, database -> assertQueue(database, database));
    }

    @Test
    void queuesAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(OutboxTest::assertQueue);
    }

    private static void assertQueue(Database first, Database second) {
        Outbox one = new Outbox(first.dsl());
        Outbox two = new Outbox(second.dsl());
        long a = first.transaction(tx -> one.add(tx, NewMessage.of("C1", "a"), AT));
        long b = first.transaction(tx -> one.add(tx, NewMessage.of("C1", "b"), AT));
        // A rolled-back transaction queues nothing.
        try {
            first.transaction(tx -> {
                one.add(tx, NewMessage.of("C1", "never"), AT);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // nothing queued
        }
        assertEquals(a, two.next().orElseThrow().id(), "oldest first");

        assertTrue(one.claim(a, AT, AT.plusSeconds(120)));
        assertFalse(two.claim(a, AT.plusSeconds(60), AT.plusSeconds(180)), "held by the first worker");
        one.retryAt(a, AT.plusSeconds(5), "ratelimited");
        assertEquals(1, two.find(a).orElseThrow().attempts());
        assertTrue(two.claim(a, AT.plusSeconds(5), AT.plusSeconds(125)), "free again once handed back");
        assertTrue(one.claim(a, AT.plusSeconds(200), AT.plusSeconds(320)), "a claim of a dead worker runs out");
        one.posted(a, "1700000000.000100", AT.plusSeconds(201));
        assertFalse(two.claim(a, AT.plusSeconds(400), AT.plusSeconds(520)), "posted: never again");

        assertEquals(b, two.next().orElseThrow().id());
        two.failed(b, "channel_not_found", AT.plusSeconds(202));
        assertTrue(one.next().isEmpty(), "nothing left: the rolled-back one was never queued");
        assertEquals("1700000000.000100", one.find(a).orElseThrow().postedTs());
        assertEquals("channel_not_found", one.find(b).orElseThrow().error());
    }
}
