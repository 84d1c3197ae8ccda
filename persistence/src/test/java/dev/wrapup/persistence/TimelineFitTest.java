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
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What does not fit the timeline's columns is cut with a marker, and then fits on H2 and PostgreSQL
 * alike.
 */
class TimelineFitTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:15:30Z");

    @TempDir Path dir;

    @Test
    void theColumnSizesComeFromTheSchema() {
        assertEquals(40_000, TimelineFit.TEXT);
        assertEquals(40_000, TimelineFit.FILES);
        assertEquals(255, TimelineFit.AUTHOR_NAME);
        assertEquals(40, TimelineFit.SUBTYPE);
    }

    @Test
    void textIsCutWithAMarkerThatCountsWhatWasLeftOut() {
        assertEquals("x".repeat(10), TimelineFit.cut("x".repeat(10), 10));
        assertNull(TimelineFit.cut(null, 10));
        // The marker is sized for the whole length, so the cut may leave a few characters unused.
        assertEquals(
                "y".repeat(39_963) + "… [truncated: 38 more characters]",
                TimelineFit.cut("y".repeat(40_001), 40_000));
        assertEquals(
                "z".repeat(39_960) + "… [truncated: 960,040 more characters]",
                TimelineFit.cut("z".repeat(1_000_000), 40_000));
    }

    @Test
    void aCutNeverSplitsAnEmojiAndNulBecomesAReplacementCharacter() {
        String cut = TimelineFit.cut("a" + "😀".repeat(30_000), 40_000);
        int marker = cut.indexOf("… [truncated: ");
        assertFalse(
                Character.isHighSurrogate(cut.charAt(marker - 1)),
                "no half emoji before the marker");
        assertTrue(cut.length() <= 40_000);
        assertEquals("before\uFFFDafter", TimelineFit.cut("before\0after", 100));
    }

    @Test
    void filesBeyondTheColumnAreCountedInALastEntry() {
        List<FileRef> files = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            files.add(
                    new FileRef(
                            "F" + i,
                            "screenshot-" + i + ".png",
                            "png",
                            "https://example.slack.com/files/U1/F"
                                    + i
                                    + "/screenshot-"
                                    + i
                                    + ".png"));
        }
        String json = TimelineFit.files(files);
        assertTrue(json.length() <= 40_000, "fits: " + json.length());
        assertTrue(json.length() > 39_000, "fills it: " + json.length());
        assertTrue(
                json.endsWith(
                        "\"permalink\":\"https://example.slack.com/files/U1/F314/screenshot-314.png\"},"
                                + "{\"name\":\"… and 685 more files\"}]"),
                json.substring(json.length() - 120));
        assertNull(TimelineFit.files(List.of()));
        assertEquals(
                "[{\"id\":\"F1\",\"name\":\"a.png\"}]",
                TimelineFit.files(List.of(new FileRef("F1", "a.png", null, null))));
    }

    @Test
    void aLongFileNameIsCutAndItsLinkShortenedToTheFile() {
        String name = "n".repeat(5_000) + ".txt";
        String json =
                TimelineFit.files(
                        List.of(
                                new FileRef(
                                        "F9",
                                        name,
                                        "text",
                                        "https://example.slack.com/files/U1/F9/" + name)));
        assertTrue(json.contains("\"permalink\":\"https://example.slack.com/files/U1/F9\""), json);
        assertTrue(
                json.contains(
                        "\"name\":\"" + "n".repeat(219) + "… [truncated: 4,785 more characters]\""),
                json);
        String noId =
                TimelineFit.files(
                        List.of(new FileRef(null, "x", null, "https://example.com/" + name)));
        assertFalse(
                noId.contains("permalink"),
                "a link too long to keep whole and no id to shorten it to: " + noId);
    }

    @Test
    void overlongEntriesAndEditsAreStoredCutOnH2() {
        storesOverlongEntries(TestDatabases.h2(dir));
    }

    @Test
    void overlongEntriesAndEditsAreStoredCutOnPostgresql() {
        storesOverlongEntries(TestDatabases.freshPostgresSchema());
    }

    private static void storesOverlongEntries(DatabaseSettings settings) {
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
                                                            "inc-big",
                                                            "Big",
                                                            null,
                                                            null,
                                                            IncidentStatus.INVESTIGATING,
                                                            "U1",
                                                            "U1",
                                                            AT),
                                                    AT));
            Timeline timeline = new Timeline(database);
            List<FileRef> files = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                files.add(
                        new FileRef(
                                "F" + i,
                                "grafana-" + i + ".png",
                                "png",
                                "https://example.slack.com/files/U2/F"
                                        + i
                                        + "/grafana-"
                                        + i
                                        + ".png"));
            }
            // Emoji count twice on H2 and once on PostgreSQL; the cut is safe for both.
            String emoji = "🔥".repeat(25_000);
            NewEntry big =
                    new NewEntry(
                            incident.id(),
                            "C1",
                            EntryKind.FILE,
                            "file_share" + "_x".repeat(30),
                            "1700000000.000100",
                            null,
                            "B1",
                            "Alerts " + "bot ".repeat(100),
                            emoji + "\0",
                            files,
                            AT,
                            null);
            database.transaction(tx -> timeline.add(tx, big, AT));
            String edit = "✅".repeat(45_000);
            for (int again = 0; again < 2; again++) {
                boolean edited =
                        database.transaction(
                                tx ->
                                        timeline.edit(
                                                tx, "C1", "1700000000.000100", edit, files, AT));
                assertTrue(edited);
            }

            TimelineEntry stored = timeline.find("C1", "1700000000.000100").orElseThrow();
            assertTrue(stored.text().startsWith("✅✅"), stored.text().substring(0, 10));
            assertTrue(stored.text().endsWith(" more characters]"));
            assertEquals(
                    1, stored.versions().size(), "the same overlong text again is no new version");
            assertTrue(stored.versions().get(0).text().startsWith("🔥🔥"));
            assertTrue(stored.files().size() < 400);
            assertTrue(
                    stored.files()
                            .get(stored.files().size() - 1)
                            .name()
                            .matches("… and \\d+ more files"));
            assertTrue(stored.authorName().length() <= 255);
            assertEquals(40, stored.subtype().length());
        }
    }
}
