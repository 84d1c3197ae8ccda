package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.web.Visibility;
import dev.wrapup.bot.web.pages.IncidentView.Action;
import dev.wrapup.bot.web.pages.IncidentView.Agenda;
import dev.wrapup.bot.web.pages.IncidentView.Comment;
import dev.wrapup.bot.web.pages.IncidentView.Header;
import dev.wrapup.bot.web.pages.IncidentView.Impact;
import dev.wrapup.bot.web.pages.IncidentView.Item;
import dev.wrapup.bot.web.pages.IncidentView.Maintenance;
import dev.wrapup.bot.web.pages.IncidentView.Step;
import dev.wrapup.bot.web.pages.IncidentView.TimelinePage;
import dev.wrapup.bot.web.pages.IncidentView.WrapUp;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Heard;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.domain.text.Durations;
import dev.wrapup.domain.text.Names;
import dev.wrapup.domain.text.VerdictText;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An incident's page worked out from the database alone, as much of it as the viewer may see.
 *
 * <p>A little over 250 lines: each part of the page is a short mapping from the record, and they
 * share the names and the text renderer worked out once per request.
 */
final class IncidentViews {
    private final Participants participants;
    private final Timeline timeline;
    private final WrapUps wrapUps;
    private final Users users;
    private final MaintenanceWindows windows;
    private final AnalysisCalls calls;
    private final HeardViews heard;
    private final Clock clock;

    /**
     * @param configuredGroups the configured role groups' names, empty when there are none
     */
    IncidentViews(Database database, List<String> configuredGroups, Clock clock) {
        this.participants = new Participants(database);
        this.timeline = new Timeline(database);
        this.wrapUps = new WrapUps(database);
        this.users = new Users(database);
        this.windows = new MaintenanceWindows(database);
        this.calls = new AnalysisCalls(database);
        this.heard = new HeardViews(database, configuredGroups);
        this.clock = clock;
    }

    /**
     * @param visibility PUBLISHED or FULL
     * @param day the timeline's day asked for, or null for the first page
     * @param base the page's address with the other parameters, ending in ? or &amp;
     */
    IncidentView of(
            Incident incident,
            Visibility visibility,
            boolean onlyKey,
            LocalDate day,
            int part,
            String base) {
        boolean full = visibility == Visibility.FULL;
        List<Participant> people = participants.list(incident.id());
        Function<String, String> names = Names.of(people);
        Set<String> bots =
                people.stream()
                        .map(Participant::userId)
                        .filter(id -> users.find(id).map(SlackUser::bot).orElse(false))
                        .collect(Collectors.toSet());
        Function<String, SafeHtml> text = t -> Mrkdwn.render(t, names);
        List<TimelineEntry> entries = timeline.entries(incident.id());
        Instant call =
                calls.find(incident.id())
                        .filter(c -> c.status() != AnalysisCall.Status.CANCELLED)
                        .map(AnalysisCall::scheduledAt)
                        .orElse(null);
        // A wrap-up published without its timeline (from a private channel) keeps it from
        // everyone who sees only what was published.
        boolean timelineShown =
                full
                        || wrapUps.publication(incident.id())
                                .map(WrapUps.Publication::includeTimeline)
                                .orElse(true);
        TimelinePage page =
                timelineShown
                        ? TimelinePages.of(
                                entries,
                                e -> !onlyKey || e.keyMoment(),
                                e -> item(e, full, bots, names, text),
                                day,
                                part,
                                base)
                        : null;
        return new IncidentView(
                header(incident, names, text, call),
                full,
                onlyKey,
                Chart.of(incident, entries, call, clock.instant()),
                page,
                wrapUp(incident, full, people, bots, names, text),
                incident.kind() == IncidentKind.MAINTENANCE
                        ? windows.find(incident.id())
                                .map(w -> maintenance(w, names, text))
                                .orElse(null)
                        : null);
    }

