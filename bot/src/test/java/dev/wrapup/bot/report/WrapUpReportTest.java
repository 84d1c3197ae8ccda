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
import dev.wrapup.domain.report.Report;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class WrapUpReportTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static String markdown(Report.Contents contents) {
        return markdown(contents, Disclosure.FULL);
    }

    private static String markdown(Report.Contents contents, Disclosure disclosure) {
        return WrapUpReport.markdown(Report.of(contents, disclosure));
    }

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
                markdown(
                        new Report.Contents(
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
        assertTrue(
                md.contains(
                        "## Action items\n\nKinds: 1 fix.\n\n"
                                + "1. Give every flag an owner (fix) — owner: Cy, due 2026-12-01"),
                md);
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
                markdown(
                        new Report.Contents(
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
        Report.Contents contents =
                new Report.Contents(
                        incident(IncidentKind.INCIDENT),
                        people,
                        Set.of(),
                        List.of(deleted, edited),
                        List.of(),
                        List.of(),
                        null);

        String full = markdown(contents, Disclosure.FULL);
        assertTrue(full.contains("hunter2") && full.contains("xoxp-123"), full);

        String published = markdown(contents, Disclosure.PUBLIC);
        assertFalse(published.contains("hunter2"), published);
        assertFalse(published.contains("xoxp-123"), published);
        assertTrue(
                published.contains("- **2026-11-20 10:00 UTC** Bo: _(message deleted)_"),
                "a deleted key moment: " + published);
        assertTrue(published.contains("rotated, ask @\u200BAnn _(edited)_"), published);
        assertTrue(published.contains("## Full timeline"), published);

        String withoutTimeline = markdown(contents, Disclosure.PUBLIC_WITHOUT_TIMELINE);
        assertFalse(withoutTimeline.contains("## Full timeline"), withoutTimeline);
        assertFalse(withoutTimeline.contains("rotated"), withoutTimeline);
    }

    @Test
    void userTextWithMarkdownInItStaysTextAndNeverTurnsIntoStructure() {
        String tricky =
                "# heading\n1. x\n- y\n> quote\n[a](b) <b>bold</b> `code` *star* _under_ a | b"
                        + "\n\n    indented  \n===";
        List<Participant> people =
                List.of(
                        new Participant("U1", "Ann *the* _boss_", "UTC", "declared", T0),
                        new Participant("U2", "Bo", "UTC", "posted", T0));
        Incident incident = incident(IncidentKind.INCIDENT);
        Incident titled =
                new Incident(
                        incident.id(),
                        incident.kind(),
                        incident.channelId(),
                        incident.channelName(),
                        "# [x](y) <i>",
                        incident.description(),
                        incident.severity(),
                        incident.status(),
                        incident.commanderId(),
                        incident.facilitatorId(),
                        incident.declaredBy(),
                        incident.headerTs(),
                        incident.webKey(),
                        tricky,
                        incident.startedAt(),
                        incident.resolvedAt());
        String md =
                markdown(
                        new Report.Contents(
                                titled,
                                people,
                                Set.of(),
                                List.of(entry(1, tricky, true, T0)),
                                List.of(
                                        new WrapUpComment(
                                                1, 7, "U2", AgendaItem.WRONG, tricky, "modal", T0)),
                                List.of(
                                        new ActionItem(
                                                1,
                                                7,
                                                1,
                                                "U1",
                                                "1. `x` | *y*",
                                                null,
                                                "U1",
                                                T0,
                                                null)),
                                null),
                        Disclosure.PUBLIC);

        Node document = Parser.builder().build().parse(md);
        List<Node> nodes = new ArrayList<>();
        collect(document, nodes);
        assertTrue(
                nodes.stream().noneMatch(n -> n instanceof HtmlInline || n instanceof HtmlBlock),
                md);
        assertTrue(nodes.stream().noneMatch(n -> n instanceof Link), md);
        assertTrue(nodes.stream().noneMatch(n -> n instanceof BlockQuote), md);
        assertTrue(nodes.stream().noneMatch(n -> n instanceof IndentedCodeBlock), md);
        assertEquals(
                List.of(
                        "Wrap-up: # [x](y) <i>",
                        "Summary",
                        "Key moments",
                        "What went well",
                        "What went wrong",
                        "What we could do better next time",
                        "Action items",
                        "Comments",
                        "Full timeline",
                        "2026-11-20 (UTC)"),
                nodes.stream()
                        .filter(n -> n instanceof Heading)
                        .map(n -> plain(n).strip())
                        .toList(),
                md);
        assertEquals(
                1,
                nodes.stream().filter(n -> n instanceof Code).count(),
                "the entry's time: " + md);
        // The text reads back as it was written, but for line ends inside one line's place and
        // the spaces that cannot matter: around a paragraph and at the end of a line.
        String lines =
                "# heading\n1. x\n- y\n> quote\n[a](b) <b>bold</b> `code` *star* _under_ a | b";
        String paragraphs = lines + "\nindented\n===";
        assertTrue(
                plain(document)
                        .contains(
                                "Summary\n"
                                        + paragraphs
                                        + "\nKey moments\n2026-11-20 10:00 UTC Bo: "
                                        + lines.replace('\n', ' ')
                                        + "      indented   ===\n"),
                plain(document));
        assertTrue(plain(document).contains(paragraphs + " — Bo\n"), plain(document));
        assertTrue(
                plain(document).contains("1. `x` | *y* (fix) — owner: Ann *the* _boss_\n"),
                plain(document));
        assertTrue(plain(document).contains("Commander: Ann *the* _boss_\n"), plain(document));
    }

    private static void collect(Node node, List<Node> into) {
        into.add(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, into);
        }
    }

    /** The text a reader sees: literals, line breaks, and each block on its own line. */
    private static String plain(Node node) {
        if (node instanceof Text t) {
            return t.getLiteral();
        }
        if (node instanceof Code c) {
            return c.getLiteral();
        }
        if (node instanceof SoftLineBreak) {
            return "\n";
        }
        StringBuilder out = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            out.append(plain(child));
        }
        if (node instanceof Paragraph || node instanceof Heading) {
            out.append('\n');
        }
        return out.toString();
    }
}
