package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.JoinedWrapUp;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrap-up's milestone is claimed once, whichever replica asks first; a person's wrap-ups and who
 * was asked are read in one query each.
 */
class WrapUpsTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir Path dir;

    @Test
    void aMilestoneIsReachedOnceOnH2() {
        TestDatabases.onH2(dir, database -> assertReachedOnce(database, database));
    }

    @Test
    void aMilestoneIsReachedOnceAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(WrapUpsTest::assertReachedOnce);
    }

    private static void assertReachedOnce(Database first, Database second) {
        Incident one = first.transaction(tx -> new Incidents(first).create(tx, incident("C1"), AT));
        Incident two = first.transaction(tx -> new Incidents(first).create(tx, incident("C2"), AT));
        WrapUps onFirst = new WrapUps(first);
        WrapUps onSecond = new WrapUps(second);
        assertEquals(
                List.of(true, false, false, true, true),
                List.of(
                        first.transaction(
                                tx -> onFirst.reached(tx, one.id(), "everyone-commented", AT)),
                        second.transaction(
                                tx -> onSecond.reached(tx, one.id(), "everyone-commented", AT)),
                        first.transaction(
                                tx ->
                                        onFirst.reached(
                                                tx,
                                                one.id(),
                                                "everyone-commented",
                                                AT.plusSeconds(60))),
                        second.transaction(
                                tx -> onSecond.reached(tx, one.id(), "something-else", AT)),
                        second.transaction(
                                tx -> onSecond.reached(tx, two.id(), "everyone-commented", AT))));
    }

    @Test
    void aPersonsWrapUpsAreThoseTheyTookPartInOrWereAskedAboutOnH2() {
        TestDatabases.onH2(dir, WrapUpsTest::assertWrapUpsOf);
    }

    @Test
    void aPersonsWrapUpsAreThoseTheyTookPartInOrWereAskedAboutOnPostgresql() {
        TestDatabases.onPostgresReplicas((first, second) -> assertWrapUpsOf(first));
    }

    private static void assertWrapUpsOf(Database database) {
        Incidents incidents = new Incidents(database);
        Participants participants = new Participants(database);
        WrapUps wrapUps = new WrapUps(database);
        Incident joined = database.transaction(tx -> incidents.create(tx, incident("C1"), AT));
        Incident asked = database.transaction(tx -> incidents.create(tx, incident("C2"), AT));
        Incident elsewhere = database.transaction(tx -> incidents.create(tx, incident("C3"), AT));
        database.transaction(
                tx -> {
                    participants.add(tx, joined.id(), "U2", "posted", AT);
                    participants.add(tx, elsewhere.id(), "U3", "posted", AT);
                    wrapUps.addComment(tx, joined.id(), "U2", AgendaItem.WELL, "ok", "command", AT);
                    wrapUps.asked(tx, asked.id(), "U4", AT);
                    wrapUps.asked(tx, asked.id(), "U2", AT.plusSeconds(1));
                    wrapUps.asked(tx, joined.id(), "U2", AT);
                    return null;
                });
        wrapUps.savePublication(joined.id(), "C0LEARN", "1.2", null, true, AT);

        List<JoinedWrapUp> mine =
                incidents.wrapUpsOf("U2").stream()
                        .sorted(Comparator.comparing(w -> w.incident().id()))
                        .toList();
        assertEquals(
                List.of(
                        new JoinedWrapUp(joined, true, true, true, true),
                        new JoinedWrapUp(asked, false, true, false, false)),
                mine);
        assertEquals(List.of(), incidents.wrapUpsOf("U9"));
        assertEquals(List.of("U4", "U2"), wrapUps.askedFor(asked.id()));
        assertEquals(List.of(), wrapUps.askedFor(elsewhere.id()));
    }

    private static NewIncident incident(String channel) {
        return new NewIncident(
                IncidentKind.INCIDENT,
                "T1",
                channel,
                "inc-" + channel,
                "Test",
                null,
                Severity.SEV3,
                IncidentStatus.RESOLVED,
                "U1",
                "U1",
                AT);
    }
}
