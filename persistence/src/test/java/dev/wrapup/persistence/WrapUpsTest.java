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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrap-up's milestone is claimed once, whichever replica asks first. */
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
