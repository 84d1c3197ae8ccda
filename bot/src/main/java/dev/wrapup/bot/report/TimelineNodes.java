package dev.wrapup.bot.report;

import static dev.wrapup.bot.report.MarkdownNodes.append;
import static dev.wrapup.bot.report.MarkdownNodes.bullets;
import static dev.wrapup.bot.report.MarkdownNodes.emphasis;
import static dev.wrapup.bot.report.MarkdownNodes.heading;
import static dev.wrapup.bot.report.MarkdownNodes.item;
import static dev.wrapup.bot.report.MarkdownNodes.paragraph;
import static dev.wrapup.bot.report.MarkdownNodes.paragraphs;
import static dev.wrapup.bot.report.MarkdownNodes.strong;
import static dev.wrapup.bot.report.MarkdownNodes.text;

import dev.wrapup.domain.report.Section;
import dev.wrapup.domain.report.Section.Timeline;
import dev.wrapup.domain.report.Section.Timeline.Attachment;
import dev.wrapup.domain.report.Section.Timeline.Day;
import dev.wrapup.domain.report.Section.Timeline.Earlier;
import dev.wrapup.domain.report.Section.Timeline.Line;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;

/** The full timeline as nodes: a list per day, with files, links, edits and replies nested. */
final class TimelineNodes {
    private TimelineNodes() {}

    static List<Node> of(Timeline timeline) {
        List<Node> nodes = new ArrayList<>();
        for (Day day : timeline.days()) {
            nodes.add(heading(3, day.heading()));
            nodes.add(bullets(day.lines().stream().map(TimelineNodes::line).toList()));
        }
        return nodes;
    }

    private static ListItem line(Line line) {
        List<Node> before = new ArrayList<>(List.of(new Code(line.time()), text(" ")));
        if (line.reply()) {
            before.add(text("↳ "));
        }
        if (line.marker() != null) {
            before.add(
                    line.marker().quiet()
                            ? emphasis(line.marker().word())
                            : strong(line.marker().word()));
            before.add(text(" "));
        }
        if (line.author() != null) {
            before.add(strong(line.author() + ":"));
            before.add(text(" "));
        }
        List<Node> after = new ArrayList<>();
        if (line.text() == null) {
            before.add(emphasis(Section.DELETED));
        } else if (line.deleted() != null) {
            after.add(text(" "));
            after.add(emphasis(line.deleted()));
        }
        if (line.keyMoment()) {
            after.add(text(" "));
            after.add(strong(Timeline.KEY_MOMENT));
        }
        if (line.edited()) {
            after.add(text(" "));
            after.add(emphasis(Timeline.EDITED));
        }
        ListItem item =
                append(
                        new ListItem(),
                        paragraphs(line.text() == null ? "" : line.text(), before, after));
        List<ListItem> under = new ArrayList<>();
        for (Attachment a : line.attachments()) {
            under.add(
                    a.link() == null
                            ? item(paragraph(text(a.label())))
                            : item(paragraph(text(a.label() + " "), link(a.link()))));
        }
        if (line.edits() != null) {
            under.add(
                    item(
                            paragraph(text(line.edits().heading())),
                            bullets(
                                    line.edits().earlier().stream()
                                            .map(TimelineNodes::earlier)
                                            .toList())));
        }
        line.replies().forEach(reply -> under.add(line(reply)));
        if (!under.isEmpty()) {
            item.appendChild(bullets(under));
        }
        return item;
    }

    private static ListItem earlier(Earlier earlier) {
        return item(paragraph(text(earlier.text() + " "), emphasis(earlier.note())));
    }

    private static Link link(String url) {
        return append(new Link(url, null), List.of(text(url)));
    }
}
