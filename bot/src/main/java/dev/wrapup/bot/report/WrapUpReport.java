package dev.wrapup.bot.report;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.domain.text.Durations;
import dev.wrapup.domain.text.PublicText;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The published wrap-up: short and actionable (what happened, the key moments, every comment by
 * agenda item, action items with owners, who did not comment), followed by the full timeline for
 * anyone who wants the detail.
 */
public final class WrapUpReport {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Everything a report is made from; bots: which participants are bots. */
    public record Contents(
            Incident incident,
            List<Participant> participants,
            Set<String> bots,
            List<TimelineEntry> timeline,
            List<WrapUpComment> comments,
            List<ActionItem> actions,
            String extraSection) {}

    private WrapUpReport() {}

    /** Everything, as the operator's export --full prints it. */
    public static String markdown(Contents c) {
        return markdown(c, Disclosure.FULL);
    }

    public static String markdown(Contents c, Disclosure disclosure) {
        Function<String, String> name = names(c.participants());
        // What leaves the channel has every piece of Slack markup resolved (names that do not
        // ping, real link targets, broadcasts neutralised); the operator's full export keeps
        // user text as written but for mentions, which read as names either way.
        Function<String, String> text =
                disclosure.history() ? t -> mentions(t, name) : t -> PublicText.of(t, name);
        Incident i = c.incident();
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(kindLabel(i))
                .append(TimelineMarkdown.escapeLine(text.apply(i.title())))
                .append("\n\n");
        md.append("- **Severity:** ")
                .append(i.severity() == null ? "not set" : i.severity().label())
                .append('\n');
        md.append("- **Started:** ").append(WHEN.format(i.startedAt())).append('\n');
        if (i.resolvedAt() != null) {
            md.append(i.kind() == IncidentKind.MAINTENANCE ? "- **Ended:** " : "- **Resolved:** ")
                    .append(WHEN.format(i.resolvedAt()))
                    .append(
                            i.kind() == IncidentKind.MAINTENANCE
                                    ? " (from the planned start: "
                                    : " (time to resolve: ")
                    .append(Durations.human(Duration.between(i.startedAt(), i.resolvedAt())))
                    .append(")\n");
        }
        md.append("- **Commander:** ").append(name.apply(i.commanderId())).append('\n');
        md.append("- **Facilitator:** ").append(name.apply(i.facilitator())).append('\n');
        md.append("- **Participants:** ")
                .append(
                        c.participants().stream()
                                .map(p -> name.apply(p.userId()))
                                .collect(Collectors.joining(", ")))
                .append('\n');
        if (i.summary() != null && !i.summary().isBlank()) {
            md.append("\n## Summary\n\n").append(text.apply(i.summary().strip())).append('\n');
        } else if (i.description() != null && !i.description().isBlank()) {
            md.append("\n## Summary\n\n").append(text.apply(i.description().strip())).append('\n');
        }
        if (c.extraSection() != null && !c.extraSection().isBlank()) {
            md.append('\n')
                    .append(
                            disclosure.history()
                                    ? c.extraSection().strip()
                                    : PublicText.of(c.extraSection().strip(), name))
                    .append('\n');
        }

        md.append("\n## Key moments\n\n");
        List<TimelineEntry> moments =
                c.timeline().stream().filter(TimelineEntry::keyMoment).toList();
        if (moments.isEmpty()) {
            md.append("_None were marked._\n");
        }
        for (TimelineEntry e : moments) {
            md.append("- **")
                    .append(WHEN.format(e.occurredAt()))
                    .append("** ")
                    .append(
                            e.authorName() != null
                                    ? TimelineMarkdown.escapeLine(e.authorName()) + ": "
                                    : "")
                    .append(
                            e.deleted() && !disclosure.history()
                                    ? TimelineMarkdown.DELETED
                                    : TimelineMarkdown.oneLine(text.apply(e.text())))
                    .append('\n');
        }

        List<AgendaItem> order =
                i.kind() == IncidentKind.INCIDENT
                        ? List.of(AgendaItem.WELL, AgendaItem.WRONG, AgendaItem.BETTER)
                        : List.of(AgendaItem.WELL, AgendaItem.BETTER, AgendaItem.WRONG);
        for (AgendaItem item : order) {
            md.append("\n## ").append(item.question()).append("\n\n");
            List<WrapUpComment> comments =
                    c.comments().stream().filter(x -> x.item() == item).toList();
            if (comments.isEmpty()) {
                md.append("_No comments._\n");
            }
            for (WrapUpComment comment : comments) {
                md.append("- ")
                        .append(TimelineMarkdown.block(text.apply(comment.text().strip()), "  "))
                        .append(" — _")
                        .append(name.apply(comment.userId()))
                        .append("_\n");
            }
        }

        md.append("\n## Action items\n\n");
        if (c.actions().isEmpty()) {
            md.append("_None._\n");
        }
        for (ActionItem a : c.actions()) {
            md.append(a.number())
                    .append(". ")
                    .append(a.done() ? "~~" : "")
                    .append(TimelineMarkdown.oneLine(text.apply(a.text())))
                    .append(a.done() ? "~~ (done)" : "")
                    .append(" — owner: ")
                    .append(name.apply(a.ownerId()));
            if (a.dueOn() != null) {
                md.append(", due ").append(a.dueOn());
            }
            md.append('\n');
        }

        md.append("\n## Comments\n\n");
        Completeness completeness =
                Completeness.of(c.participants(), c.bots()::contains, c.comments());
        md.append(completeness.commented().size())
                .append(" of ")
                .append(completeness.participants().size())
                .append(" participants commented.");
        if (!completeness.complete()) {
            md.append(" No comment from: ")
                    .append(
                            completeness.missing().stream()
                                    .map(name)
                                    .collect(Collectors.joining(", ")))
                    .append('.');
        }
        md.append('\n');
        if (disclosure.timeline()) {
            md.append("\n---\n\n## Full timeline\n");
            md.append(TimelineMarkdown.timeline(c.timeline(), disclosure.history(), text));
        }
        return md.toString();
    }

    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|([^>]*))?>");

    /** Slack's user mentions read as names in a document that leaves Slack. */
    static String mentions(String text, Function<String, String> name) {
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String known = name.apply(m.group(1));
            String shown =
                    !known.equals(m.group(1))
                            ? known
                            : m.group(2) != null ? m.group(2) : m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement("@" + shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String kindLabel(Incident i) {
        return switch (i.kind()) {
            case INCIDENT -> "Wrap-up: ";
            case WRAPUP -> "Wrap-up: ";
            case MAINTENANCE -> "Maintenance wrap-up: ";
        };
    }

    /** Display names by user id, the id itself when the name is not known. */
    public static Function<String, String> names(List<Participant> participants) {
        Map<String, String> byId =
                participants.stream()
                        .filter(p -> p.displayName() != null)
                        .collect(
                                Collectors.toMap(
                                        Participant::userId,
                                        Participant::displayName,
                                        (a, b) -> a));
        return id ->
                id == null
                        ? "not set"
                        : byId.containsKey(id) ? TimelineMarkdown.escapeLine(byId.get(id)) : id;
    }
}
