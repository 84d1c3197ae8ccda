package dev.wrapup.bot.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.web.pages.IncidentView.Day;
import dev.wrapup.bot.web.pages.IncidentView.DayLink;
import dev.wrapup.bot.web.pages.IncidentView.Item;
import dev.wrapup.bot.web.pages.IncidentView.TimelinePage;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A large timeline cut into pages: whole threads, by day, about 500 entries at most. */
class TimelinePagesTest {
    private static final Instant DAY1 = Instant.parse("2026-11-22T00:00:00Z");

    private static TimelineEntry entry(long id, Instant at, String threadTs) {
        String ts = "1790000000." + String.format("%06d", id);
        return new TimelineEntry(
                id,
                1,
                threadTs == null ? EntryKind.MESSAGE : EntryKind.THREAD_REPLY,
                null,
                ts,
                threadTs,
                "U1",
                "alice",
                "m" + id,
                List.of(),
                at,
                at,
                null,
                null,
                null,
                false,
                false,
                List.of());
    }

    /** n entries spread over the day starting at {@code day}, a thread of 3 replies every 10. */
    private static List<TimelineEntry> day(Instant day, int n, long firstId) {
        List<TimelineEntry> entries = new ArrayList<>();
        Duration step = Duration.ofHours(23).dividedBy(n);
        String parent = null;
        for (int i = 0; i < n; i++) {
            long id = firstId + i;
            boolean reply = parent != null && i % 10 >= 1 && i % 10 <= 3;
            TimelineEntry e = entry(id, day.plus(step.multipliedBy(i)), reply ? parent : null);
            if (i % 10 == 0) {
                parent = e.ts();
            }
            entries.add(e);
        }
        return entries;
    }

    private static TimelinePage page(List<TimelineEntry> entries, LocalDate day, int part) {
        return TimelinePages.of(
                entries,
                e -> true,
                e ->
                        new Item(
                                e.id(),
                                e.occurredAt(),
                                e.authorName(),
                                null,
                                null,
                                false,
                                null,
                                false,
                                List.of(),
                                List.of(),
                                false,
                                false,
                                List.of()),
                day,
                part,
                "/incidents/1?");
    }

    private static int count(List<Day> days) {
        return days.stream()
                .flatMap(d -> d.items().stream())
                .mapToInt(i -> 1 + i.replies().size())
                .sum();
    }

    @Test
    void smallDaysShareTheFirstPage() {
        List<TimelineEntry> entries = new ArrayList<>(day(DAY1, 100, 1));
        entries.addAll(day(DAY1.plus(Duration.ofDays(1)), 100, 1000));
        TimelinePage first = page(entries, null, 0);
        assertEquals(2, first.days().size());
        assertEquals(200, first.entries());
        assertEquals(200, count(first.days()));
        assertNull(first.nextPart());
    }

    @Test
    void aLargeDayIsSplitInWholeThreadsAndLaterDaysArePagesOfTheirOwn() {
        List<TimelineEntry> entries = new ArrayList<>(day(DAY1, 1200, 1));
        entries.addAll(day(DAY1.plus(Duration.ofDays(1)), 50, 5000));
        TimelinePage first = page(entries, null, 0);
        assertEquals(1, first.days().size());
        assertTrue(first.entries() <= TimelinePages.PAGE_ENTRIES, "" + first.entries());
        assertEquals("/incidents/1?day=2026-11-22&part=1", first.nextPart());
        assertEquals(List.of(true, false), first.allDays().stream().map(DayLink::current).toList());
        // Replies stay under their parent: no part starts with a reply.
        for (Item i : first.days().get(0).items()) {
            long n = (i.id() - 1) % 10;
            assertTrue(n == 0 || n > 3, "a reply on its own: " + i.id());
        }

        int seen = first.entries();
        TimelinePage part = first;
        int parts = 1;
        while (part.nextPart() != null) {
            part = page(entries, LocalDate.parse("2026-11-22"), parts++);
            seen += part.entries();
        }
        assertEquals(1200, seen);

        TimelinePage second = page(entries, LocalDate.parse("2026-11-23"), 0);
        assertEquals(50, second.entries());
        assertEquals(LocalDate.parse("2026-11-23"), second.days().get(0).date());
    }
}
