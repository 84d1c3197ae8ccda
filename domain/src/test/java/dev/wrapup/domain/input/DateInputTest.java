package dev.wrapup.domain.input;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Dates as people type them: strict, within sane ranges, refused in one line that says why. */
class DateInputTest {
    private static final Instant NOW = Instant.parse("2026-12-01T22:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    /** The refusal's one line. */
    private static String refusal(Executable parse) {
        InputRefused refused = assertThrows(InputRefused.class, parse);
        assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
        return refused.getMessage();
    }

    @Test
    void readsADateAndTimeWithOneOrTwoDigitHoursAndAnySpacing() throws Exception {
        assertEquals(
                LocalDateTime.of(2026, 11, 24, 15, 30), DateInput.dateTime("2026-11-24 15:30"));
        assertEquals(
                LocalDateTime.of(2026, 11, 24, 9, 5), DateInput.dateTime(" 2026-11-24   9:05 "));
        assertEquals(LocalDateTime.of(2026, 11, 24, 0, 0), DateInput.dateTime("2026-11-24 00:00"));
        assertEquals(
                LocalDateTime.of(2026, 11, 24, 23, 59), DateInput.dateTime("2026-11-24 23:59"));
        assertEquals(LocalDate.of(2026, 12, 31), DateInput.date("2026-12-31", "due date"));
    }

    @Test
    void aDayTheMonthDoesNotHaveIsRefusedNotMovedToTheMonthsEnd() {
        assertEquals(
                "`2026-02-30 10:00` is not a date: February 2026 has 28 days.",
                refusal(() -> DateInput.dateTime("2026-02-30 10:00")));
        assertEquals(
                "`2026-02-30` is not a date: February 2026 has 28 days.",
                refusal(() -> DateInput.date("2026-02-30", "due date")));
        assertEquals(
                "`2027-04-31` is not a date: April 2027 has 30 days.",
                refusal(() -> DateInput.date("2027-04-31", "due date")));
        assertEquals(
                "`2027-02-29` is not a date: February 2027 has 28 days.",
                refusal(() -> DateInput.date("2027-02-29", "due date")));
        assertDoesNotThrow(
                () -> DateInput.date("2028-02-29", "due date"), "a leap year's 29 February");
        assertEquals(
                "`2026-13-01` is not a date: months go from 01 to 12.",
                refusal(() -> DateInput.date("2026-13-01", "due date")));
        assertEquals(
                "`2026-00-10 10:00` is not a date: months go from 01 to 12.",
                refusal(() -> DateInput.dateTime("2026-00-10 10:00")));
        assertEquals(
                "`2026-12-00` is not a date: days start at 01.",
                refusal(() -> DateInput.date("2026-12-00", "due date")));
    }

    @Test
    void twentyFourOClockAndSixtyMinutesAreRefused() {
        assertEquals(
                "`2026-11-24 24:00` is not a time of day: hours go from 0 to 23, and midnight is 0:00 of "
                        + "the next day.",
                refusal(() -> DateInput.dateTime("2026-11-24 24:00")));
        assertEquals(
                "`2026-11-24 10:60` is not a time of day: minutes go from 00 to 59.",
                refusal(() -> DateInput.dateTime("2026-11-24 10:60")));
    }

    @Test
    void otherShapesGetTheExample() {
        for (String typed :
                new String[] {
                    "tomorrow 10:00",
                    "2026-11-24 10",
                    "24.11.2026 10:00",
                    "2026-1-24 10:00",
                    "2026-11-24 10:5",
                    "2026-11-24T10:00",
                    "2026-11-24 10:00 pm"
                }) {
            assertEquals(
                    "`" + typed + "` is not a date and time like 2026-11-24 15:30.",
                    refusal(() -> DateInput.dateTime(typed)),
                    typed);
        }
        assertEquals(
                "`someday` is not a due date like 2026-12-01.",
                refusal(() -> DateInput.date("someday", "due date")));
        assertEquals(
                "`2026-12-1` is not a due date like 2026-12-01.",
                refusal(() -> DateInput.date("2026-12-1", "due date")));
    }

    @Test
    void timezonesAreAreaCityOrOffsets() throws Exception {
        assertEquals(ZoneId.of("Europe/Berlin"), DateInput.zone("Europe/Berlin"));
        assertEquals(ZoneId.of("+05:30"), DateInput.zone("+05:30"));
        assertEquals(
                "`Mars/Olympus` is not a timezone: use Area/City as in Europe/Berlin.",
                refusal(() -> DateInput.zone("Mars/Olympus")));
    }

    @Test
    void theCallMovesAtMostAYearAhead() {
        assertDoesNotThrow(() -> DateInput.callTime(Instant.parse("2027-12-01T22:00:00Z"), NOW));
        assertEquals(
                "The analysis call can be moved at most a year ahead; hold it while people still remember "
                        + "the incident.",
                refusal(() -> DateInput.callTime(Instant.parse("2027-12-01T22:01:00Z"), NOW)));
        assertEquals(
                "The analysis call can be moved at most a year ahead; hold it while people still remember "
                        + "the incident.",
                refusal(() -> DateInput.callTime(Instant.parse("+10000-01-01T00:00:00Z"), NOW)));
    }

    @Test
    void aWindowStartsWithinTwoYearsAndLastsAtMostAWeek() {
        Instant inTwoYears = Instant.parse("2028-12-01T22:00:00Z");
        assertDoesNotThrow(
                () -> DateInput.window(inTwoYears, inTwoYears.plus(Duration.ofDays(7)), NOW));
        assertDoesNotThrow(
                () -> DateInput.window(NOW.minusSeconds(30), NOW.plusSeconds(3600), NOW),
                "planned in the minute it starts");
        assertEquals(
                "A maintenance window can start at most two years ahead.",
                refusal(
                        () ->
                                DateInput.window(
                                        inTwoYears.plusSeconds(60),
                                        inTwoYears.plusSeconds(3600),
                                        NOW)));
        assertEquals(
                "A maintenance window can last at most 7 days; plan a longer change as several windows.",
                refusal(
                        () ->
                                DateInput.window(
                                        NOW, NOW.plus(Duration.ofDays(7)).plusSeconds(60), NOW)));
        assertEquals(
                "The window must end after it starts.",
                refusal(() -> DateInput.window(NOW.plusSeconds(3600), NOW.plusSeconds(3600), NOW)));
        assertEquals(
                "That window starts in the past; plan one that is still to come.",
                refusal(
                        () ->
                                DateInput.window(
                                        NOW.minusSeconds(3600), NOW.plusSeconds(3600), NOW)));
    }

    @Test
    void anActionIsDueFromYesterdayToThreeYearsAhead() throws Exception {
        assertEquals(TODAY.minusDays(1), DateInput.due("2026-11-30", TODAY));
        assertEquals(LocalDate.of(2029, 12, 1), DateInput.due("2029-12-01", TODAY));
        assertEquals(
                "The due date 2026-11-29 has passed.",
                refusal(() -> DateInput.due("2026-11-29", TODAY)));
        assertEquals(
                "An action item can be due at most three years ahead (2029-12-01).",
                refusal(() -> DateInput.due("2029-12-02", TODAY)));
        assertEquals(
                "An action item can be due at most three years ahead (2029-12-01).",
                refusal(() -> DateInput.due("9999-12-31", TODAY)));
        assertEquals(
                "`2027-02-29` is not a date: February 2027 has 28 days.",
                refusal(() -> DateInput.due("2027-02-29", TODAY)));
    }
}
