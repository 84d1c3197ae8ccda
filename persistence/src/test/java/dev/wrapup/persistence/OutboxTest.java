package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SLACK_OUTBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queued Slack work: oldest first within a conversation, conversations apart, one worker at a time,
 * on H2 and across PostgreSQL replicas.
 */
class OutboxTest {
    private static final Instant AT = Instant.parse("2026-11-22T11:00:00Z");

    /** The replicas' scheduler instances, alive unless a test says otherwise. */
    private static final String ONE = "replica-one";

    private static final String TWO = "replica-two";

    @TempDir Path dir;

    @Test
    void queuesOnH2() {
        TestDatabases.onH2(dir, database -> assertQueue(database, database));
    }

    @Test
    void queuesAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(OutboxTest::assertQueue);
    }

    @Test
    void eachConversationWaitsOnlyForItsOwnOlderItemsOnH2() {
        TestDatabases.onH2(dir, OutboxTest::assertConversations);
    }

    @Test
    void eachConversationWaitsOnlyForItsOwnOlderItemsOnPostgresql() {
        TestDatabases.onPostgresReplicas((first, second) -> assertConversations(first));
    }

    @Test
    void theClaimsOfAReplicaTakenForDeadLapseAtOnceOnPostgresql() {
        TestDatabases.onPostgresReplicas(
                (first, second) -> {
                    alive(first, ONE);
                    alive(first, TWO);
                    Outbox one = new Outbox(first);
                    Outbox two = new Outbox(second);
                    long a = first.transaction(tx -> one.add(tx, Work.post("C1", "a"), AT));
                    assertTrue(one.claim(a, AT, AT.plusSeconds(120), ONE));
                    assertTrue(two.due(AT.plusSeconds(1), 10).isEmpty(), "held by a live replica");
                    assertFalse(two.claim(a, AT.plusSeconds(1), AT.plusSeconds(121), TWO));

                    // The others found replica one dead, took over its jobs and removed its row.
                    first.dsl()
                            .deleteFrom(DSL.table(DSL.name("qrtz_scheduler_state")))
                            .where(DSL.field(DSL.name("instance_name")).eq(ONE))
                            .execute();
                    assertEquals(List.of(a), ids(two.due(AT.plusSeconds(2), 10)), "due again");
                    assertTrue(two.claim(a, AT.plusSeconds(2), AT.plusSeconds(122), TWO));
                    assertFalse(
                            one.claim(a, AT.plusSeconds(3), AT.plusSeconds(123), ONE),
                            "a live replica's claim holds");
                    assertEquals(TWO, claimant(first, a));
                    two.retryAt(a, AT.plusSeconds(5), "ratelimited");
                    assertNull(claimant(first, a), "handed back: held by nobody");
                });
    }

    /** A replica's scheduler checked in, as Quartz notes it. */
    private static void alive(Database database, String instance) {
        database.dsl()
                .insertInto(
                        DSL.table(DSL.name("qrtz_scheduler_state")),
                        DSL.field(DSL.name("sched_name")),
                        DSL.field(DSL.name("instance_name")),
                        DSL.field(DSL.name("last_checkin_time")),
                        DSL.field(DSL.name("checkin_interval")))
                .values("wrapup", instance, System.currentTimeMillis(), 10_000L)
                .execute();
    }

    private static String claimant(Database database, long id) {
        return database.dsl()
                .select(SLACK_OUTBOX.CLAIMED_BY)
                .from(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.ID.eq(id))
                .fetchOne(SLACK_OUTBOX.CLAIMED_BY);
    }

    private static void assertQueue(Database first, Database second) {
        alive(first, ONE);
        alive(first, TWO);
        Outbox one = new Outbox(first);
        Outbox two = new Outbox(second);
        long a = first.transaction(tx -> one.add(tx, Work.post("C1", "a"), AT));
        long b = first.transaction(tx -> one.add(tx, Work.post("C1", "b"), AT));
        // A rolled-back transaction queues nothing.
        try {
            first.transaction(
                    tx -> {
                        one.add(tx, Work.post("C1", "never"), AT);
                        throw new IllegalStateException("rolled back");
                    });
        } catch (IllegalStateException expected) {
            // nothing queued
        }
        assertEquals(a, two.next().orElseThrow().id(), "oldest first");
        assertEquals(new Outbox.Backlog(2, Optional.of(AT)), two.backlog(), "two waiting");
        assertEquals(List.of(a), ids(two.due(AT, 10)), "b waits for a");

        assertTrue(one.claim(a, AT, AT.plusSeconds(120), ONE));
        assertFalse(
                two.claim(a, AT.plusSeconds(60), AT.plusSeconds(180), TWO),
                "held by the first worker");
        assertTrue(two.due(AT.plusSeconds(60), 10).isEmpty(), "held, and b still waits behind it");
        one.retryAt(a, AT.plusSeconds(5), "ratelimited");
        assertEquals(1, two.find(a).orElseThrow().attempts());
        assertTrue(two.due(AT.plusSeconds(4), 10).isEmpty(), "not before its time");
        assertTrue(
                two.claim(a, AT.plusSeconds(5), AT.plusSeconds(125), TWO),
                "free again once handed back");
        assertTrue(
                one.claim(a, AT.plusSeconds(200), AT.plusSeconds(320), ONE),
                "a claim of a dead worker runs out");
        one.progress(a, "{\"step\":1}");
        first.transaction(
                tx -> {
                    one.done(tx, a, "1700000000.000100", AT.plusSeconds(201));
                    return null;
                });
        assertFalse(
                two.claim(a, AT.plusSeconds(400), AT.plusSeconds(520), TWO), "done: never again");

        assertEquals(b, two.next().orElseThrow().id());
        assertEquals(List.of(b), ids(two.due(AT.plusSeconds(400), 10)));
        two.failed(b, "channel_not_found", AT.plusSeconds(202));
        assertTrue(one.next().isEmpty(), "nothing left: the rolled-back one was never queued");
        assertEquals(new Outbox.Backlog(0, Optional.empty()), one.backlog(), "nothing waits");
        assertEquals("1700000000.000100", one.find(a).orElseThrow().postedTs());
        assertEquals("{\"step\":1}", one.find(a).orElseThrow().progress());
        assertEquals("channel_not_found", one.find(b).orElseThrow().error());
    }

    private static void assertConversations(Database database) {
        Outbox outbox = new Outbox(database);
        long c1 = database.transaction(tx -> outbox.add(tx, Work.post("C1", "first in C1"), AT));
        long c1Later =
                database.transaction(tx -> outbox.add(tx, Work.post("C1", "second in C1"), AT));
        long c2 = database.transaction(tx -> outbox.add(tx, Work.post("C2", "first in C2"), AT));
        long header =
                database.transaction(
                        tx ->
                                outbox.add(
                                        tx,
                                        new Work("header", "C2", "C2", null, null, null, null, 7L),
                                        AT));
        long headerAgain =
                database.transaction(
                        tx ->
                                outbox.add(
                                        tx,
                                        new Work("header", "C2", "C2", null, null, null, null, 7L),
                                        AT));
        assertEquals(List.of(c1, c2), ids(outbox.due(AT, 10)));

        // C1 is asked to wait a minute: C2 goes on.
        outbox.retryAt(c1, AT.plusSeconds(60), "ratelimited");
        assertEquals(List.of(c2), ids(outbox.due(AT.plusSeconds(1), 10)));
        database.transaction(
                tx -> {
                    outbox.done(tx, c2, "1.0", AT.plusSeconds(1));
                    return null;
                });
        assertEquals(List.of(header), ids(outbox.due(AT.plusSeconds(1), 10)));
        Item first = outbox.find(header).orElseThrow();
        assertTrue(outbox.superseded(first), "a later header update makes this one moot");
        assertFalse(outbox.superseded(outbox.find(headerAgain).orElseThrow()));
        assertEquals(List.of(c1, header), ids(outbox.due(AT.plusSeconds(60), 10)));

        assertTrue(outbox.claim(c1, AT.plusSeconds(60), AT.plusSeconds(180), ONE));
        assertEquals(
                1,
                outbox.releaseClaims(),
                "a lone worker at its start lets go of what a killed one held");
        assertTrue(outbox.claim(c1, AT.plusSeconds(61), AT.plusSeconds(181), ONE));
        assertEquals(c1Later, outbox.pending().get(1).id());
    }

    private static List<Long> ids(List<Item> items) {
        return items.stream().map(Item::id).toList();
    }
}
