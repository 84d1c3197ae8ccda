package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding entries: every field kept, a message stored once by (channel, ts), on H2 and PostgreSQL.
 */
class TimelineTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:15:30.123456Z");

    @TempDir Path dir;

    @Test
    void addsOnH2() {
        addsEachMessageOnce(TestDatabases.h2(dir));
    }

    @Test
    void addsOnPostgresql() {
        addsEachMessageOnce(TestDatabases.freshPostgresSchema());
    }

    private static void addsEachMessageOnce(DatabaseSettings settings) {
        try (Database database = Database.open(settings)) {
            database.migrate();
            Incident incident =
                    database.transaction(
                            tx ->
                                    new Incidents(database)
                                            .create(
                                                    tx,
                                                    new NewIncident(
                                                            IncidentKind.INCIDENT,
                                                            "T1",
                                                            "C1",
                                                            "inc-test",
                                                            "Test",
                                                            null,
                                                            Severity.SEV2,
                                                            IncidentStatus.INVESTIGATING,
                                                            "U1",
                                                            "U1",
                                                            AT),
                                                    AT));
            Timeline timeline = new Timeline(database);
            FileRef graph =
                    new FileRef("F1", "graph.png", "png", "https://example.slack.com/files/F1");
            NewEntry message =
                    new NewEntry(
                            incident.id(),
                            "C1",
                            EntryKind.FILE,
                            "file_share",
                            "1700000000.000100",
                            "1700000000.000001",
                            "U2",
                            "Bob",
                            "the graph",
                            List.of(graph),
                            AT,
                            null);
            NewEntry sameTsOtherText =
                    new NewEntry(
                            incident.id(),
                            "C1",
                            EntryKind.MESSAGE,
                            null,
                            "1700000000.000100",
                            null,
                            "U3",
                            "Carol",
                            "a second delivery",
                            List.of(),
                            AT,
                            null);
            NewEntry sameTsOtherChannel =
                    new NewEntry(
                            incident.id(),
                            "C2",
                            EntryKind.MESSAGE,
                            null,
                            "1700000000.000100",
                            null,
                            "U3",
                            "Carol",
                            "elsewhere",
                            List.of(),
                            AT,
                            null);
            NewEntry note =
                    NewEntry.of(incident.id(), "C1", EntryKind.NOTE, "U1", null, "a note", AT);
            Instant recorded = AT.plusSeconds(1);

            // All in one transaction: a duplicate must not spoil the rest of it.
            List<Boolean> added =
                    database.transaction(
                            tx ->
                                    List.of(
                                            timeline.add(tx, message, recorded),
                                            timeline.add(tx, sameTsOtherText, recorded),
                                            timeline.add(tx, sameTsOtherChannel, recorded),
                                            timeline.add(tx, note, recorded),
                                            timeline.add(tx, note, recorded)));
            assertEquals(List.of(true, false, true, true, true), added);
            // A later transaction meets the committed message the same way.
            boolean addedAgain =
                    database.transaction(tx -> timeline.add(tx, sameTsOtherText, recorded));
            assertFalse(addedAgain);

            List<TimelineEntry> entries = timeline.entries(incident.id());
            assertEquals(
                    4,
                    entries.size(),
                    "one message per (channel, ts); entries without a ts never conflict");
            TimelineEntry stored = timeline.find("C1", "1700000000.000100").orElseThrow();
            assertEquals(EntryKind.FILE, stored.kind());
            assertEquals("file_share", stored.subtype());
            assertEquals("1700000000.000001", stored.threadTs());
            assertEquals("U2", stored.authorId());
            assertEquals("Bob", stored.authorName());
            assertEquals("the graph", stored.text());
            assertEquals(List.of(graph), stored.files());
            assertEquals(AT.truncatedTo(ChronoUnit.MICROS), stored.occurredAt());
            assertEquals(recorded.truncatedTo(ChronoUnit.MICROS), stored.recordedAt());
            TimelineEntry storedNote =
                    entries.stream()
                            .filter(e -> e.kind() == EntryKind.NOTE)
                            .findFirst()
                            .orElseThrow();
            assertNull(storedNote.ts());
            assertNull(storedNote.authorName());
            assertTrue(storedNote.files().isEmpty());
        }
    }
}
