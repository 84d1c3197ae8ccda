package dev.wrapup.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.domain.report.Section.Actions;
import dev.wrapup.domain.report.Section.Agenda;
import dev.wrapup.domain.report.Section.Comments;
import dev.wrapup.domain.report.Section.Fact;
import dev.wrapup.domain.report.Section.Facts;
import dev.wrapup.domain.report.Section.KeyMoments;
import dev.wrapup.domain.report.Section.Moment;
import dev.wrapup.domain.report.Section.Plan;
import dev.wrapup.domain.report.Section.Step;
import dev.wrapup.domain.report.Section.Summary;
import dev.wrapup.domain.report.Section.Timeline;
import dev.wrapup.domain.report.Section.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final List<Participant> PEOPLE =
            List.of(
                    new Participant("U1", "Ann", "UTC", "declared", T0),
                    new Participant("B1", "Alertmanager", null, "posted", T0),
                    new Participant("U2", "Bo", "UTC", "posted", T0));

    static Incident incident(IncidentKind kind, String summary, String description) {
        return new Incident(
                7,
                kind,
                "C1",
                "inc-x",
                "Checkout <@U2> down",
                description,
                Severity.SEV1,
                IncidentStatus.RESOLVED,
                "U1",
                null,
                "U1",
                null,
                "k",
                summary,
                T0,
                T0.plusSeconds(5400));
    }

    static TimelineEntry entry(String text, boolean pinned, Instant deletedAt) {
        return new TimelineEntry(
                1,
                7,
                EntryKind.MESSAGE,
                null,
                "1.11",
                null,
                "U2",
                "Bo",
                text,
                List.of(),
                T0.plusSeconds(60),
                T0.plusSeconds(60),
                null,
                deletedAt,
                null,
                pinned,
                false,
                List.of());
    }

    private static Report report(
            IncidentKind kind,
            List<TimelineEntry> timeline,
            List<WrapUpComment> comments,
            List<ActionItem> actions,
            MaintenanceWindow window,
            Disclosure disclosure) {
        return Report.of(
                new Report.Contents(
                        incident(kind, "Rolled back", null),
                        PEOPLE,
                        Set.of("B1"),
                        timeline,
                        comments,
                        actions,
                        window),
                disclosure);
    }

    private static List<String> headings(Report report) {
        List<String> headings = new ArrayList<>();
        report.sections().forEach(s -> headings.add(s.heading()));
        return headings;
    }

    private static <S extends Section> S section(Report report, Class<S> type) {
        return report.sections().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anIncidentAsksWhatWentWrongBeforeWhatCouldBeBetter() {
        Report report =
                report(
                        IncidentKind.INCIDENT,
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        Disclosure.FULL);
        assertEquals("Wrap-up: Checkout @Bo down", report.title());
        assertEquals(
                Arrays.asList(
                        null,
                        "Summary",
                        "Key moments",
                        "What went well",
                        "What went wrong",
                        "What we could do better next time",
                        "Action items",
                        "Comments",
                        "Full timeline"),
                headings(report));
    }

    @Test
    void aMaintenanceWindowAsksWhatCouldBeBetterFirstAndAddsItsPlanAndVerdict() {
        MaintenanceWindow window =
                new MaintenanceWindow(
                        7,
                        T0,
                        T0.plusSeconds(3600),
                        "Europe/Berlin",
                        T0,
                        T0.plusSeconds(3660),
                        null,
                        null,
                        List.of(
                                new MaintenanceWindow.Step(
                                        1,
                                        "U2",
                                        "Stop\nwriters",
                                        MaintenanceWindow.State.DONE,
                                        null),
                                new MaintenanceWindow.Step(
                                        2,
                                        "U1",
                                        "Run pg_upgrade",
                                        MaintenanceWindow.State.FAILED,
                                        "lock timeout")),
                        List.of(new MaintenanceWindow.Impact("U2", "503s for <@U1>", T0)));
        Report report =
                report(
                        IncidentKind.MAINTENANCE,
                        List.of(),
                        List.of(),
                        List.of(),
                        window,
                        Disclosure.PUBLIC_WITHOUT_TIMELINE);
        assertTrue(report.title().startsWith("Maintenance wrap-up: "), report.title());
        assertEquals(
                Arrays.asList(
                        null,
                        "Summary",
                        "Plan",
                        "Verdict",
                        "Key moments",
                        "What went well",
                        "What we could do better next time",
                        "What went wrong",
                        "Action items",
                        "Comments"),
                headings(report));
        assertTrue(
                section(report, Facts.class)
                        .facts()
                        .contains(
                                new Fact(
                                        "Ended",
                                        "2026-11-20 11:30 UTC (from the planned start: 1 h 30"
                                                + " min)")));
        Plan plan = section(report, Plan.class);
        assertEquals("Window: 2026-11-20 11:00 to 2026-11-20 12:00 Europe/Berlin", plan.window());
        assertEquals(
                List.of(
                        new Step(1, "Stop writers", "Bo", "done"),
                        new Step(2, "Run pg_upgrade", "Ann", "failed (lock timeout)")),
                plan.steps());
        assertEquals("Stop writers — owner: Bo — done", plan.steps().get(0).line());
        assertEquals("503s for @\u200BAnn — Bo", plan.impacts().get(0).line());
        Verdict verdict = section(report, Verdict.class);
        assertEquals("Not everything went to plan", verdict.text().headline());
        assertTrue(
                verdict.text().rest().endsWith("Overran the window by 1 min."),
                verdict.text().rest());
    }

    @Test
    void aWindowStillOpenHasNoVerdictYet() {
        MaintenanceWindow open =
                new MaintenanceWindow(
                        7,
                        T0,
                        T0.plusSeconds(3600),
                        "UTC",
                        T0,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of());
        Report report =
                report(
                        IncidentKind.MAINTENANCE,
                        List.of(),
                        List.of(),
                        List.of(),
                        open,
                        Disclosure.FULL);
        assertNull(section(report, Verdict.class).text());
        assertTrue(section(report, Plan.class).steps().isEmpty());
        assertEquals("The window has not ended yet.", Verdict.OPEN);
        assertEquals("No steps were planned.", Plan.NONE);
    }

    @Test
    void emptySectionsStayAndSayTheyAreEmpty() {
        Report report =
                report(
                        IncidentKind.WRAPUP,
                        List.of(entry("not marked", false, null)),
                        List.of(),
                        List.of(),
                        null,
                        Disclosure.PUBLIC);
        assertTrue(section(report, KeyMoments.class).moments().isEmpty());
        assertTrue(section(report, Actions.class).actions().isEmpty());
        report.sections().stream()
                .filter(Agenda.class::isInstance)
                .forEach(a -> assertTrue(((Agenda) a).comments().isEmpty()));
        assertEquals("None were marked.", KeyMoments.NONE);
        assertEquals("No comments.", Agenda.NONE);
        assertEquals("None.", Actions.NONE);
    }

    @Test
    void theSummaryFallsBackToTheDescriptionAndIsLeftOutWhenThereIsNeither() {
        Report described =
                Report.of(
                        new Report.Contents(
                                incident(IncidentKind.INCIDENT, " ", "  Checkout 500s\n"),
                                PEOPLE,
                                Set.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                null),
                        Disclosure.FULL);
        assertEquals("Checkout 500s", section(described, Summary.class).text());
        Report bare =
                Report.of(
                        new Report.Contents(
                                incident(IncidentKind.INCIDENT, null, ""),
                                PEOPLE,
                                Set.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                null),
                        Disclosure.FULL);
        assertFalse(headings(bare).contains("Summary"), headings(bare).toString());
    }

    @Test
    void completenessLeavesBotsOutAndNamesWhoIsMissing() {
        List<WrapUpComment> one =
                List.of(new WrapUpComment(1, 7, "U1", AgendaItem.WELL, "Fast", "modal", T0));
        assertEquals(
                "1 of 2 participants commented. No comment from: Bo.",
                section(
                                report(
                                        IncidentKind.INCIDENT,
                                        List.of(),
                                        one,
                                        List.of(),
                                        null,
                                        Disclosure.FULL),
                                Comments.class)
                        .sentence());
        List<WrapUpComment> both = new ArrayList<>(one);
        both.add(new WrapUpComment(2, 7, "U2", AgendaItem.WRONG, "Slow", "modal", T0));
        assertEquals(
                "2 of 2 participants commented.",
                section(
                                report(
                                        IncidentKind.INCIDENT,
                                        List.of(),
                                        both,
                                        List.of(),
                                        null,
                                        Disclosure.FULL),
                                Comments.class)
                        .sentence());
    }

    @Test
    void actionItemsSayTheirKindOwnerDueDateStateAndTheMix() {
        ActionItem done =
                new ActionItem(
                        1,
                        7,
                        1,
                        "U2",
                        "Give every\nflag an owner",
                        LocalDate.of(2026, 12, 1),
                        "U1",
                        T0,
                        T0);
        ActionItem open =
                new ActionItem(2, 7, 2, "U9", "Alert sooner", null, "U1", T0, null)
                        .withKind(ActionKind.DETECTION);
        ActionItem wontDo =
                new ActionItem(
                        3,
                        7,
                        3,
                        "U2",
                        "Retrain everyone",
                        null,
                        "U1",
                        T0,
                        T0,
                        ActionKind.TRAINING,
                        ActionState.WONT_DO,
                        "the alert\nmakes it moot");
        Actions actions =
                section(
                        report(
                                IncidentKind.INCIDENT,
                                List.of(),
                                List.of(),
                                List.of(done, open, wontDo),
                                null,
                                Disclosure.FULL),
                        Actions.class);
        assertEquals("1 fix, 1 detection, 1 training", actions.mix());
        assertEquals("Kinds: 1 fix, 1 detection, 1 training.", actions.mixSentence());
        assertEquals(
                "Give every flag an owner (fix, done) — owner: Bo, due 2026-12-01",
                actions.actions().get(0).line());
        assertEquals("Alert sooner (detection) — owner: U9", actions.actions().get(1).line());
        assertEquals(
                "Retrain everyone (training, won't do: the alert makes it moot) — owner: Bo",
                actions.actions().get(2).line());
    }

    @Test
    void seenBeforeComesJustAboveTheTimelineWithNoLiveMentionsInTitles() {
        List<Section.Past> past =
                List.of(
                        new Section.Past(
                                "Cert expired, <@U9> paged <!here>",
                                "2026-10-03",
                                "https://wrapup.example/incidents/7",
                                "1 of 2 action items still open"));
        Report published =
                report(
                                IncidentKind.INCIDENT,
                                List.of(entry("renewed", false, null)),
                                List.of(),
                                List.of(),
                                null,
                                Disclosure.PUBLIC)
                        .withSeenBefore(past, Disclosure.PUBLIC);
        List<String> headings = headings(published);
        assertEquals(
                headings.indexOf("Full timeline") - 1,
                headings.indexOf("Seen before"),
                headings.toString());
        Section.Past shown = section(published, Section.SeenBefore.class).incidents().get(0);
        assertFalse(shown.title().contains("<@") || shown.title().contains("<!"), shown.title());
        assertEquals(" (2026-10-03, 1 of 2 action items still open)", shown.note());
        assertEquals(
                headings(published.withSeenBefore(List.of(), Disclosure.PUBLIC)),
                headings,
                "nothing to show adds nothing");
        Report without =
                report(
                        IncidentKind.INCIDENT,
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        Disclosure.PUBLIC_WITHOUT_TIMELINE);
        assertEquals(
                "Seen before",
                headings(without.withSeenBefore(past, Disclosure.PUBLIC_WITHOUT_TIMELINE))
                        .get(headings(without).size()),
                "last when there is no timeline");
    }

    @Test
    void whatIsPublishedHidesDeletedTextAndTheTimelineOnlyWhenAsked() {
        List<TimelineEntry> timeline =
                List.of(entry("the password is hunter2", true, T0.plusSeconds(90)));
        Report full =
                report(
                        IncidentKind.INCIDENT,
                        timeline,
                        List.of(),
                        List.of(),
                        null,
                        Disclosure.FULL);
        assertEquals(
                new Moment("2026-11-20 10:01 UTC", "Bo", "the password is hunter2", false),
                section(full, KeyMoments.class).moments().get(0));
        Timeline.Line kept = section(full, Timeline.class).days().get(0).lines().get(0);
        assertEquals("the password is hunter2", kept.text());
        assertEquals("(deleted at 10:01:30)", kept.deleted());

        Report published =
                report(
                        IncidentKind.INCIDENT,
                        timeline,
                        List.of(),
                        List.of(),
                        null,
                        Disclosure.PUBLIC);
        assertEquals(
                new Moment("2026-11-20 10:01 UTC", "Bo", null, true),
                section(published, KeyMoments.class).moments().get(0));
        Timeline.Line hidden = section(published, Timeline.class).days().get(0).lines().get(0);
        assertNull(hidden.text());
        assertTrue(hidden.keyMoment());

        assertFalse(
                headings(
                                report(
                                        IncidentKind.INCIDENT,
                                        timeline,
                                        List.of(),
                                        List.of(),
                                        null,
                                        Disclosure.PUBLIC_WITHOUT_TIMELINE))
                        .contains("Full timeline"));
    }
}
