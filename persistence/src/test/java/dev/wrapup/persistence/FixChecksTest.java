package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.FixAnswer;
import dev.wrapup.domain.FixCheck;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Questions asked when trouble comes back: asked unanswered, the last answer wins. */
class FixChecksTest {
    @TempDir Path dir;

    @Test
    void asksAndAnswersOnH2() {
        TestDatabases.onH2(dir, FixChecksTest::check);
    }

    @Test
    void asksAndAnswersOnPostgresql() {
        TestDatabases.onPostgresReplicas((first, second) -> check(first));
    }

    private static void check(Database database) {
        FixChecks checks = new FixChecks(database);
        Incident first = open(database, "C1", "2027-01-04T10:00:00Z");
        Incident second = open(database, "C2", "2027-01-05T10:00:00Z");
        Incident later = open(database, "C3", "2027-01-12T10:00:00Z");
        Instant asked = Instant.parse("2027-01-13T10:00:00Z");
        database.transaction(
                tx -> {
                    checks.ask(
                            tx, later.id(), List.of(second.id(), first.id()), "The call.", asked);
                    return null;
                });
        assertEquals(Optional.of("The call."), checks.callText(later.id()));
        assertEquals(Optional.empty(), checks.callText(first.id()));
        assertEquals(
                List.of(
                        new FixCheck(later.id(), second.id(), null, null, null),
                        new FixCheck(later.id(), first.id(), null, null, null)),
                checks.askedIn(later.id()),
                "asked, in order, not answered yet");

        Instant at = asked.plusSeconds(60);
        database.transaction(
                tx -> {
                    assertTrue(checks.answer(tx, later.id(), first.id(), FixAnswer.HELD, "U1", at));
                    assertTrue(
                            checks.answer(
                                    tx,
                                    later.id(),
                                    first.id(),
                                    FixAnswer.DID_NOT_HOLD,
                                    "U2",
                                    at.plusSeconds(1)));
                    assertFalse(
                            checks.answer(tx, first.id(), later.id(), FixAnswer.HELD, "U1", at),
                            "never asked");
                    return null;
                });
        FixCheck answered =
                new FixCheck(
                        later.id(), first.id(), FixAnswer.DID_NOT_HOLD, "U2", at.plusSeconds(1));
        assertEquals(List.of(answered), checks.askedAbout(first.id()), "the last answer wins");
        assertEquals(
                List.of(new FixChecks.NotHeld(answered, first)),
                checks.notHeldOfIncidentsStarted(
                        Instant.parse("2027-01-11T00:00:00Z"),
                        Instant.parse("2027-01-18T00:00:00Z")));
        assertEquals(
                List.of(),
                checks.notHeldOfIncidentsStarted(
                        Instant.parse("2027-01-01T00:00:00Z"),
                        Instant.parse("2027-01-11T00:00:00Z")),
                "counted in the week the later incident started");
    }

    private static Incident open(Database database, String channel, String started) {
        Instant at = Instant.parse(started);
        return database.transaction(
                tx ->
                        new Incidents(database)
                                .open(
                                        tx,
                                        new NewIncident(
                                                IncidentKind.INCIDENT,
                                                "T1",
                                                channel,
                                                "inc",
                                                "Test",
                                                null,
                                                null,
                                                IncidentStatus.INVESTIGATING,
                                                "U1",
                                                "U1",
                                                at),
                                        "Declared",
                                        "one",
                                        at));
    }
}
