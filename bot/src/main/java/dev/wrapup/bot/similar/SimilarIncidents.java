package dev.wrapup.bot.similar;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.bot.web.signin.ChannelAccess;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentText;
import dev.wrapup.domain.report.Section;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.IncidentTexts;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Tx;
import dev.wrapup.persistence.WrapUps;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * "Have we seen this before?": past incidents like the current one, posted quietly in its channel
 * when it is declared and again once people have written ten entries, each once and only when it
 * shows one no earlier post showed; and the same list for the call and the published report.
 * Nothing the channel's members may not see is suggested.
 */
public final class SimilarIncidents {
    /** Posts the suggestions in the incident channel, worded when posted. */
    private static final String POST = "similar-incidents";

    /** The occasions a post is made on, each once per incident. */
    static final String AT_DECLARE = "declare";

    static final String AT_TEN = "ten";

    /** Entries people wrote after which the suggestions are posted again. */
    static final int ENTRIES = 10;

    /** How many suggestions are shown. */
    static final int SHOWN = 3;

    /** What a post claims for each past incident it showed, with the incident's id. */

    /** How many the index is asked for, as some may not be shown in the channel. */
    private static final int ASKED = 20;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final IncidentIndex index;
    private final IndexFollower follower;
    private final IncidentTexts texts;
    private final Incidents incidents;
    private final WrapUps wrapUps;
    private final ChannelAccess channels;
    private final IncidentLinks links;
    private final SlackOutbox outbox;
    private final Clock clock;

    /** Incidents whose post at ten entries this replica knows to be claimed. */
    private final Set<Long> tenClaimed = ConcurrentHashMap.newKeySet();

    public SimilarIncidents(
            Database database,
            IncidentIndex index,
            IndexFollower follower,
            ChannelAccess channels,
            IncidentLinks links,
            SlackOutbox outbox,
            Clock clock) {
        this.index = index;
        this.follower = follower;
        this.texts = new IncidentTexts(database);
        this.incidents = new Incidents(database);
        this.wrapUps = new WrapUps(database);
        this.channels = channels;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
        outbox.perform(POST, this::post);
    }

    /** A past incident worth a look, with its action items. */
    public record Suggestion(Incident incident, List<ActionItem> actions) {}

    /**
     * Queues the post made at declare, in the declaring transaction: claimed there, so that it is
     * made once whatever replica or retry declares.
     */
    public void queueAtDeclare(Tx tx, Incident incident) {
        if (incident.kind() == IncidentKind.INCIDENT
                && texts.claimPost(tx, incident.id(), AT_DECLARE, clock.instant())) {
            outbox.add(tx, SlackWork.job(POST, incident.channelId(), incident.id()));
        }
    }

    /**
     * After something was written in the incident's channel: once people have written ten entries,
     * queues the second post (claimed with it, so made once). The index follows the entry within
     * seconds; the post indexes the incident itself before asking.
     */
    public void written(Incident incident) {
        if (incident.kind() != IncidentKind.INCIDENT
                || tenClaimed.contains(incident.id())
                || texts.writtenEntries(incident.id()) < ENTRIES) {
            return;
        }
        outbox.sendIf(
                tx -> texts.claimPost(tx, incident.id(), AT_TEN, clock.instant()),
                SlackWork.job(POST, incident.channelId(), incident.id()));
        tenClaimed.add(incident.id());
    }

    /**
     * Up to three past incidents like this one that every member of {@code channelId} may see, best
     * first.
     */
    public List<Suggestion> like(Incident incident, String channelId) {
        Optional<IncidentText> text = texts.text(incident.id());
        if (text.isEmpty()) {
            return List.of();
        }
        List<IncidentIndex.Match> matches = index.like(text.get(), ASKED);
        Map<Long, Incident> found =
                incidents.find(matches.stream().map(IncidentIndex.Match::incidentId).toList());
        List<Suggestion> shown = new ArrayList<>();
        for (IncidentIndex.Match match : matches) {
            Incident past = found.get(match.incidentId());
            if (past != null
                    && past.kind() == IncidentKind.INCIDENT
                    && past.startedAt().isBefore(incident.startedAt())
                    && maySee(channelId, past)) {
                shown.add(new Suggestion(past, wrapUps.actions(past.id())));
                if (shown.size() == SHOWN) {
                    break;
                }
            }
        }
        return shown;
    }

