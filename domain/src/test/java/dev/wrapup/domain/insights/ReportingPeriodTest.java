package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wrapup.domain.input.InputRefused;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {
    /** A Wednesday. */
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Test
    void byDefaultTwelveWeeksFromAMondayToToday() throws InputRefused {
        ReportingPeriod period = ReportingPeriod.parse(null, "", TODAY);

        assertEquals(new ReportingPeriod(LocalDate.parse("2026-09-07"), TODAY), period);
        assertEquals(12, period.weeks().size());
        assertEquals(new Week(LocalDate.parse("2026-11-23"), TODAY), period.weeks().get(11));
    }

    @Test
    void anEndAloneGetsTheDefaultLengthBeforeIt() throws InputRefused {
        assertEquals(
                new ReportingPeriod(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-05-31")),
                ReportingPeriod.parse(null, "2026-05-31", TODAY));
    }

    @Test
    void weeksRunMondayToSundayCutToThePeriod() throws InputRefused {
        ReportingPeriod period = ReportingPeriod.parse("2026-11-05", "2026-11-17", TODAY);

        assertEquals(
                List.of(
                        new Week(LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-08")),
                        new Week(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-15")),
                        new Week(LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-17"))),
                period.weeks());
        assertEquals(-1, period.weekOf(Instant.parse("2026-11-04T23:59:59Z")));
        assertEquals(0, period.weekOf(Instant.parse("2026-11-05T00:00:00Z")));
        assertEquals(0, period.weekOf(Instant.parse("2026-11-08T23:59:59Z")));
        assertEquals(1, period.weekOf(Instant.parse("2026-11-09T00:00:00Z")));
        assertEquals(2, period.weekOf(Instant.parse("2026-11-17T23:59:59Z")));
        assertEquals(-1, period.weekOf(Instant.parse("2026-11-18T00:00:00Z")));
        assertEquals(Instant.parse("2026-11-18T00:00:00Z"), period.end());
    }

    @Test
    void aSingleDayIsAPeriod() throws InputRefused {
        ReportingPeriod day = ReportingPeriod.parse("2026-11-25", "2026-11-25", TODAY);

        assertEquals(List.of(new Week(TODAY, TODAY)), day.weeks());
        assertEquals("2026-11-25", day.weeks().get(0).label());
    }

    @Test
    void refusesWhatIsNoPeriod() {
        assertEquals(
                "From is not a date like 2026-11-24.",
                assertThrows(
                                InputRefused.class,
                                () -> ReportingPeriod.parse("2026-02-30", null, TODAY))
                        .getMessage());
        assertEquals(
                "To is not a date like 2026-11-24.",
                assertThrows(
                                InputRefused.class,
                                () -> ReportingPeriod.parse(null, "<b>soon</b>", TODAY))
                        .getMessage());
        assertEquals(
                "The period must not end (2026-11-01) before it starts (2026-11-02).",
                assertThrows(
                                InputRefused.class,
                                () -> ReportingPeriod.parse("2026-11-02", "2026-11-01", TODAY))
                        .getMessage());
        assertEquals(
                "A period may cover at most 731 days.",
                assertThrows(
                                InputRefused.class,
                                () -> ReportingPeriod.parse("2024-11-24", "2026-11-25", TODAY))
                        .getMessage());
    }

    @Test
    void twoYearsIsTheLongest() throws InputRefused {
        assertEquals(105, ReportingPeriod.parse("2024-11-25", "2026-11-25", TODAY).weeks().size());
    }
}
