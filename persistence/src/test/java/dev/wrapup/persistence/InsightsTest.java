package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.insights.IncidentFacts;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The period's incidents and action items, with what the insights count of them. */
class InsightsTest {
    private static final Instant FROM = Instant.parse("2026-11-09T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-11-16T00:00:00Z");

    @TempDir Path dir;

    @Test
    void readsThePeriodOnH2() {
        TestDatabases.onH2(dir, InsightsTest::check);
    }

    @Test
    void readsThePeriodOnPostgresql() {
        TestDatabases.onPostgresReplicas((first, second) -> check(first));
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static void check(Database database) {
        Incidents incidents = new Incidents(database);
        Participants participants = new Participants(database);
        WrapUps wrapups = new WrapUps(database);
        AnalysisCalls calls = new AnalysisCalls(database);
        new Users(database)
                .save(
                        new SlackUser(
                                "B1",
                                "alerts",
                                null,
                                null,
                                null,
                                true,
                                at("2026-11-01T00:00:00Z")));
        new Users(database)
                .save(
                        new SlackUser(
                                "U2", "ana", null, "UTC", 0, false, at("2026-11-01T00:00:00Z")));

        Incident before =
                open(database, IncidentKind.INCIDENT, Severity.SEV3, "2026-11-01T10:00:00Z");
        Incident i1 = open(database, IncidentKind.INCIDENT, Severity.SEV2, "2026-11-10T10:00:00Z");
        Incident i2 = open(database, IncidentKind.INCIDENT, Severity.SEV1, "2026-11-11T10:00:00Z");
        Incident i3 = open(database, IncidentKind.INCIDENT, null, "2026-11-12T10:00:00Z");
        Incident window = open(database, IncidentKind.MAINTENANCE, null, "2026-11-11T10:00:00Z");
        open(database, IncidentKind.INCIDENT, Severity.SEV2, "2026-11-16T00:00:00Z");

        database.transaction(
                tx -> {
                    incidents.setStatus(
                            tx, i1.id(), IncidentStatus.RESOLVED, at("2026-11-10T12:00:00Z"));
                    incidents.setStatus(
                            tx, i3.id(), IncidentStatus.RESOLVED, at("2026-11-12T11:00:00Z"));
                    participants.add(tx, i1.id(), "U2", "posted", at("2026-11-10T10:05:00Z"));
                    participants.add(tx, i1.id(), "B1", "posted", at("2026-11-10T10:06:00Z"));
                    participants.add(tx, i1.id(), "U3", "reacted", at("2026-11-10T10:07:00Z"));
                    wrapups.addComment(
                            tx,
                            i1.id(),
                            "U1",
                            AgendaItem.WELL,
                            "ok",
                            "command",
                            at("2026-11-11T09:00:00Z"));
                    wrapups.addComment(
                            tx,
                            i1.id(),
                            "B1",
                            AgendaItem.WELL,
                            "beep",
                            "command",
                            at("2026-11-11T09:01:00Z"));
                    wrapups.addComment(
                            tx,
                            i1.id(),
                            "U1",
                            AgendaItem.WRONG,
                            "slow",
                            "modal",
                            at("2026-11-11T09:02:00Z"));
                    calls.schedule(
                            tx,
                            i1.id(),
                            at("2026-11-12T15:00:00Z"),
                            List.of(),
                            List.of(),
                            at("2026-11-10T13:00:00Z"));
                    calls.claimStart(tx, i1.id(), at("2026-11-12T15:00:05Z"));
                    calls.schedule(
                            tx,
                            i2.id(),
                            at("2026-11-20T15:00:00Z"),
                            List.of(),
                            List.of(),
                            at("2026-11-11T13:00:00Z"));
                    calls.cancel(tx, i2.id(), at("2026-11-11T14:00:00Z"));
                    calls.schedule(
                            tx,
                            i3.id(),
                            at("2026-11-17T15:00:00Z"),
                            List.of(),
                            List.of(),
                            at("2026-11-12T13:00:00Z"));
                    wrapups.savePublication(
                            tx, i1.id(), "C0", "1.1", null, false, at("2026-11-13T09:00:00Z"));
                    // published again: the first publication is what counts
                    wrapups.savePublication(
                            tx, i1.id(), "C0", "1.1", null, false, at("2026-11-14T09:00:00Z"));
                    return null;
                });

        List<IncidentFacts> facts = new Insights(database).incidentsStarted(FROM, UNTIL);

        assertEquals(
                List.of(i1.id(), i2.id(), i3.id()),
                facts.stream().map(f -> f.incident().id()).toList());
        IncidentFacts first = facts.get(0);
        assertEquals(IncidentStatus.RESOLVED, first.incident().status());
        assertEquals(Severity.SEV2, first.incident().severity());
        assertEquals(at("2026-11-12T15:00:05Z"), first.callAt());
        assertEquals(at("2026-11-13T09:00:00Z"), first.publishedAt());
        assertEquals(
                new Completeness(List.of("U1", "U2", "U3"), List.of("U1"), List.of("U2", "U3")),
                first.completeness());
        assertEquals(
                Arrays.asList(null, at("2026-11-17T15:00:00Z")),
                facts.subList(1, 3).stream().map(IncidentFacts::callAt).toList());
        assertEquals(
                new Completeness(List.of("U1"), List.of(), List.of("U1")),
                facts.get(1).completeness());

        database.transaction(
                tx -> {
                    wrapups.closeAction(
                            tx,
                            action(wrapups, tx, before, "2026-11-02T10:00:00Z", null),
                            ActionState.DONE,
                            null,
                            at("2026-11-05T10:00:00Z"));
                    action(wrapups, tx, before, "2026-11-02T11:00:00Z", "2026-11-06");
                    wrapups.closeAction(
                            tx,
                            action(wrapups, tx, i1, "2026-11-13T10:00:00Z", null),
                            ActionState.WONT_DO,
                            "Covered by the new alert",
                            at("2026-11-20T10:00:00Z"));
                    action(wrapups, tx, i1, "2026-11-16T00:00:00Z", null);
                    action(wrapups, tx, window, "2026-11-12T10:00:00Z", null);
                    wrapups.closeAction(
                            tx,
                            action(wrapups, tx, i3, "2026-11-08T10:00:00Z", null),
                            ActionState.DONE,
                            null,
                            FROM);
                    return null;
                });

        List<Insights.IncidentAction> actions =
                new Insights(database).actionsOpenDuring(FROM, UNTIL);

        assertEquals(
                List.of(before.id() + "#2", i1.id() + "#1", i3.id() + "#1"),
                actions.stream().map(a -> a.incident().id() + "#" + a.action().number()).toList());
        assertEquals(LocalDate.parse("2026-11-06"), actions.get(0).action().dueOn());
        assertEquals(at("2026-11-20T10:00:00Z"), actions.get(1).action().closedAt());
        assertEquals(ActionState.WONT_DO, actions.get(1).action().state());
        assertEquals("Covered by the new alert", actions.get(1).action().wontDoReason());
        assertEquals(first.incident(), actions.get(1).incident());
    }

    private static long action(
            WrapUps wrapups, Tx tx, Incident incident, String created, String due) {
        return wrapups.addAction(
                        tx,
                        incident.id(),
                        "U1",
                        "Do it",
                        due == null ? null : LocalDate.parse(due),
                        ActionKind.FIX,
                        "U1",
                        at(created))
                .id();
    }

    private static Incident open(
            Database database, IncidentKind kind, Severity severity, String started) {
        Instant at = at(started);
        return database.transaction(
                tx ->
                        new Incidents(database)
                                .open(
                                        tx,
                                        new NewIncident(
                                                kind,
                                                "T1",
                                                "C" + started,
                                                "inc",
                                                "Test",
                                                null,
                                                severity,
                                                kind == IncidentKind.MAINTENANCE
                                                        ? IncidentStatus.PLANNED
                                                        : IncidentStatus.INVESTIGATING,
                                                "U1",
                                                "U1",
                                                at),
                                        "Declared",
                                        "one",
                                        at));
    }
}
