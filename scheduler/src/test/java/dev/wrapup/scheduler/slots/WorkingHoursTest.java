package dev.wrapup.scheduler.slots;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingHoursTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Test
    void parsesARangeOfDays() {
        WorkingHours hours = WorkingHours.parse("MON-FRI 09:00-17:00");
        assertEquals(EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), hours.days());
        assertEquals(LocalTime.of(9, 0), hours.from());
        assertEquals(LocalTime.of(17, 0), hours.to());
    }

    @Test
    void parsesAListOfDays() {
        WorkingHours hours = WorkingHours.parse("MON,WED,FRI 08:30-16:00");
        assertEquals(EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), hours.days());
        assertEquals(LocalTime.of(8, 30), hours.from());
        assertEquals(LocalTime.of(16, 0), hours.to());
    }

    @Test
    void parsesASingleDay() {
        WorkingHours hours = WorkingHours.parse("SAT 10:00-12:00");
        assertEquals(EnumSet.of(SATURDAY), hours.days());
        assertEquals(LocalTime.of(10, 0), hours.from());
        assertEquals(LocalTime.of(12, 0), hours.to());
    }

    @Test
    void parsesAllDayEveryDayWith24AsTheEndOfTheDay() {
        WorkingHours hours = WorkingHours.parse("MON-SUN 00:00-24:00");
        assertEquals(EnumSet.allOf(DayOfWeek.class), hours.days());
        assertEquals(LocalTime.MIDNIGHT, hours.from());
        assertEquals(LocalTime.MIDNIGHT, hours.to());
    }

    @Test
    void rangesWrapAroundTheWeek() {
        assertEquals(
                EnumSet.of(SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY),
                WorkingHours.parse("SUN-THU 08:00-16:00").days());
        assertEquals(
                EnumSet.of(FRIDAY, SATURDAY, SUNDAY, MONDAY),
                WorkingHours.parse("FRI-MON 08:00-16:00").days());
    }

    @Test
    void rangesAndSingleDaysMix() {
        assertEquals(
                EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, FRIDAY),
                WorkingHours.parse("MON-WED,FRI 09:00-17:00").days());
    }

    @Test
    void parsingIgnoresCaseAndExtraSpaces() {
        assertEquals(
                WorkingHours.parse("MON-FRI 09:00-17:00"),
                WorkingHours.parse("  mon-Fri   9:00 - 17:00 "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MON-FRI 09:00-17:00",
                "MON,WED,FRI 08:30-16:00",
                "SAT 10:00-12:00",
                "MON-SUN 00:00-24:00",
                "SUN-THU 08:00-16:00",
                "FRI-MON 07:15-23:45",
                "MON,TUE,THU,SAT 09:00-17:00"
            })
    void textFormReadsBackToTheSameHours(String text) {
        WorkingHours hours = WorkingHours.parse(text);
        assertEquals(text, hours.toString());
        assertEquals(hours, WorkingHours.parse(hours.toString()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ",
                "MON-FRI",
                "09:00-17:00",
                "MON-FRU 09:00-17:00",
                "MONDAY 09:00-17:00",
                "MON-FRI 17:00-09:00",
                "MON-FRI 09:00-09:00",
                "MON-FRI 22:00-06:00",
                "MON-FRI 25:00-26:00",
                "MON-FRI 09:60-17:00",
                "MON-FRI 24:00-24:00",
                "MON-FRI 22:00-00:00",
                "MON-TUE-WED 09:00-17:00",
                "MON,,FRI 09:00-17:00",
                "MON-FRI 9-17",
                "MON-FRI 09:00",
                "MON-FRI 09:00-17:00 UTC"
            })
    void malformedTextIsRejectedWithTheExpectedForm(String text) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"MON-FRI 09:00-17:00\""), e.getMessage());
        assertTrue(e.getMessage().contains("24:00 for the end of the day"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "MON-FRU 09:00-17:00 | \"FRU\" is not a day",
                "MON-FRI 17:00-09:00 | the end 09:00 is not after the start 17:00",
                "MON-FRI 22:00-00:00 | an end of 00:00 is ambiguous",
                "MON-FRI 09:60-17:00 | \"09:60\" is not a time",
                "MON-FRI 24:00-24:00 | cannot start at 24:00"
            })
    void errorSaysWhatIsWrong(String text, String reason) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WorkingHours.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void hoursNeedAWorkingDay() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new WorkingHours(Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }

    @Test
    void daysCannotBeChangedAfterwards() {
        Set<DayOfWeek> days = EnumSet.of(MONDAY);
        WorkingHours hours = new WorkingHours(days, LocalTime.of(9, 0), LocalTime.of(17, 0));
        days.add(SUNDAY);
        assertEquals(Set.of(MONDAY), hours.days());
        assertThrows(UnsupportedOperationException.class, () -> hours.days().add(SUNDAY));
    }

    @ParameterizedTest
    @CsvSource({
        "2025-06-11T09:00, 30, true", // Wednesday, first slot of the day
        "2025-06-11T16:30, 30, true", // ends exactly at 17:00
        "2025-06-11T16:31, 30, false", // runs past 17:00
        "2025-06-11T08:59, 30, false", // starts before 09:00
        "2025-06-11T09:00, 480, true", // the whole working day
        "2025-06-11T09:00, 481, false",
        "2025-06-14T10:00, 30, false", // Saturday
        "2025-06-15T10:00, 30, false"
    }) // Sunday
    void slotMustLieWholeInsideTheWorkingDay(String local, long minutes, boolean inside) {
        WorkingHours hours = WorkingHours.parse("MON-FRI 09:00-17:00");
        assertEquals(inside, hours.contains(berlin(local), Duration.ofMinutes(minutes)));
    }

    @Test
    void sameInstantIsWorkingTimeInOneZoneAndNotInAnother() {
        WorkingHours hours = WorkingHours.parse("MON-FRI 09:00-17:00");
        Instant mondayMorningInBerlin = Instant.parse("2025-06-16T07:00:00Z");
        assertTrue(hours.contains(mondayMorningInBerlin.atZone(BERLIN), HALF_HOUR));
        assertFalse(
                hours.contains(
                        mondayMorningInBerlin.atZone(ZoneId.of("America/Los_Angeles")), HALF_HOUR));
    }

    @Test
    void slotMayEndAtMidnightWhenHoursRunTo24() {
        WorkingHours hours = WorkingHours.parse("MON-SUN 00:00-24:00");
        assertTrue(
                hours.contains(
                        ZonedDateTime.parse("2025-06-14T23:30+02:00[Europe/Berlin]"), HALF_HOUR));
        assertTrue(
                hours.contains(
                        ZonedDateTime.parse("2025-06-14T00:00+02:00[Europe/Berlin]"), HALF_HOUR));
    }

    @Test
    void slotRunsPastMidnightOnlyIntoWorkingTimeOfTheNextDay() {
        WorkingHours allDayExceptSunday = WorkingHours.parse("MON-SAT 00:00-24:00");
        // Friday night into Saturday: continuous working time.
        assertTrue(allDayExceptSunday.contains(berlin("2025-06-13T23:45"), HALF_HOUR));
        // Saturday night into Sunday: the last 15 minutes are not.
        assertFalse(allDayExceptSunday.contains(berlin("2025-06-14T23:45"), HALF_HOUR));

        WorkingHours lateShift = WorkingHours.parse("MON-FRI 09:00-24:00");
        // Tuesday starts at 09:00, so Monday 23:45 for 30 minutes is not working time.
        assertFalse(
                lateShift.contains(
                        ZonedDateTime.parse("2025-06-16T23:45+02:00[Europe/Berlin]"), HALF_HOUR));
        assertTrue(
                lateShift.contains(
                        ZonedDateTime.parse("2025-06-16T23:30+02:00[Europe/Berlin]"), HALF_HOUR));
    }

    @Test
    void springForwardDayHasAnHourLessOfWorkingTime() {
        // Berlin, Sunday 2025-03-30: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        WorkingHours hours = WorkingHours.parse("SUN 01:00-04:00");
        assertEquals(4, halfHourSlotsInside(hours, "2025-03-29T22:00:00Z", "2025-03-30T06:00:00Z"));
        assertTrue(
                hours.contains(at("2025-03-30T00:30:00Z"), HALF_HOUR)); // 01:30 CET to 03:00 CEST
        assertTrue(hours.contains(at("2025-03-30T01:30:00Z"), HALF_HOUR)); // 03:30 to 04:00 CEST
        assertFalse(hours.contains(at("2025-03-30T02:00:00Z"), HALF_HOUR)); // 04:00 CEST
    }

    @Test
    void fallBackDayHasAnHourMoreOfWorkingTime() {
        // Berlin, Sunday 2025-10-26: 03:00 CEST falls back to 02:00 CET (01:00 UTC).
        WorkingHours hours = WorkingHours.parse("SUN 01:00-04:00");
        assertEquals(8, halfHourSlotsInside(hours, "2025-10-25T20:00:00Z", "2025-10-26T06:00:00Z"));
        assertTrue(hours.contains(at("2025-10-25T23:00:00Z"), HALF_HOUR)); // 01:00 CEST
        assertTrue(hours.contains(at("2025-10-26T02:30:00Z"), HALF_HOUR)); // 03:30 CET
        assertFalse(hours.contains(at("2025-10-26T03:00:00Z"), HALF_HOUR)); // 04:00 CET
        // An ordinary Sunday has six.
        assertEquals(6, halfHourSlotsInside(hours, "2025-11-01T20:00:00Z", "2025-11-02T06:00:00Z"));
    }

    @Test
    void hoursStartingInsideTheSkippedHourBeginWhenTheClockPassesThem() {
        // 02:30 never shows on the clock on 2025-03-30; at 01:00 UTC it goes from 02:00 straight to
        // 03:00.
        WorkingHours hours = WorkingHours.parse("SUN 02:30-05:00");
        assertTrue(hours.contains(at("2025-03-30T01:00:00Z"), HALF_HOUR)); // 03:00 CEST
        assertFalse(hours.contains(at("2025-03-30T00:30:00Z"), HALF_HOUR)); // 01:30 CET
    }

    @Test
    void hoursEndingInsideTheSkippedHourDoNotReachPastTheJump() {
        WorkingHours hours = WorkingHours.parse("SUN 00:00-02:30");
        // 01:30 CET until the jump: the clock never shows more than 02:00.
        assertTrue(hours.contains(at("2025-03-30T00:30:00Z"), HALF_HOUR));
        // 03:00 CEST is after 02:30.
        assertFalse(hours.contains(at("2025-03-30T01:00:00Z"), HALF_HOUR));
    }

    @Test
    void slotAcrossTheRepeatedHourIsJudgedOnEveryMinuteTheClockShows() {
        WorkingHours hours = WorkingHours.parse("SUN 00:00-02:30");
        assertTrue(hours.contains(at("2025-10-26T00:00:00Z"), HALF_HOUR)); // 02:00-02:30 CEST
        assertTrue(
                hours.contains(
                        at("2025-10-26T01:00:00Z"), HALF_HOUR)); // 02:00-02:30 CET, the repeat
        assertFalse(hours.contains(at("2025-10-26T00:30:00Z"), HALF_HOUR)); // 02:30-03:00 CEST
        // 02:45 CEST to 02:15 CET: both ends look fine, but 02:45-03:00 in between is not.
        assertFalse(hours.contains(at("2025-10-26T00:45:00Z"), HALF_HOUR));
    }

    @Test
    void slotNeedsAPositiveLength() {
        WorkingHours hours = WorkingHours.parse("MON-FRI 09:00-17:00");
        ZonedDateTime start = ZonedDateTime.parse("2025-06-11T10:00+02:00[Europe/Berlin]");
        assertThrows(IllegalArgumentException.class, () -> hours.contains(start, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> hours.contains(start, Duration.ofMinutes(-30)));
    }

    private static ZonedDateTime berlin(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BERLIN);
    }

    private static ZonedDateTime at(String instant) {
        return Instant.parse(instant).atZone(BERLIN);
    }

    private static int halfHourSlotsInside(WorkingHours hours, String from, String until) {
        int count = 0;
        for (Instant t = Instant.parse(from);
                t.isBefore(Instant.parse(until));
                t = t.plus(HALF_HOUR)) {
            if (hours.contains(t.atZone(BERLIN), HALF_HOUR)) {
                count++;
            }
        }
        return count;
    }
}
