package dev.wrapup.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.report.Section.Timeline;
import dev.wrapup.domain.report.Section.Timeline.Attachment;
import dev.wrapup.domain.report.Section.Timeline.Earlier;
import dev.wrapup.domain.report.Section.Timeline.Line;
import dev.wrapup.domain.report.Section.Timeline.Marker;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineSectionTest {
    private static final Instant T0 = Instant.parse("2026-11-20T23:59:00Z");

    private static TimelineEntry entry(
            EntryKind kind, String ts, String threadTs, String text, Instant at) {
        return new TimelineEntry(
                0, 7, kind, null, ts, threadTs, "U2", null, text, List.of(), at, at, null, null,
                null, false, false, List.of());
    }

    @Test
    void entriesAreGroupedByDayWithRepliesUnderTheirParent() {
        TimelineEntry parent = entry(EntryKind.MESSAGE, "1.1", null, "is it DNS?", T0);
        TimelineEntry reply =
                entry(EntryKind.THREAD_REPLY, "1.3", "1.1", "it is", T0.plusSeconds(120));
        TimelineEntry status =
                entry(EntryKind.STATUS, "1.2", null, "identified", T0.plusSeconds(60));
        Timeline timeline =
                TimelineSection.of(List.of(parent, status, reply), true, t -> t.toUpperCase());

        assertEquals(2, timeline.days().size());
        assertEquals("2026-11-20 (UTC)", timeline.days().get(0).heading());
        Line first = timeline.days().get(0).lines().get(0);
        assertEquals("23:59:00", first.time());
        assertEquals("U2", first.author(), "the id where no name is known");
        assertEquals("IS IT DNS?", first.text());
        assertNull(first.marker());
        Line under = first.replies().get(0);
        assertTrue(under.reply());
        assertEquals("IT IS", under.text());
        assertEquals("2026-11-21 (UTC)", timeline.days().get(1).heading());
        Line next = timeline.days().get(1).lines().get(0);
        assertEquals(new Marker("status", false), next.marker());
        assertEquals(1, timeline.days().get(1).lines().size(), "the reply is not repeated");
    }

    @Test
    void anAuthorNotYetKnownWhenRecordedIsNamedAsTheReportKnowsThemNow() {
        TimelineEntry declared = entry(EntryKind.SYSTEM, "1.1", null, "Incident declared", T0);
        Line line =
                TimelineSection.of(
                                List.of(declared),
                                true,
                                t -> t,
                                id -> "U2".equals(id) ? "Alice Novak" : id)
                        .days()
                        .get(0)
                        .lines()
                        .get(0);
        assertEquals("Alice Novak", line.author());
    }

    @Test
    void historyShowsEarlierTextsWhileWhatIsPublishedOnlySaysItWasEdited() {
        TimelineEntry edited =
                new TimelineEntry(
                        0,
                        7,
                        EntryKind.MESSAGE,
                        null,
                        "1.1",
                        null,
                        "U2",
                        "Bo",
                        "see <https://status.example/x>",
                        List.of(new FileRef("F1", "graph.png", "png", "https://files/F1")),
                        T0,
                        T0,
                        T0.plusSeconds(9),
                        null,
                        null,
                        false,
                        false,
                        List.of(new TimelineEntry.Version("token\nxoxp-1", T0.plusSeconds(9))));

        Line full = TimelineSection.of(List.of(edited), true, t -> t).days().get(0).lines().get(0);
        assertFalse(full.edited());
        assertEquals("edited at 23:59:09; earlier text:", full.edits().heading());
        assertEquals(
                List.of(new Earlier("token xoxp-1", "(replaced at 23:59:09)")),
                full.edits().earlier());
        assertEquals(
                List.of(
                        new Attachment("file: graph.png (png)", "https://files/F1"),
                        new Attachment("link:", "https://status.example/x")),
                full.attachments());

        Line published =
                TimelineSection.of(List.of(edited), false, t -> t).days().get(0).lines().get(0);
        assertTrue(published.edited());
        assertNull(published.edits());
    }

    @Test
    void aDeletedMessageKeepsNeitherTextNorFilesOutsideTheChannel() {
        TimelineEntry deleted =
                new TimelineEntry(
                        0,
                        7,
                        EntryKind.FILE,
                        null,
                        "1.1",
                        null,
                        "U2",
                        "Bo",
                        "secret",
                        List.of(new FileRef("F1", "dump.sql", null, null)),
                        T0,
                        T0,
                        null,
                        T0.plusSeconds(5),
                        null,
                        true,
                        false,
                        List.of());
        Line hidden =
                TimelineSection.of(List.of(deleted), false, t -> t).days().get(0).lines().get(0);
        assertNull(hidden.text());
        assertTrue(hidden.attachments().isEmpty());
        assertTrue(hidden.keyMoment());

        Line kept = TimelineSection.of(List.of(deleted), true, t -> t).days().get(0).lines().get(0);
        assertEquals("secret", kept.text());
        assertEquals("(deleted at 23:59:05)", kept.deleted());
        assertEquals(List.of(new Attachment("file: dump.sql", null)), kept.attachments());
    }
}
