package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.IncidentSearch.IncidentQuery;
import dev.wrapup.persistence.IncidentSearch.State;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web list's query: open incidents first, then the most recent, and each filter. */
class IncidentSearchTest {
    private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir Path dir;

    @Test
    void openFirstThenMostRecentAndEachFilter() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incidents incidents = new Incidents(database);
                    long oldOpen =
                            add(database, incidents, IncidentKind.INCIDENT, "Disk full", 0, false);
                    long newResolved =
                            add(database, incidents, IncidentKind.INCIDENT, "DNS 100%", 5, true);
                    long newOpen =
                            add(database, incidents, IncidentKind.WRAPUP, "Near miss", 3, false);
                    long resolvedLater =
                            add(database, incidents, IncidentKind.INCIDENT, "Login slow", 4, true);
                    IncidentSearch search = new IncidentSearch(database);

                    assertEquals(
                            List.of(newOpen, oldOpen, newResolved, resolvedLater),
                            ids(search.search(IncidentQuery.everything())));
                    assertEquals(
                            List.of(newOpen, oldOpen),
                            ids(search.search(new IncidentQuery(State.OPEN, null, null, ""))));
                    assertEquals(
                            List.of(newResolved, resolvedLater),
                            ids(search.search(new IncidentQuery(State.RESOLVED, null, null, ""))));
                    assertEquals(
                            List.of(newOpen),
                            ids(
                                    search.search(
                                            new IncidentQuery(
                                                    State.ANY, IncidentKind.WRAPUP, null, null))));
                    assertEquals(
                            List.of(oldOpen),
                            ids(
                                    search.search(
                                            new IncidentQuery(
                                                    State.ANY, null, Severity.SEV1, null))));
                    // Case-insensitive, in the title, the description or the summary.
                    assertEquals(
                            List.of(resolvedLater),
                            ids(search.search(new IncidentQuery(State.ANY, null, null, "LOGIN"))));
                    assertEquals(
                            List.of(oldOpen),
                            ids(search.search(new IncidentQuery(State.ANY, null, null, "about"))));
                    // % is a letter to find, not a wildcard.
                    assertEquals(
                            List.of(newResolved),
                            ids(search.search(new IncidentQuery(State.ANY, null, null, "100%"))));
                    assertEquals(
                            List.of(),
                            ids(search.search(new IncidentQuery(State.ANY, null, null, "_"))));
                });
    }

    private static long add(
            Database database,
            Incidents incidents,
            IncidentKind kind,
            String title,
            int hoursLater,
            boolean resolved) {
        Instant start = AT.plus(Duration.ofHours(hoursLater));
        return database.transaction(
                tx -> {
                    Incident i =
                            incidents.create(
                                    tx,
                                    new NewIncident(
                                            kind,
                                            "T1",
                                            "C" + hoursLater,
                                            "inc-" + hoursLater,
                                            title,
                                            hoursLater == 0 ? "All about the disk" : null,
                                            hoursLater == 0 ? Severity.SEV1 : Severity.SEV2,
                                            IncidentStatus.INVESTIGATING,
                                            "U1",
                                            "U1",
                                            start),
                                    start);
                    if (resolved) {
                        incidents.setStatus(
                                tx, i.id(), IncidentStatus.RESOLVED, start.plusSeconds(600));
                    }
                    return i.id();
                });
    }

    private static List<Long> ids(List<Incident> found) {
        return found.stream().map(Incident::id).toList();
    }
}
