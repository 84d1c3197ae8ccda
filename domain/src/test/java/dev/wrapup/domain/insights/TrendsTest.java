package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The weekly numbers of each chart, from a handful of incidents over three weeks. */
class TrendsTest {
    /** Thursday 5 to Sunday 22 November 2026: a cut week and two whole ones. */
    private static final ReportingPeriod PERIOD =
            new ReportingPeriod(LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-22"));

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Incident incident(long id, Severity severity, String started, String resolved) {
        return new Incident(
                id,
                IncidentKind.INCIDENT,
                "C" + id,
                "inc-" + id,
                "Incident " + id,
                null,
                severity,
                resolved == null ? IncidentStatus.INVESTIGATING : IncidentStatus.RESOLVED,
                "U1",
                null,
                "U1",
                null,
                "k" + id,
                null,
                Instant.parse(started),
                resolved == null ? null : Instant.parse(resolved));
    }

    private static IncidentFacts facts(Incident incident, String call, String published) {
        return new IncidentFacts(
                incident,
                call == null ? null : Instant.parse(call),
                published == null ? null : Instant.parse(published),
                Completeness.ofUsers(List.of(), id -> false, List.of()));
    }

    private static final List<IncidentFacts> INCIDENTS =
            List.of(
                    // before the period: never counted
                    facts(
                            incident(
                                    1,
                                    Severity.SEV1,
                                    "2026-11-04T23:00:00Z",
                                    "2026-11-05T01:00:00Z"),
                            null,
                            null),
                    facts(
                            incident(
                                    2,
                                    Severity.SEV1,
                                    "2026-11-06T10:00:00Z",
                                    "2026-11-06T11:00:00Z"),
                            "2026-11-09T10:00:00Z",
                            "2026-11-12T11:00:00Z"),
                    facts(
                            incident(
                                    3,
                                    Severity.SEV3,
                                    "2026-11-07T10:00:00Z",
                                    "2026-11-07T13:00:00Z"),
                            "2026-11-08T13:00:00Z",
                            null),
                    facts(
                            incident(4, null, "2026-11-10T10:00:00Z", "2026-11-10T10:30:00Z"),
                            null,
                            null),
                    facts(incident(5, Severity.SEV2, "2026-11-11T10:00:00Z", null), null, null),
                    facts(
                            incident(
                                    6,
                                    Severity.SEV2,
                                    "2026-11-22T23:59:00Z",
                                    "2026-11-23T05:59:00Z"),
                            null,
                            "2026-11-24T05:59:00Z"),
                    // after the period
                    facts(
                            incident(
                                    7,
                                    Severity.SEV2,
                                    "2026-11-23T00:00:00Z",
                                    "2026-11-23T01:00:00Z"),
                            null,
                            null));

    @Test
    void incidentsCountInTheWeekTheyStartedBySeverity() {
        SeverityTrend trend = SeverityTrend.of(PERIOD, INCIDENTS);

        assertEquals(List.of("SEV1", "SEV2", "SEV3", "SEV4", "Not set"), trend.columns());
        assertEquals(
                List.of(List.of(1, 0, 1, 0, 0), List.of(0, 1, 0, 0, 1), List.of(0, 1, 0, 0, 0)),
                trend.rows().stream().map(SeverityTrend.Row::counts).toList());
        assertEquals(
                List.of(2, 2, 1), trend.rows().stream().map(SeverityTrend.Row::total).toList());
        assertEquals(List.of(1, 2, 1, 0, 1), trend.totals());
    }

    @Test
    void timeToResolvePerWeekAndOverall() {
        DurationTrend trend = DurationTrend.of(PERIOD, INCIDENTS, IncidentFacts::timeToResolve);

        assertEquals(
                List.of(
                        new DurationTrend.Row(
                                PERIOD.weeks().get(0),
                                2,
                                Optional.of(Duration.ofMinutes(120)),
                                Optional.of(Duration.ofHours(3))),
                        new DurationTrend.Row(
                                PERIOD.weeks().get(1),
                                1,
                                Optional.of(Duration.ofMinutes(30)),
                                Optional.of(Duration.ofMinutes(30))),
                        new DurationTrend.Row(
                                PERIOD.weeks().get(2),
                                1,
                                Optional.of(Duration.ofHours(6)),
                                Optional.of(Duration.ofHours(6)))),
                trend.rows());
        assertEquals(4, trend.count());
        // 30 min, 1 h, 3 h, 6 h
        assertEquals(Optional.of(Duration.ofMinutes(120)), trend.median());
        assertEquals(Optional.of(Duration.ofHours(6)), trend.p90());
    }

    @Test
    void fromResolveToTheCallAndToPublication() {
        DurationTrend call = DurationTrend.of(PERIOD, INCIDENTS, IncidentFacts::resolveToCall);
        DurationTrend published =
                DurationTrend.of(PERIOD, INCIDENTS, IncidentFacts::resolveToPublication);

        assertEquals(List.of(2, 0, 0), call.rows().stream().map(DurationTrend.Row::count).toList());
        // 71 h and 24 h
        assertEquals(Optional.of(Duration.ofMinutes(95 * 30)), call.median());
        assertEquals(Optional.empty(), call.rows().get(1).median());
        assertEquals(
                List.of(
                        Optional.of(Duration.ofHours(144)),
                        Optional.empty(),
                        Optional.of(Duration.ofHours(24))),
                published.rows().stream().map(DurationTrend.Row::median).toList());
        assertEquals(Optional.of(Duration.ofHours(144)), published.p90());
    }

    @Test
    void coverageCountsThePeopleAskedInResolvedIncidentsBotsLeftOut() {
        Set<String> bots = Set.of("B1");
        List<IncidentFacts> incidents =
                List.of(
                        new IncidentFacts(
                                incident(
                                        1,
                                        Severity.SEV2,
                                        "2026-11-06T10:00:00Z",
                                        "2026-11-06T11:00:00Z"),
                                null,
                                null,
                                Completeness.ofUsers(
                                        List.of("U1", "B1", "U2"),
                                        bots::contains,
                                        List.of("U1", "B1", "U1"))),
                        new IncidentFacts(
                                incident(
                                        2,
                                        Severity.SEV2,
                                        "2026-11-07T10:00:00Z",
                                        "2026-11-07T11:00:00Z"),
                                null,
                                null,
                                Completeness.ofUsers(
                                        List.of("U1", "U2", "U3"),
                                        bots::contains,
                                        List.of("U2", "U3"))),
                        // still open: nobody has been asked yet
                        new IncidentFacts(
                                incident(3, Severity.SEV2, "2026-11-08T10:00:00Z", null),
                                null,
                                null,
                                Completeness.ofUsers(List.of("U4"), bots::contains, List.of())));

        CoverageTrend trend = CoverageTrend.of(PERIOD, incidents);

        assertEquals(new CoverageTrend.Coverage(2, 5, 3), trend.rows().get(0).coverage());
        assertEquals(OptionalDouble.of(60.0), trend.rows().get(0).coverage().percent());
        assertEquals(new CoverageTrend.Coverage(0, 0, 0), trend.rows().get(1).coverage());
        assertEquals(OptionalDouble.empty(), trend.rows().get(1).coverage().percent());
        assertEquals(new CoverageTrend.Coverage(2, 5, 3), trend.overall());
    }

    private static ActionItem action(String created, String due, String done) {
        return new ActionItem(
                0,
                2,
                1,
                "U1",
                "Fix it",
                due == null ? null : LocalDate.parse(due),
                "U1",
                Instant.parse(created),
                done == null ? null : Instant.parse(done));
    }

    @Test
    void actionItemsOpenedDoneAndOverdueAtEachWeeksEnd() {
        List<ActionItem> actions =
                List.of(
                        // opened before the period, overdue from 7 November until done on the 17th
                        action("2026-11-01T10:00:00Z", "2026-11-06", "2026-11-17T09:00:00Z"),
                        action("2026-11-06T10:00:00Z", null, "2026-11-10T10:00:00Z"),
                        // due on Sunday the 15th: overdue from Monday the 16th
                        action("2026-11-09T10:00:00Z", "2026-11-15", null),
                        action("2026-11-10T10:00:00Z", "2026-11-30", null),
                        action("2026-11-22T23:00:00Z", "2026-11-22", null));

        ActionTrend trend = ActionTrend.of(PERIOD, actions, NOW);

        assertEquals(
                List.of(
                        new ActionTrend.Row(PERIOD.weeks().get(0), 1, 0, 0, 1),
                        new ActionTrend.Row(PERIOD.weeks().get(1), 2, 1, 0, 2),
                        new ActionTrend.Row(PERIOD.weeks().get(2), 1, 1, 0, 2)),
                trend.rows());
        assertEquals(4, trend.opened());
        assertEquals(2, trend.done());
        assertEquals(2, trend.overdueAtEnd());
    }

    @Test
    void aWeekNotOverYetCountsWhatIsOverdueNow() {
        ReportingPeriod thisWeek =
                new ReportingPeriod(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29"));
        List<ActionItem> actions =
                List.of(
                        action("2026-11-20T10:00:00Z", "2026-11-24", null),
                        action("2026-11-20T10:00:00Z", "2026-11-25", null));

        assertEquals(1, ActionTrend.of(thisWeek, actions, NOW).overdueAtEnd());
    }

    @Test
    void aWontDoItemIsClosedNotDoneAndNoLongerOverdue() {
        ActionItem wontDo =
                new ActionItem(
                        0,
                        2,
                        1,
                        "U1",
                        "Rewrite the scheduler",
                        LocalDate.parse("2026-11-12"),
                        "U1",
                        Instant.parse("2026-11-09T11:00:00Z"),
                        Instant.parse("2026-11-18T10:00:00Z"),
                        ActionKind.FIX,
                        ActionState.WONT_DO,
                        "Too big for what it buys");

        ActionTrend trend = ActionTrend.of(PERIOD, List.of(wontDo), NOW);

        assertEquals(
                List.of(
                        new ActionTrend.Row(PERIOD.weeks().get(0), 0, 0, 0, 0),
                        new ActionTrend.Row(PERIOD.weeks().get(1), 1, 0, 0, 1),
                        new ActionTrend.Row(PERIOD.weeks().get(2), 0, 0, 1, 0)),
                trend.rows());
        assertEquals(0, trend.done());
        assertEquals(1, trend.wontDo());
    }

    private static ActionItem ofKind(ActionKind kind, String created) {
        return action(created, null, null).withKind(kind);
    }

    @Test
    void actionItemsByKindInTheWeekTheyWereMade() {
        List<ActionItem> actions =
                List.of(
                        ofKind(ActionKind.TRAINING, "2026-11-06T10:00:00Z"),
                        ofKind(ActionKind.FIX, "2026-11-10T10:00:00Z"),
                        ofKind(ActionKind.PROCESS, "2026-11-11T10:00:00Z"),
                        ofKind(ActionKind.FIX, "2026-11-12T10:00:00Z"),
                        // made before and after the period: not counted
                        ofKind(ActionKind.GUARDRAIL, "2026-11-04T10:00:00Z"),
                        ofKind(ActionKind.DETECTION, "2026-11-23T00:00:00Z"));

        ActionKindTrend trend = ActionKindTrend.of(PERIOD, actions);

        assertEquals(
                List.of(
                        new ActionKindTrend.Row(PERIOD.weeks().get(0), List.of(0, 0, 0, 0, 1)),
                        new ActionKindTrend.Row(PERIOD.weeks().get(1), List.of(2, 0, 0, 1, 0)),
                        new ActionKindTrend.Row(PERIOD.weeks().get(2), List.of(0, 0, 0, 0, 0))),
                trend.rows());
        assertEquals(List.of(2, 0, 0, 1, 1), trend.totals());
        assertFalse(trend.onlySoft());
    }

    @Test
    void onlyTrainingAndProcessIsTheWarningSignButNoItemsAreNot() {
        assertTrue(
                ActionKindTrend.of(
                                PERIOD,
                                List.of(
                                        ofKind(ActionKind.TRAINING, "2026-11-06T10:00:00Z"),
                                        ofKind(ActionKind.PROCESS, "2026-11-16T10:00:00Z")))
                        .onlySoft());
        assertTrue(
                ActionKindTrend.of(
                                PERIOD,
                                List.of(ofKind(ActionKind.TRAINING, "2026-11-06T10:00:00Z")))
                        .onlySoft());
        assertFalse(ActionKindTrend.of(PERIOD, List.of()).onlySoft());
        assertFalse(
                ActionKindTrend.of(
                                PERIOD,
                                List.of(
                                        ofKind(ActionKind.TRAINING, "2026-11-06T10:00:00Z"),
                                        ofKind(ActionKind.DETECTION, "2026-11-16T10:00:00Z")))
                        .onlySoft());
    }
}
