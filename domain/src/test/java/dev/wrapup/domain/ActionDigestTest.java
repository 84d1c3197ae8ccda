package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class ActionDigestTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    /** Incident 1 was run by Fay, incident 2 by Bob. */
    private static final LongFunction<String> FACILITATOR =
            id -> Map.of(1L, "FAY", 2L, "BOB").get(id);

    private static ActionItem item(long id, long incident, String owner, LocalDate due) {
        return new ActionItem(
                id,
                incident,
                (int) id,
                owner,
                "item " + id,
                due,
                "FAY",
                Instant.parse("2026-11-30T10:00:00Z"),
                null);
    }

    @Test
    void dueFromNineOnMondayUntilMidnightAndNeverOnTuesday() {
        assertEquals(
                Optional.empty(),
                ActionDigest.dueWeek(ZonedDateTime.of(MONDAY.atTime(8, 59, 59), AUCKLAND)));
        assertEquals(
                Optional.of(MONDAY),
                ActionDigest.dueWeek(ZonedDateTime.of(MONDAY.atTime(9, 0), AUCKLAND)));
        assertEquals(
                Optional.of(MONDAY),
                ActionDigest.dueWeek(ZonedDateTime.of(MONDAY.atTime(23, 59), AUCKLAND)));
        assertEquals(
                Optional.empty(),
                ActionDigest.dueWeek(ZonedDateTime.of(MONDAY.plusDays(1).atTime(0, 1), AUCKLAND)));
        assertEquals(
                Optional.empty(),
                ActionDigest.dueWeek(
                        ZonedDateTime.of(MONDAY.minusDays(1).atTime(10, 0), AUCKLAND)));
    }

    @Test
    void ownItemsFirstAndAFacilitatorsOverdueItemsOfOthersOnce() {
        List<ActionItem> open =
                List.of(
                        item(1, 1, "FAY", MONDAY.minusDays(3)), // Fay's own, overdue
                        item(2, 1, "ANN", MONDAY.minusDays(1)), // Ann's, overdue in Fay's wrap-up
                        item(3, 1, "ANN", MONDAY), // due today: not overdue
                        item(4, 1, "ANN", null), // no due date: never overdue
                        item(5, 2, "ANN", MONDAY.minusDays(9))); // overdue, but Bob ran that one

        ActionDigest fay = ActionDigest.of("FAY", MONDAY, open, FACILITATOR).orElseThrow();
        assertEquals(List.of(1L), fay.own().stream().map(ActionItem::id).toList());
        assertEquals(List.of(2L), fay.facilitated().stream().map(ActionItem::id).toList());

        ActionDigest ann = ActionDigest.of("ANN", MONDAY, open, FACILITATOR).orElseThrow();
        assertEquals(List.of(2L, 3L, 4L, 5L), ann.own().stream().map(ActionItem::id).toList());
        assertTrue(ann.facilitated().isEmpty());

        ActionDigest bob = ActionDigest.of("BOB", MONDAY, open, FACILITATOR).orElseThrow();
        assertTrue(bob.own().isEmpty());
        assertEquals(List.of(5L), bob.facilitated().stream().map(ActionItem::id).toList());

        assertEquals(Set.of("FAY", "ANN", "BOB"), ActionDigest.candidates(open, FACILITATOR));
    }

    @Test
    void nobodyWithNothingToReadGetsADigest() {
        List<ActionItem> open = List.of(item(3, 1, "ANN", MONDAY), item(4, 2, "ANN", null));
        assertEquals(Optional.empty(), ActionDigest.of("FAY", MONDAY, open, FACILITATOR));
        assertEquals(Optional.empty(), ActionDigest.of("BOB", MONDAY, open, FACILITATOR));
        assertEquals(Optional.empty(), ActionDigest.of("CAT", MONDAY, List.of(), FACILITATOR));
    }

    @Test
    void ageIsCountedInWholeDaysOfTheReadersCalendar() {
        ActionItem item = item(1, 1, "FAY", null); // given 2026-11-30T10:00Z: 23:00 there
        assertEquals(7, ActionDigest.ageInDays(item, MONDAY, ZoneOffset.UTC));
        assertEquals(7, ActionDigest.ageInDays(item, MONDAY, AUCKLAND));
        assertEquals(0, ActionDigest.ageInDays(item, LocalDate.of(2026, 11, 30), ZoneOffset.UTC));
    }
}