    /**
     * Whether every member of the channel may see the past incident: one from the same channel or a
     * public one, yes; a private one only when all the channel's members are in its channel. When
     * Slack cannot say, no.
     */
    boolean maySee(String channelId, Incident past) {
        if (past.channelId().equals(channelId)) {
            return true;
        }
        Optional<Boolean> isPrivate = channels.isPrivate(past.channelId());
        if (isPrivate.isEmpty()) {
            return false;
        }
        if (!isPrivate.get()) {
            return true;
        }
        Optional<Set<String>> readers = channels.members(channelId);
        Optional<Set<String>> insiders = channels.members(past.channelId());
        return readers.isPresent()
                && insiders.isPresent()
                && insiders.get().containsAll(readers.get());
    }

    /**
     * The action items' state in words, e.g. "2 of 3 action items still open", "all action items
     * done" or "1 done, 1 won't do".
     */
    static String actionState(List<ActionItem> actions) {
        if (actions.isEmpty()) {
            return "no action items";
        }
        long open = actions.stream().filter(ActionItem::open).count();
        if (open > 0) {
            return open + " of " + actions.size() + " action items still open";
        }
        long done = actions.stream().filter(ActionItem::done).count();
        if (done == actions.size()) {
            return actions.size() == 1 ? "its action item done" : "all action items done";
        }
        return done + " done, " + (actions.size() - done) + " won't do";
    }

    /** The suggestions as one line of Slack text, "Seen before: …". */
    public String line(List<Suggestion> suggestions) {
        return "Seen before: "
                + suggestions.stream()
                        .map(
                                s -> {
                                    String title =
                                            SlackText.escape(
                                                    SlackText.truncate(s.incident().title(), 80));
                                    return links.page(s.incident())
                                                    .map(url -> "<" + url + "|" + title + ">")
                                                    .orElse(
                                                            title
                                                                    + " in <#"
                                                                    + s.incident().channelId()
                                                                    + ">")
                                            + " ("
                                            + DAY.format(s.incident().startedAt())
                                            + ", "
                                            + actionState(s.actions())
                                            + ")";
                                })
                        .collect(Collectors.joining(" · "));
    }

    /** The suggestions as the report lists them. */
    public List<Section.Past> forReport(List<Suggestion> suggestions) {
        return suggestions.stream()
                .map(
                        s ->
                                new Section.Past(
                                        s.incident().title(),
                                        DAY.format(s.incident().startedAt()),
                                        links.page(s.incident()).orElse(null),
                                        actionState(s.actions())))
                .toList();
    }

    /**
     * The queued post: worded now; nothing like it, or nothing an earlier post in the channel did
     * not show, nothing posted.
     */
    private Outcome post(Item item) {
        Optional<Incident> incident = incidents.find(item.subjectId());
        if (incident.isEmpty()) {
            return new Outcome.Refused("no incident " + item.subjectId());
        }
        follower.reindex(incident.get().id());
        List<Suggestion> suggestions = like(incident.get(), incident.get().channelId());
        Set<Long> shown = texts.shown(incident.get().id());
        if (suggestions.stream().allMatch(s -> shown.contains(s.incident().id()))) {
            return doneNothing();
        }
        String text = line(suggestions);
        List<LayoutBlock> blocks =
                List.of(
                        ContextBlock.builder()
                                .elements(List.of(MarkdownTextObject.builder().text(text).build()))
                                .build());
        return outbox.post(incident.get().channelId(), text, SlackWork.json(blocks))
                .then(
                        (tx, ts) ->
                                texts.shown(
                                        tx,
                                        incident.get().id(),
                                        suggestions.stream().map(s -> s.incident().id()).toList(),
                                        clock.instant()));
    }

    private static Outcome doneNothing() {
        return new Outcome.Done(null, (tx, ts) -> {});
    }
}
