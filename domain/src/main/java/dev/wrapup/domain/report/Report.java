package dev.wrapup.domain.report;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.domain.report.Section.Action;
import dev.wrapup.domain.report.Section.Actions;
import dev.wrapup.domain.report.Section.Agenda;
import dev.wrapup.domain.report.Section.Comment;
import dev.wrapup.domain.report.Section.Comments;
import dev.wrapup.domain.report.Section.Fact;
import dev.wrapup.domain.report.Section.Facts;
import dev.wrapup.domain.report.Section.KeyMoments;
import dev.wrapup.domain.report.Section.Moment;
import dev.wrapup.domain.report.Section.Summary;
import dev.wrapup.domain.text.Durations;
import dev.wrapup.domain.text.Names;
import dev.wrapup.domain.text.PublicText;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The published wrap-up: short and actionable (what happened, the key moments, every comment by
 * agenda item, action items with owners, who did not comment), followed by the full timeline for
 * anyone who wants the detail.
 */
public record Report(String title, List<Section> sections) {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public Report {
        sections = List.copyOf(sections);
    }

    /**
     * Everything a report is made from; bots: which participants are bots; window: the maintenance
     * window, null for an incident.
     */
    public record Contents(
            Incident incident,
            List<Participant> participants,
            Set<String> bots,
            List<TimelineEntry> timeline,
            List<WrapUpComment> comments,
            List<ActionItem> actions,
            MaintenanceWindow window) {}

    /** The report showing as much as the disclosure allows. */
    public static Report of(Contents c, Disclosure disclosure) {
        Function<String, String> name = Names.of(c.participants());
        // What leaves the channel has every piece of Slack markup resolved (names that do not
        // ping, real link targets, broadcasts neutralised); the operator's full export keeps
        // user text as written but for mentions, which read as names either way.
        Function<String, String> text =
                disclosure.history()
                        ? t -> t == null ? "" : Names.mentions(t, name)
                        : t -> t == null ? "" : PublicText.of(t, name);
        Incident i = c.incident();
        List<Section> sections = new ArrayList<>();
        sections.add(facts(c, name));
        String summary = !isBlank(i.summary()) ? i.summary() : i.description();
        if (!isBlank(summary)) {
            sections.add(new Summary(text.apply(summary.strip())));
        }
        if (c.window() != null) {
            sections.addAll(MaintenanceSections.of(c.window(), name, text));
        }
        sections.add(
                new KeyMoments(
                        c.timeline().stream()
                                .filter(TimelineEntry::keyMoment)
                                .map(e -> moment(e, disclosure, text, name))
                                .toList()));
        for (AgendaItem item : agenda(i.kind())) {
            sections.add(
                    new Agenda(
                            item.question(),
                            c.comments().stream()
                                    .filter(x -> x.item() == item)
                                    .map(
                                            x ->
                                                    new Comment(
                                                            text.apply(x.text().strip()),
                                                            name.apply(x.userId())))
                                    .toList()));
        }
        sections.add(
                new Actions(
                        ActionKind.mix(c.actions().stream().map(ActionItem::kind).toList()),
                        c.actions().stream().map(a -> action(a, name, text)).toList()));
        sections.add(
                new Comments(
                        completeness(
                                Completeness.of(c.participants(), c.bots()::contains, c.comments()),
                                name)));
        if (disclosure.timeline()) {
            sections.add(TimelineSection.of(c.timeline(), disclosure.history(), text, name));
        }
        return new Report(kindLabel(i.kind()) + oneLine(text.apply(i.title())), sections);
    }

    /**
     * The report with past incidents like it under "Seen before", just above the full timeline;
     * their titles follow what may leave the channel, as every other text does. Nothing to show, no
     * section.
     */
    public Report withSeenBefore(List<Section.Past> past, Disclosure disclosure) {
        if (past.isEmpty()) {
            return this;
        }
        Function<String, String> noNames = id -> id;
        List<Section.Past> shown =
                past.stream()
                        .map(
                                p ->
                                        new Section.Past(
                                                oneLine(
                                                        disclosure.history()
                                                                ? Names.mentions(p.title(), noNames)
                                                                : PublicText.of(
                                                                        p.title(), noNames)),
                                                p.date(),
                                                p.link(),
                                                p.actions()))
                        .toList();
        List<Section> with = new ArrayList<>(sections);
        int at = with.size();
        while (at > 0 && with.get(at - 1) instanceof Section.Timeline) {
            at--;
        }
        with.add(at, new Section.SeenBefore(shown));
        return new Report(title, with);
    }

    /** An incident asks first what went wrong; a planned change first what could be better. */
    private static List<AgendaItem> agenda(IncidentKind kind) {
        return kind == IncidentKind.INCIDENT
                ? List.of(AgendaItem.WELL, AgendaItem.WRONG, AgendaItem.BETTER)
                : List.of(AgendaItem.WELL, AgendaItem.BETTER, AgendaItem.WRONG);
    }

    private static String kindLabel(IncidentKind kind) {
        return switch (kind) {
            case INCIDENT, WRAPUP -> "Wrap-up: ";
            case MAINTENANCE -> "Maintenance wrap-up: ";
        };
    }

    private static Facts facts(Contents c, Function<String, String> name) {
        Incident i = c.incident();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Severity", i.severity() == null ? "not set" : i.severity().label()));
        facts.add(new Fact("Started", WHEN.format(i.startedAt())));
        if (i.resolvedAt() != null) {
            boolean maintenance = i.kind() == IncidentKind.MAINTENANCE;
            facts.add(
                    new Fact(
                            maintenance ? "Ended" : "Resolved",
                            WHEN.format(i.resolvedAt())
                                    + (maintenance
                                            ? " (from the planned start: "
                                            : " (time to resolve: ")
                                    + Durations.human(
                                            Duration.between(i.startedAt(), i.resolvedAt()))
                                    + ")"));
        }
        facts.add(new Fact("Commander", name.apply(i.commanderId())));
        facts.add(new Fact("Facilitator", name.apply(i.facilitator())));
        facts.add(
                new Fact(
                        "Participants",
                        c.participants().stream()
                                .map(p -> name.apply(p.userId()))
                                .collect(Collectors.joining(", "))));
        return new Facts(facts);
    }

    private static Moment moment(
            TimelineEntry e,
            Disclosure disclosure,
            Function<String, String> text,
            Function<String, String> name) {
        boolean hidden = e.deleted() && !disclosure.history();
        return new Moment(
                WHEN.format(e.occurredAt()),
                e.authorName() != null || e.authorId() == null
                        ? e.authorName()
                        : name.apply(e.authorId()),
                hidden ? null : oneLine(text.apply(e.text())),
                hidden);
    }

    private static Action action(
            ActionItem a, Function<String, String> name, Function<String, String> text) {
        return new Action(
                a.number(),
                oneLine(text.apply(a.text())),
                a.kind().word(),
                a.open()
                        ? null
                        : a.done()
                                ? ActionState.DONE.label()
                                : ActionState.WONT_DO.label()
                                        + ": "
                                        + oneLine(text.apply(a.wontDoReason())),
                name.apply(a.ownerId()),
                a.dueOn() == null ? null : a.dueOn().toString());
    }

    private static String completeness(Completeness c, Function<String, String> name) {
        String counted =
                c.commented().size()
                        + " of "
                        + c.participants().size()
                        + " participants commented.";
        return c.complete()
                ? counted
                : counted
                        + " No comment from: "
                        + c.missing().stream().map(name).collect(Collectors.joining(", "))
                        + ".";
    }

    /** Text for a place that holds one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.replace("\r", "").replace('\n', ' ');
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
