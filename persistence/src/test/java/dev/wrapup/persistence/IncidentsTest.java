package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which incident records a channel is asked on every Slack event: whatever is remembered to answer
 * it fast, a change is seen as soon as it is committed.
 */
class IncidentsTest {
    private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir Path dir;

    @Test
    void aChangeIsSeenOnceCommittedEvenWhenReadWhileItWasUnderWay() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incidents incidents = new Incidents(database);
                    Incident window =
                            database.transaction(tx -> incidents.create(tx, window("C1"), AT));
                    assertEquals(IncidentStatus.PLANNED, status(incidents, "C1"));

                    database.transaction(
                            tx -> {
                                incidents.setStatus(
                                        tx, window.id(), IncidentStatus.IN_PROGRESS, null);
                                // An event on another thread asks before this commits: it reads the
                                // old row.
                                IncidentStatus seenMeanwhile =
                                        CompletableFuture.supplyAsync(() -> status(incidents, "C1"))
                                                .join();
                                assertEquals(IncidentStatus.PLANNED, seenMeanwhile);
                                return null;
                            });
                    assertEquals(IncidentStatus.IN_PROGRESS, status(incidents, "C1"));
                });
    }

    @Test
    void aRolledBackChangeLeavesTheOldAnswer() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incidents incidents = new Incidents(database);
                    Incident window =
                            database.transaction(tx -> incidents.create(tx, window("C1"), AT));
                    try {
                        database.transaction(
                                tx -> {
                                    incidents.setStatus(
                                            tx, window.id(), IncidentStatus.IN_PROGRESS, null);
                                    assertEquals(
                                            IncidentStatus.IN_PROGRESS,
                                            incidents
                                                    .findByChannel(tx, "C1")
                                                    .orElseThrow()
                                                    .status());
                                    throw new IllegalStateException("rolled back");
                                });
                    } catch (IllegalStateException expected) {
                        // the change is undone
                    }
                    assertEquals(IncidentStatus.PLANNED, status(incidents, "C1"));
                });
    }

    @Test
    void anotherReplicasChangeIsSeenAtOnceOnPostgresql() {
        TestDatabases.onPostgresReplicas(
                (first, second) -> {
                    Incidents onFirst = new Incidents(first);
                    Incidents onSecond = new Incidents(second);
                    Incident window = first.transaction(tx -> onFirst.create(tx, window("C1"), AT));
                    assertEquals(IncidentStatus.PLANNED, status(onSecond, "C1"));

                    first.transaction(
                            tx -> {
                                onFirst.setStatus(
                                        tx, window.id(), IncidentStatus.IN_PROGRESS, null);
                                return null;
                            });
                    assertEquals(
                            IncidentStatus.IN_PROGRESS,
                            status(onSecond, "C1"),
                            "the window's begin, made elsewhere");

                    Incident next = first.transaction(tx -> onFirst.create(tx, window("C1"), AT));
                    assertEquals(
                            next.id(),
                            onSecond.findByChannel("C1").orElseThrow().id(),
                            "a new incident in the channel, declared elsewhere");
                });
    }

    private static NewIncident window(String channel) {
        return new NewIncident(
                IncidentKind.MAINTENANCE,
                "T1",
                channel,
                "maint-db",
                "Database upgrade",
                null,
                Severity.SEV4,
                IncidentStatus.PLANNED,
                "U1",
                "U1",
                AT);
    }

    private static IncidentStatus status(Incidents incidents, String channel) {
        return incidents.findByChannel(channel).orElseThrow().status();
    }
}
