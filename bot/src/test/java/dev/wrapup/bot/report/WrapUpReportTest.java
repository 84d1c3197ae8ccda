package dev.wrapup.bot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.WrapUpComment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WrapUpReportTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Incident incident(IncidentKind kind) {
        return new Incident(
                7,
                kind,
                "C1",
                "inc-x",
                "Checkout down",
                null,
                Severity.SEV1,
                IncidentStatus.RESOLVED,
                "U1",
                null,
                "U1",
                null,
                "k",
                "Rolled back",
                T0,
                T0.plusSeconds(5400));
    }

    private static TimelineEntry entry(long id, String text, boolean pinned, Instant at) {
        return new TimelineEntry(
                id,
                7,
                EntryKind.MESSAGE,
                null,
                "1.1" + id,
                null,
                "U2",
                "Bo",
                text,
                List.of(),
                at,
                at,
                null,
                null,
                null,
                pinned,
                false,
                List.of());
    }

    @Test
    void theReportIsShortActionableAndSaysWhoDidNotComment() {
        List<Participant> people =
                List.of(
                        new Participant("U1", "Ann", "UTC", "declared", T0),
                        new Participant("U2", "Bo", "UTC", "posted", T0),
                        new Participant("U3", "Cy", "UTC", "posted", T0));
        String md =
                WrapUpReport.markdown(
                        new WrapUpReport.Contents(
                                incident(IncidentKind.INCIDENT),
                                people,
                                Set.of(),
                                List.of(
                                        entry(1, "it's the flag", true, T0.plusSeconds(60)),
                                        entry(2, "noise", false, T0.plusSeconds(90))),
                                List.of(
                                        new WrapUpComment(
                                                1,
                                                7,
                                                "U2",
                                                AgendaItem.WRONG,
                                                "Nobody owned <@U3|cy>'s flag",
                                                "command",
                                                T0),
                                        new WrapUpComment(
                                                2,
                                                7,
                                                "U1",
                                                AgendaItem.WELL,
                                                "Fast rollback",
                                                "modal",
                                                T0)),
                                List.of(
                                        new ActionItem(
                                                1,
                                                7,
                                                1,
                                                "U3",
                                                "Give every flag an owner",
                                                LocalDate.of(2026, 12, 1),
                                                "U1",
                                                T0,
                                                null)),
                                null));
        assertTrue(md.startsWith("# Wrap-up: Checkout down\n"), md);
        assertTrue(
                md.contains("- **Resolved:** 2026-11-20 11:30 UTC (time to resolve: 1 h 30 min)"),
                md);
        assertTrue(
                md.contains("## Key moments\n\n- **2026-11-20 10:01 UTC** Bo: it's the flag\n"),
                md);
        assertTrue(md.contains("## What went wrong\n\n- Nobody owned @Cy's flag — _Bo_\n"), md);
        assertTrue(md.contains("1. Give every flag an owner — owner: Cy, due 2026-12-01"), md);
        assertTrue(md.contains("2 of 3 participants commented. No comment from: Cy."), md);
        assertTrue(md.indexOf("## What went well") < md.indexOf("## What went wrong"), md);
        assertTrue(md.contains("## Full timeline"), md);
        assertTrue(md.contains("noise"), "the full timeline has every entry");
    }

    @Test
    void aBotTakingPartIsNeitherCountedNorMissingAComment() {
        List<Participant> people =
                List.of(
                        new Participant("U1", "Ann", "UTC", "declared", T0),
                        new Participant("B1", "Alertmanager", null, "posted", T0),
                        new Participant("U2", "Bo", "UTC", "posted", T0));
        String md =
                WrapUpReport.markdown(
                        new WrapUpReport.Contents(
                                incident(IncidentKind.INCIDENT),
                                people,
                                Set.of("B1"),
                                List.of(),
                                List.of(
                                        new WrapUpComment(
                                                1, 7, "U1", AgendaItem.WELL, "Fast", "modal", T0)),
                                List.of(),
                                null));
        assertTrue(md.contains("1 of 2 participants commented. No comment from: Bo.\n"), md);
    }

    @Test
    void mentionsOfUnknownPeopleKeepTheNameSlackGave() {
        assertEquals("@cy and @U9", WrapUpReport.mentions("<@U3|cy> and <@U9>", id -> id));
    }

    @Test
    void whatIsPublishedCarriesCurrentTextOnlyAndTheTimelineOnlyWhenAsked() {
        List<Participant> people =
                List.of(
                        new Participant("U1", "Ann", "UTC", "declared", T0),
                        new Participant("U2", "Bo", "UTC", "posted", T0));
        TimelineEntry deleted =
                new TimelineEntry(
                        3,
                        7,
                        EntryKind.MESSAGE,
                        null,
                        "1.13",
                        null,
                        "U2",
                        "Bo",
                        "the password is hunter2",
                        List.of(),
                        T0,
                        T0,
                        null,
                        T0.plusSeconds(5),
                        null,
                        true,
                        false,
                        List.of());
        TimelineEntry edited =
                new TimelineEntry(
                        4,
                        7,
                        EntryKind.MESSAGE,
                        null,
                        "1.14",
                        null,
                        "U2",
                        "Bo",
                        "rotated, ask <@U1>",
                        List.of(),
                        T0,
                        T0,
                        T0.plusSeconds(9),
                        null,
                        null,
                        false,
                        false,
                        List.of(new TimelineEntry.Version("token xoxp-123", T0.plusSeconds(9))));
        WrapUpReport.Contents contents =
                new WrapUpReport.Contents(
                        incident(IncidentKind.INCIDENT),
                        people,
                        Set.of(),
                        List.of(deleted, edited),
                        List.of(),
                        List.of(),
                        null);

        String full = WrapUpReport.markdown(contents, Disclosure.FULL);
        assertTrue(full.contains("hunter2") && full.contains("xoxp-123"), full);

        String published = WrapUpReport.markdown(contents, Disclosure.PUBLIC);
        assertFalse(published.contains("hunter2"), published);
        assertFalse(published.contains("xoxp-123"), published);
        assertTrue(
                published.contains("- **2026-11-20 10:00 UTC** Bo: _(message deleted)_"),
                "a deleted key moment: " + published);
        assertTrue(published.contains("rotated, ask @\u200BAnn _(edited)_"), published);
        assertTrue(published.contains("## Full timeline"), published);

        String withoutTimeline =
                WrapUpReport.markdown(contents, Disclosure.PUBLIC_WITHOUT_TIMELINE);
        assertFalse(withoutTimeline.contains("## Full timeline"), withoutTimeline);
        assertFalse(withoutTimeline.contains("rotated"), withoutTimeline);
    }
}
