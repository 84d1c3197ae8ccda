package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.IncidentText;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incident's words for the search index: current text only, key moments apart, comments; what
 * changed since a moment; each post of suggestions claimed once.
 */
class IncidentTextsTest {
    private static final Instant AT = Instant.parse("2026-10-03T10:00:00Z");

    @TempDir Path dir;

    @Test
    void wordsAndChangesOnH2() {
        TestDatabases.onH2(dir, database -> wordsAndChanges(database, database));
    }

    @Test
    void wordsAndChangesAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(IncidentTextsTest::wordsAndChanges);
    }

    private static void wordsAndChanges(Database first, Database second) {
        Incident incident =
                first.transaction(
                        tx ->
                                new Incidents(first)
                                        .open(
                                                tx,
                                                new Incidents.NewIncident(
                                                        IncidentKind.INCIDENT,
                                                        "T1",
                                                        "C1",
                                                        "inc-c1",
                                                        "Certificate expired",
                                                        "checkout shows TLS errors",
                                                        Severity.SEV2,
                                                        IncidentStatus.INVESTIGATING,
                                                        "U1",
                                                        "U1",
                                                        AT),
                                                "Incident declared: Certificate expired",
                                                "Alice",
                                                AT));
        Timeline timeline = new Timeline(first);
        first.transaction(
                tx -> {
                    timeline.add(tx, message(incident, "1.1", "the cert expired at midnight"), AT);
                    timeline.add(tx, message(incident, "1.2", "password is hunter2"), AT);
                    timeline.add(
                            tx,
                            Timeline.NewEntry.of(
                                    incident.id(),
                                    "C1",
                                    EntryKind.NOTE,
                                    "U1",
                                    "Alice",
                                    "renewed the certificate",
                                    AT),
                            AT);
                    timeline.markDeleted(tx, "C1", "1.2", AT.plusSeconds(5));
                    new WrapUps(first)
                            .addComment(
                                    tx,
                                    incident.id(),
                                    "U2",
                                    AgendaItem.BETTER,
                                    "automate renewal",
                                    "command",
                                    AT.plusSeconds(9));
                    return null;
                });
        IncidentText text = new IncidentTexts(second).text(incident.id()).orElseThrow();
        assertEquals("Certificate expired", text.title());
        assertEquals(
                List.of("checkout shows TLS errors", "the cert expired at midnight"),
                text.timeline(),
                "the description first, no deleted text, nothing the bot noted");
        assertEquals(List.of("renewed the certificate"), text.moments());
        assertEquals(List.of("automate renewal"), text.comments());
        assertEquals(2, new IncidentTexts(second).writtenEntries(incident.id()));

        IncidentTexts texts = new IncidentTexts(second);
        assertEquals(AT.plusSeconds(9), texts.latestChange().orElseThrow());
        List<IncidentTexts.Change> changes = texts.changedSince(AT.plusSeconds(1));
        assertEquals(2, changes.size(), changes.toString()); // the deletion and the comment
        assertTrue(changes.stream().allMatch(c -> c.incidentId() == incident.id()));
        assertEquals(List.of(), texts.changedSince(AT.plusSeconds(10)));

        assertEquals(
                List.of(true, false, true),
                List.of(
                        first.transaction(
                                tx ->
                                        new IncidentTexts(first)
                                                .claimPost(tx, incident.id(), "declare", AT)),
                        second.transaction(
                                tx ->
                                        new IncidentTexts(second)
                                                .claimPost(tx, incident.id(), "declare", AT)),
                        second.transaction(
                                tx ->
                                        new IncidentTexts(second)
                                                .claimPost(tx, incident.id(), "ten", AT))));
    }

    private static Timeline.NewEntry message(Incident incident, String ts, String text) {
        return new Timeline.NewEntry(
                incident.id(),
                "C1",
                EntryKind.MESSAGE,
                null,
                ts,
                null,
                "U2",
                "Bob",
                text,
                List.of(),
                AT,
                null);
    }
}
