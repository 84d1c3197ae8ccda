package dev.wrapup.bot.report;

import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The timeline as readable Markdown: every entry in order, threads under their parent. */
public final class TimelineMarkdown {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TimelineMarkdown() {}

    /** Shown for a deleted message wherever its text may not go. */
    static final String DELETED = "_(message deleted)_";

    /** Every entry, thread replies indented under their parent, edits and deletions shown. */
    public static String timeline(List<TimelineEntry> entries) {
        return timeline(entries, true, t -> t);
    }

    /**
     * Every entry in order; with {@code history} deleted text and earlier versions too, without it
     * only what the channel shows now. {@code text} renders user text.
     */
    public static String timeline(
            List<TimelineEntry> entries, boolean history, Function<String, String> text) {
        StringBuilder md = new StringBuilder();
        Map<String, List<TimelineEntry>> replies =
                entries.stream()
                        .filter(TimelineEntry::inThread)
                        .collect(Collectors.groupingBy(TimelineEntry::threadTs));
        Set<String> parents =
                entries.stream()
                        .map(TimelineEntry::ts)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
        String day = null;
        for (TimelineEntry e : entries) {
            if (e.inThread() && parents.contains(e.threadTs())) {
                continue; // shown under its parent
            }
            String entryDay = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            if (!entryDay.equals(day)) {
                md.append("\n### ").append(entryDay).append(" (UTC)\n\n");
                day = entryDay;
            }
            entry(md, e, "", history, text);
            for (TimelineEntry reply :
                    replies.getOrDefault(e.ts() == null ? "" : e.ts(), List.of())) {
                entry(md, reply, "  ", history, text);
            }
        }
        return md.toString();
    }

    private static void entry(
            StringBuilder md,
            TimelineEntry e,
            String indent,
            boolean history,
            Function<String, String> render) {
        md.append(indent).append("- `").append(TIME.format(e.occurredAt())).append("` ");
        if (e.inThread()) {
            md.append("↳ ");
        }
        md.append(marker(e)).append(who(e));
        String text = e.text() == null ? "" : render.apply(e.text());
        if (e.deleted() && !history) {
            // Gone from the channel, so gone from everything that leaves it: no text, no files.
            md.append(DELETED).append(e.keyMoment() ? " **[key moment]**" : "").append('\n');
            return;
        }
        if (e.deleted()) {
            md.append("~~")
                    .append(oneLine(text))
                    .append("~~ _(deleted at ")
                    .append(TIME.format(e.deletedAt()))
                    .append(")_");
        } else {
            md.append(block(text, indent + "  ").stripLeading());
        }
        if (e.keyMoment()) {
            md.append(" **[key moment]**");
        }
        if (!history && e.editedAt() != null) {
            md.append(" _(edited)_");
        }
        md.append('\n');
        for (FileRef f : e.files()) {
            md.append(indent)
                    .append("  - file: ")
                    .append(escapeLine(f.name() == null ? "(unnamed)" : f.name()));
            if (f.type() != null) {
                md.append(" (").append(f.type()).append(')');
            }
            if (f.permalink() != null) {
                md.append(" <").append(f.permalink()).append('>');
            }
            md.append('\n');
        }
        for (String link : e.links()) {
            md.append(indent).append("  - link: <").append(link).append(">\n");
        }
        if (history && !e.versions().isEmpty()) {
            Instant changed = e.editedAt();
            md.append(indent)
                    .append("  - edited")
                    .append(changed != null ? " at " + TIME.format(changed) : "")
                    .append("; earlier text:\n");
            for (TimelineEntry.Version v : e.versions()) {
                md.append(indent)
                        .append("    - ")
                        .append(oneLine(v.text()))
                        .append(" _(replaced at ")
                        .append(TIME.format(v.replacedAt()))
                        .append(")_\n");
            }
        }
    }

    private static String marker(TimelineEntry e) {
        return switch (e.kind()) {
            case STATUS -> "**status** ";
            case SEVERITY -> "**severity** ";
            case COMMANDER -> "**commander** ";
            case NOTE -> "**note** ";
            case PIN -> "**pin** ";
            case REACTION_HIGHLIGHT -> "**highlight** ";
            case JOIN -> "_joined_ ";
            case SYSTEM ->
                    "**" + (e.subtype() != null ? e.subtype().replace('_', ' ') : "system") + "** ";
            case FILE, MESSAGE, THREAD_REPLY -> "me_message".equals(e.subtype()) ? "_/me_ " : "";
        };
    }

    private static String who(TimelineEntry e) {
        if (e.authorName() != null) {
            return "**" + escapeLine(e.authorName()) + ":** ";
        }
        return e.authorId() != null ? "**" + e.authorId() + ":** " : "";
    }

    /** Multi-line text kept inside its list item. */
    static String block(String text, String indent) {
        return text.replace("\r", "").replace("\n", "\n" + indent);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replace("\r", "").replace('\n', ' ');
    }

    static String escapeLine(String text) {
        return oneLine(text).replace("*", "\\*").replace("_", "\\_");
    }
}
