package dev.wrapup.bot.report;

import static dev.wrapup.bot.report.MarkdownNodes.append;
import static dev.wrapup.bot.report.MarkdownNodes.bullets;
import static dev.wrapup.bot.report.MarkdownNodes.emphasis;
import static dev.wrapup.bot.report.MarkdownNodes.heading;
import static dev.wrapup.bot.report.MarkdownNodes.item;
import static dev.wrapup.bot.report.MarkdownNodes.numbered;
import static dev.wrapup.bot.report.MarkdownNodes.paragraph;
import static dev.wrapup.bot.report.MarkdownNodes.paragraphs;
import static dev.wrapup.bot.report.MarkdownNodes.strong;
import static dev.wrapup.bot.report.MarkdownNodes.text;

import dev.wrapup.domain.report.Report;
import dev.wrapup.domain.report.Section;
import dev.wrapup.domain.report.Section.Actions;
import dev.wrapup.domain.report.Section.Agenda;
import dev.wrapup.domain.report.Section.Comment;
import dev.wrapup.domain.report.Section.Comments;
import dev.wrapup.domain.report.Section.Fact;
import dev.wrapup.domain.report.Section.Facts;
import dev.wrapup.domain.report.Section.KeyMoments;
import dev.wrapup.domain.report.Section.Moment;
import dev.wrapup.domain.report.Section.Past;
import dev.wrapup.domain.report.Section.Plan;
import dev.wrapup.domain.report.Section.SeenBefore;
import dev.wrapup.domain.report.Section.Summary;
import dev.wrapup.domain.report.Section.Timeline;
import dev.wrapup.domain.report.Section.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Document;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.ThematicBreak;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * A report as Markdown, rendered in this one place: the report becomes a commonmark node tree and
 * commonmark's renderer writes it, escaping user text so that it never turns into structure.
 */
public final class WrapUpReport {
    private static final MarkdownRenderer MARKDOWN = MarkdownRenderer.builder().build();

    private WrapUpReport() {}

    public static String markdown(Report report) {
        Document document = new Document();
        document.appendChild(heading(1, report.title()));
        for (Section section : report.sections()) {
            if (section instanceof Timeline) {
                // Sets the detail apart from the short report above it.
                ThematicBreak rule = new ThematicBreak();
                rule.setLiteral("---");
                document.appendChild(rule);
            }
            if (section.heading() != null) {
                document.appendChild(heading(2, section.heading()));
            }
            append(document, body(section));
        }
        return MARKDOWN.render(document);
    }

    private static List<? extends Node> body(Section section) {
        if (section instanceof Facts facts) {
            return List.of(bullets(facts.facts().stream().map(WrapUpReport::fact).toList()));
        }
        if (section instanceof Summary summary) {
            return paragraphs(summary.text(), List.of(), List.of());
        }
        if (section instanceof Plan plan) {
            return plan(plan);
        }
        if (section instanceof Verdict verdict) {
            return List.of(
                    verdict.text() == null
                            ? paragraph(emphasis(Verdict.OPEN))
                            : paragraph(
                                    strong(verdict.text().headline()),
                                    text(verdict.text().rest())));
        }
        if (section instanceof KeyMoments moments) {
            return moments.moments().isEmpty()
                    ? List.of(paragraph(emphasis(KeyMoments.NONE)))
                    : List.of(
                            bullets(moments.moments().stream().map(WrapUpReport::moment).toList()));
        }
        if (section instanceof Agenda agenda) {
            return agenda.comments().isEmpty()
                    ? List.of(paragraph(emphasis(Agenda.NONE)))
                    : List.of(
                            bullets(
                                    agenda.comments().stream()
                                            .map(WrapUpReport::comment)
                                            .toList()));
        }
        if (section instanceof Actions actions) {
            return actions.actions().isEmpty()
                    ? List.of(paragraph(emphasis(Actions.NONE)))
                    : List.of(
                            paragraph(text(actions.mixSentence())),
                            numbered(
                                    actions.actions().get(0).number(),
                                    actions.actions().stream()
                                            .map(a -> item(paragraph(text(a.line()))))
                                            .toList()));
        }
        if (section instanceof SeenBefore seen) {
            return List.of(bullets(seen.incidents().stream().map(WrapUpReport::past).toList()));
        }
        if (section instanceof Comments comments) {
            return List.of(paragraph(text(comments.sentence())));
        }
        return TimelineNodes.of((Timeline) section);
    }

    private static List<Node> plan(Plan plan) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(paragraph(text(plan.window())));
        nodes.add(
                plan.steps().isEmpty()
                        ? paragraph(emphasis(Plan.NONE))
                        : numbered(
                                plan.steps().get(0).number(),
                                plan.steps().stream()
                                        .map(s -> item(paragraph(text(s.line()))))
                                        .toList()));
        if (!plan.impacts().isEmpty()) {
            nodes.add(paragraph(text(Plan.IMPACTS)));
            nodes.add(
                    bullets(
                            plan.impacts().stream()
                                    .map(i -> item(paragraph(text(i.line()))))
                                    .toList()));
        }
        return nodes;
    }

    private static ListItem past(Past p) {
        Node title = text(p.title());
        if (p.link() != null) {
            Link link = new Link(p.link(), null);
            link.appendChild(title);
            title = link;
        }
        return item(paragraph(title, text(p.note())));
    }

    private static ListItem fact(Fact f) {
        return item(paragraph(strong(f.label() + ":"), text(" " + f.value())));
    }

    private static ListItem comment(Comment c) {
        return append(
                new ListItem(),
                paragraphs(c.text(), List.of(), List.of(text(" — "), emphasis(c.author()))));
    }

    private static ListItem moment(Moment m) {
        return item(
                paragraph(
                        strong(m.when()),
                        text(" " + (m.author() != null ? m.author() + ": " : "")),
                        m.hidden() ? emphasis(Section.DELETED) : text(m.text())));
    }
}
