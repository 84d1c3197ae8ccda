package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.ActionDigests.Listed;
import dev.wrapup.persistence.ActionDigests.Part;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's digest of a week is claimed once, however many replicas try at the same moment, and
 * keeps the items it listed.
 */
class ActionDigestsTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @TempDir Path dir;

    @Test
    void concurrentClaimsOfOneWeekHaveOneWinnerOnH2() {
        TestDatabases.onH2(dir, database -> oneWinner(database, database));
    }

    @Test
    void concurrentClaimsFromTwoReplicasHaveOneWinnerOnPostgresql() {
        TestDatabases.onPostgresReplicas(ActionDigestsTest::oneWinner);
    }

    private static void oneWinner(Database first, Database second) {
        Incident incident =
                first.transaction(tx -> new Incidents(first).create(tx, incident(), AT));
        ActionItem item =
                first.transaction(
                        tx ->
                                new WrapUps(first)
                                        .addAction(
                                                tx,
                                                incident.id(),
                                                "U1",
                                                "Cap retries",
                                                null,
                                                ActionKind.GUARDRAIL,
                                                "U2",
                                                AT));
        List<Listed> items = List.of(new Listed(item.id(), Part.OWN));

        for (int round = 0; round < 10; round++) {
            LocalDate week = MONDAY.plusWeeks(round);
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (Database database : List.of(first, second, first, second)) {
                ActionDigests digests = new ActionDigests(database);
                claims.add(
                        () -> {
                            go.await();
                            return database.transaction(
                                    tx -> digests.claim(tx, "U1", week, AT, items));
                        });
            }
            ExecutorService pool = Executors.newFixedThreadPool(claims.size());
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                claims.forEach(c -> results.add(pool.submit(c)));
                go.countDown();
                int won = 0;
                for (Future<Boolean> result : results) {
                    won += result.get() ? 1 : 0;
                }
                assertEquals(1, won, "claims of week " + week + " won");
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                pool.shutdownNow();
            }
            ActionDigests digests = new ActionDigests(second);
            assertTrue(digests.sent("U1", week));
            assertEquals(items, digests.items("U1", week));
        }
        assertFalse(new ActionDigests(first).sent("U1", MONDAY.minusWeeks(1)));
        assertFalse(new ActionDigests(first).sent("U2", MONDAY));
    }

    private static NewIncident incident() {
        return new NewIncident(
                IncidentKind.INCIDENT,
                "T1",
                "C1",
                "inc-c1",
                "Test",
                null,
                Severity.SEV3,
                IncidentStatus.RESOLVED,
                "U1",
                "U1",
                AT);
    }
}
