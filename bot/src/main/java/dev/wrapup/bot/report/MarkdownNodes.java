package dev.wrapup.bot.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.node.BulletList;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * The few shapes a report is built of, as commonmark nodes. Text goes in as Text nodes only, so
 * that the renderer escapes whatever in it would read as Markdown.
 */
final class MarkdownNodes {
    private static final Pattern BLANK_LINE = Pattern.compile("\n[ \t]*\n\\s*");

    private MarkdownNodes() {}

    static Heading heading(int level, String text) {
        Heading heading = new Heading();
        heading.setLevel(level);
        heading.appendChild(new Text(text));
        return heading;
    }

    static Paragraph paragraph(Node... inlines) {
        return append(new Paragraph(), List.of(inlines));
    }

    static Text text(String text) {
        return new Text(text);
    }

    static StrongEmphasis strong(String text) {
        return append(new StrongEmphasis("**"), List.of(new Text(text)));
    }

    static Emphasis emphasis(String text) {
        return append(new Emphasis("_"), List.of(new Text(text)));
    }

    static BulletList bullets(List<ListItem> items) {
        BulletList list = new BulletList();
        list.setMarker("-");
        list.setTight(items.stream().allMatch(MarkdownNodes::oneParagraph));
        return append(list, items);
    }

    /**
     * Items numbered from {@code first} on; numbers cannot skip, which suits action items and
     * steps: they are numbered as they are added and never removed.
     */
    static OrderedList numbered(int first, List<ListItem> items) {
        OrderedList list = new OrderedList();
        list.setMarkerStartNumber(first);
        list.setMarkerDelimiter(".");
        list.setTight(true);
        return append(list, items);
    }

    /**
     * Whether an item holds at most one paragraph: a list is tight only then, since a tight list
     * runs an item's paragraphs into one.
     */
    private static boolean oneParagraph(ListItem item) {
        int paragraphs = 0;
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Paragraph) {
                paragraphs++;
            }
        }
        return paragraphs <= 1;
    }

    static ListItem item(Node... blocks) {
        return append(new ListItem(), List.of(blocks));
    }

    /**
     * Text that may run over several lines and paragraphs, with {@code before} at its start and
     * {@code after} at its end.
     */
    static List<Paragraph> paragraphs(String text, List<Node> before, List<Node> after) {
        String[] parts = BLANK_LINE.split(text.replace("\r", "").strip());
        List<Paragraph> paragraphs = new ArrayList<>();
        for (int p = 0; p < parts.length; p++) {
            Paragraph paragraph = new Paragraph();
            if (p == 0) {
                append(paragraph, before);
            }
            String[] lines = parts[p].split("\n");
            for (int l = 0; l < lines.length; l++) {
                if (l > 0) {
                    paragraph.appendChild(new SoftLineBreak());
                }
                // Spaces around a line of a paragraph mean nothing in Markdown, but written out
                // they would: trailing ones as a hard break, leading ones as character references.
                String line = lines[l].strip();
                if (!line.isEmpty()) {
                    paragraph.appendChild(new Text(line));
                }
            }
            if (p == parts.length - 1) {
                append(paragraph, after);
            }
            paragraphs.add(paragraph);
        }
        return paragraphs;
    }

    static <N extends Node> N append(N parent, List<? extends Node> children) {
        children.forEach(parent::appendChild);
        return parent;
    }
}