    private static Header header(
            Incident i,
            Function<String, String> names,
            Function<String, SafeHtml> text,
            Instant call) {
        return new Header(
                i.id(),
                i.title(),
                i.kind().label(),
                i.severity() == null ? null : i.severity().label(),
                i.status().label(),
                i.isOpen(),
                i.channelName(),
                i.commanderId() == null ? null : names.apply(i.commanderId()),
                i.facilitatorId() == null ? null : names.apply(i.facilitatorId()),
                i.startedAt(),
                i.resolvedAt(),
                i.timeToResolve().map(Durations::human).orElse(null),
                call,
                i.description() == null ? null : text.apply(i.description()),
                i.summary() == null ? null : text.apply(i.summary()));
    }

    private static Item item(
            TimelineEntry e,
            boolean full,
            Set<String> bots,
            Function<String, String> names,
            Function<String, SafeHtml> text) {
        boolean hidden = e.deleted() && !full;
        String author = e.authorName() != null ? e.authorName() : names.apply(e.authorId());
        return new Item(
                e.id(),
                e.occurredAt(),
                author,
                TimelinePages.marker(e),
                // Gone from the channel, so gone from what a reader of the published record sees:
                // no text, no files, no earlier versions.
                hidden ? null : text.apply(e.text()),
                e.deleted(),
                e.deletedAt(),
                e.editedAt() != null,
                hidden ? List.of() : TimelinePages.earlier(e, full, text),
                hidden ? List.of() : e.files().stream().map(IncidentView.File::of).toList(),
                "bot_message".equals(e.subtype()) || bots.contains(e.authorId()),
                e.keyMoment(),
                List.of());
    }

    private WrapUp wrapUp(
            Incident incident,
            boolean full,
            List<Participant> people,
            Set<String> bots,
            Function<String, String> names,
            Function<String, SafeHtml> text) {
        List<WrapUpComment> comments = wrapUps.comments(incident.id());
        List<Agenda> agenda =
                Arrays.stream(AgendaItem.values())
                        .map(
                                a ->
                                        new Agenda(
                                                a.question(),
                                                comments.stream()
                                                        .filter(c -> c.item() == a)
                                                        .map(
                                                                c ->
                                                                        new Comment(
                                                                                names.apply(
                                                                                        c.userId()),
                                                                                text.apply(
                                                                                        c.text()),
                                                                                c.createdAt()))
                                                        .toList()))
                        .toList();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Action> actions =
                wrapUps.actions(incident.id()).stream()
                        .map(a -> action(a, names, text, today))
                        .toList();
        return new WrapUp(
                agenda,
                actions,
                heard.of(
                        incident,
                        full,
                        Heard.of(people, bots::contains, comments, wrapUps.askedFor(incident.id())),
                        names));
    }

    private static Action action(
            ActionItem a,
            Function<String, String> names,
            Function<String, SafeHtml> text,
            LocalDate today) {
        String state =
                a.closed()
                        ? a.state().code()
                        : a.dueOn() != null && a.dueOn().isBefore(today) ? "overdue" : "open";
        return new Action(
                a.number(),
                names.apply(a.ownerId()),
                text.apply(a.text()),
                a.dueOn(),
                state,
                a.kind().label(),
                a.wontDoReason() == null ? null : text.apply(a.wontDoReason()));
    }

    private static Maintenance maintenance(
            MaintenanceWindow w, Function<String, String> names, Function<String, SafeHtml> text) {
        VerdictText verdict = w.endedAt() == null ? null : VerdictText.of(w.verdict(w.endedAt()));
        return new Maintenance(
                w.plannedStart(),
                w.plannedEnd(),
                w.zone(),
                w.steps().stream()
                        .map(
                                s ->
                                        new Step(
                                                s.number(),
                                                names.apply(s.ownerId()),
                                                text.apply(s.text()),
                                                s.state().name().toLowerCase(Locale.ROOT),
                                                s.failure() == null
                                                        ? null
                                                        : text.apply(s.failure())))
                        .toList(),
                w.impacts().stream()
                        .map(i -> new Impact(names.apply(i.userId()), text.apply(i.text()), i.at()))
                        .toList(),
                verdict == null ? null : verdict.headline(),
                verdict == null ? null : verdict.rest());
    }
}
