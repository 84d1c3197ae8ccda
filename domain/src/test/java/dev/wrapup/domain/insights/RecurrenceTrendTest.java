package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Incidents per week, those with a "did not hold" link, and the period's recurrence rate. */
class RecurrenceTrendTest {
    private static IncidentFacts started(long id, String at) {
        Instant started = Instant.parse(at);
        return new IncidentFacts(
                new Incident(
                        id,
                        IncidentKind.INCIDENT,
                        "C" + id,
                        "inc-" + id,
                        "Incident " + id,
                        null,
                        null,
                        IncidentStatus.RESOLVED,
                        "U1",
                        null,
                        "U1",
                        null,
                        "k" + id,
                        null,
                        started,
                        started.plusSeconds(3600)),
                null,
                null,
                Completeness.ofUsers(List.of(), id2 -> false, List.of()));
    }

    // Monday 2027-01-04 to Sunday 2027-01-17: two weeks.
    private static final ReportingPeriod PERIOD =
            new ReportingPeriod(LocalDate.parse("2027-01-04"), LocalDate.parse("2027-01-17"));

    @Test
    void countsEachIncidentInTheWeekItStartedAndThoseThatCameBack() {
        RecurrenceTrend trend =
                RecurrenceTrend.of(
                        PERIOD,
                        List.of(
                                started(1, "2027-01-04T10:00:00Z"),
                                started(2, "2027-01-06T10:00:00Z"),
                                started(3, "2027-01-12T10:00:00Z"),
                                started(4, "2027-01-16T23:59:00Z")),
                        Set.of(2L, 4L, 99L));
        assertEquals(2, trend.rows().size());
        assertEquals(new RecurrenceTrend.Row(PERIOD.weeks().get(0), 2, 1), trend.rows().get(0));
        assertEquals(new RecurrenceTrend.Row(PERIOD.weeks().get(1), 2, 1), trend.rows().get(1));
        assertEquals(4, trend.started());
        assertEquals(2, trend.recurred());
        assertEquals(50.0, trend.percent().getAsDouble(), 1e-9);
    }

    @Test
    void noIncidentsNoRate() {
        RecurrenceTrend trend = RecurrenceTrend.of(PERIOD, List.of(), Set.of(1L));
        assertEquals(0, trend.started());
        assertTrue(trend.percent().isEmpty());
    }
}
