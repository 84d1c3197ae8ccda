package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Inconvenience;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger of inconvenient calls: replaced with the call, counted over a span and a quarter. */
class CallBurdenTest {
    @TempDir Path dir;

    @Test
    void keepsAndCountsTheLedgerOnH2() {
        TestDatabases.onH2(dir, CallBurdenTest::check);
    }

    @Test
    void keepsAndCountsTheLedgerOnPostgresql() {
        TestDatabases.onPostgresReplicas((first, second) -> check(first));
    }

    private static void check(Database database) {
        CallBurden burden = new CallBurden(database);
        Insights insights = new Insights(database);
        Incident december = open(database, "2026-12-20T10:00:00Z");
        Incident january = open(database, "2027-01-04T10:00:00Z");
        Incident february = open(database, "2027-02-01T10:00:00Z");
        Incident window = open(database, IncidentKind.MAINTENANCE, "2027-02-02T10:00:00Z");
        database.transaction(
                tx -> {
                    burden.replace(
                            tx,
                            december.id(),
                            lines(december, "2026-12-21T20:00:00Z", "U_MERE", "U_SAM"));
                    burden.replace(
                            tx, january.id(), lines(january, "2027-01-05T12:00:00Z", "U_MERE"));
                    // Planned first at 12:00 with Mere, then moved to 20:00 with Ana instead.
                    burden.replace(
                            tx, february.id(), lines(february, "2027-02-02T12:00:00Z", "U_MERE"));
                    burden.replace(
                            tx, february.id(), lines(february, "2027-02-02T20:00:00Z", "U_ANA"));
                    burden.replace(
                            tx, window.id(), lines(window, "2027-02-03T20:00:00Z", "U_MERE"));
                    return null;
                });
        List<String> team = List.of("U_MERE", "U_SAM", "U_ANA", "U_BEN");

        assertEquals(
                Map.of("U_MERE", 3, "U_SAM", 1, "U_ANA", 1),
                burden.since(Instant.parse("2026-12-01T00:00:00Z"), team, -1));
        assertEquals(
                Map.of("U_MERE", 2, "U_ANA", 1),
                burden.since(Instant.parse("2027-01-01T00:00:00Z"), team, -1),
                "from a time on, calls still to come included");
        assertEquals(
                Map.of("U_MERE", 1, "U_ANA", 1),
                burden.since(Instant.parse("2027-01-01T00:00:00Z"), team, window.id()),
                "the call being planned left out");
        assertEquals(Map.of(), burden.since(Instant.EPOCH, List.of(), -1));

        database.transaction(
                tx -> {
                    assertEquals(
                            Map.of("U_MERE", 1, "U_SAM", 1),
                            burden.thisQuarter(tx, team, Instant.parse("2026-12-21T20:00:00Z")));
                    assertEquals(
                            Map.of("U_MERE", 1),
                            burden.thisQuarter(tx, team, Instant.parse("2027-01-05T12:00:00Z")),
                            "a new quarter starts on 1 January, UTC");
                    assertEquals(
                            Map.of("U_MERE", 2, "U_ANA", 1),
                            burden.thisQuarter(tx, team, Instant.parse("2027-02-03T20:00:00Z")));
                    assertEquals(
                            Map.of("U_MERE", 1, "U_ANA", 1),
                            burden.thisQuarter(tx, team, Instant.parse("2027-02-03T19:59:59Z")),
                            "up to and including the call");
                    burden.forget(tx, window.id());
                    return null;
                });
        assertEquals(
                Map.of("U_MERE", 1, "U_ANA", 1),
                burden.since(Instant.parse("2027-01-01T00:00:00Z"), team, -1),
                "a cancelled call inconveniences nobody");

        assertEquals(
                List.of(
                        new Inconvenience(
                                january.id(),
                                "U_MERE",
                                Instant.parse("2027-01-05T12:00:00Z"),
                                "Pacific/Auckland"),
                        new Inconvenience(
                                february.id(),
                                "U_ANA",
                                Instant.parse("2027-02-02T20:00:00Z"),
                                "Pacific/Auckland")),
                insights.inconveniencesOfIncidentsStarted(
                        Instant.parse("2027-01-01T00:00:00Z"),
                        Instant.parse("2027-03-01T00:00:00Z")),
                "the incidents started in the period; no maintenance window");
    }

    private static List<Inconvenience> lines(Incident incident, String at, String... users) {
        return Arrays.stream(users)
                .map(
                        u ->
                                new Inconvenience(
                                        incident.id(), u, Instant.parse(at), "Pacific/Auckland"))
                .toList();
    }

    private static Incident open(Database database, String started) {
        return open(database, IncidentKind.INCIDENT, started);
    }

    private static Incident open(Database database, IncidentKind kind, String started) {
        Instant at = Instant.parse(started);
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
                                                null,
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
