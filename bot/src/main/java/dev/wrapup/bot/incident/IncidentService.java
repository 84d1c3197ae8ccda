package dev.wrapup.bot.incident;

import com.google.gson.JsonObject;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.events.SlackMessages;
import dev.wrapup.bot.slack.SlackCalls;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declaring and running incidents: every change is committed with its timeline entry
 * first; the Slack side (channel, header, announcements) follows off the request thread.
 */
public final class IncidentService {
    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final int MAX_NAME_ATTEMPTS = 50;

    private final Config config;
    private final Database database;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Participants participants;
    private final SlackCalls slack;
    private final UserDirectory users;
    private final Executor afterAck;
    private final Clock clock;
    /** Resolve and reopen reactions run one at a time, in order: a quick reopen after a
     *  resolve must cancel the call that resolve planned, never the other way round. */
    private final java.util.concurrent.ExecutorService lifecycle = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "incident-lifecycle");
                t.setDaemon(true);
                return t;
            });
    private final List<BiConsumer<Incident, String>> resolvedListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Incident, String>> reopenedListeners = new CopyOnWriteArrayList<>();

    public IncidentService(Config config, Database database, SlackCalls slack, UserDirectory users,
                           Executor afterAck, Clock clock) {
        this.config = config;
        this.database = database;
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database.dsl());
        this.participants = new Participants(database.dsl());
        this.slack = slack;
        this.users = users;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    /** Called (off the request thread) after an incident is resolved, with who resolved it. */
    public void onResolved(BiConsumer<Incident, String> listener) {
        resolvedListeners.add(listener);
    }

    /** Someone noted a key moment. */
    public interface NoteListener {
        void noted(Incident incident, String userId, String text);
    }

    private final List<NoteListener> noteListeners = new CopyOnWriteArrayList<>();

    /** Called (off the request thread) after a note is recorded. */
    public void onNote(NoteListener listener) {
        noteListeners.add(listener);
    }

    /** Called (off the request thread) when a resolved incident gets a new response status. */
    public void onReopened(BiConsumer<Incident, String> listener) {
        reopenedListeners.add(listener);
    }

    /** Lets resolve and reopen reactions still under way finish. */
    public void close() {
        lifecycle.shutdown();
        try {
            lifecycle.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Optional<Incident> inChannel(String channelId) {
        return incidents.findByChannel(channelId);
    }

    public Incidents incidents() {
        return incidents;
    }

    public Timeline timeline() {
        return timeline;
    }

    public Participants participants() {
        return participants;
    }

    public String timelineUrl(Incident incident) {
        return config.publicUrl() + "/incidents/" + incident.webKey();
    }

    // ---------------------------------------------------------------- declare

    /** Opens a new channel for the incident and starts recording it; runs off the request thread. */
    public void declareInNewChannel(Declaration d) {
        Instant now = clock.instant();
        Optional<ConversationsCreateResponse> created = Optional.empty();
        String name = null;
        for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
            name = ChannelNames.forIncident(config.channelPrefix(), now.atZone(ZoneOffset.UTC).toLocalDate(),
                    d.title(), attempt);
            String tryName = name;
            created = slack.call("conversations.create", m -> m.conversationsCreate(r -> r.name(tryName)));
            if (created.isEmpty() || created.get().isOk() || !"name_taken".equals(created.get().getError())) {
                break;
            }
        }
        if (created.isEmpty() || !created.get().isOk()) {
            String why = created.map(r -> "Slack said `" + r.getError() + "`").orElse("Slack could not be reached");
            tellPrivately(d.originChannelId(), d.callerId(), ":warning: I could not open a channel for *"
                    + SlackText.escape(d.title()) + "* (" + why + "), so nothing was declared. Please try again, "
                    + "or use `/incident declare here` in a channel you made.");
            return;
        }
        String channelId = created.get().getChannel().getId();
        String channelName = created.get().getChannel().getName();
        Incident incident = database.transaction(tx -> start(tx, d, channelId, channelName, now));
        slack.call("conversations.invite", m -> m.conversationsInvite(r -> r.channel(channelId)
                .users(List.of(d.callerId()))));
        postHeader(incident);
        slack.call("conversations.setPurpose", m -> m.conversationsSetPurpose(r -> r.channel(channelId)
                .purpose("Incident: " + SlackText.truncate(d.title(), 200))));
        if (d.originChannelId() != null && !d.originChannelId().startsWith("D")) {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(d.originChannelId())
                    .text(":rotating_light: " + SlackText.mention(d.callerId()) + " declared an incident: *"
                            + SlackText.escape(d.title()) + "* (" + IncidentHeader.severity(incident) + ") in <#"
                            + channelId + ">")));
        }
        users.refreshLater(d.callerId());
    }

    /**
     * Makes the channel the incident channel (committed before this returns); its header
     * and the import of its recent history follow off the request thread.
     */
    public Incident declareHere(Declaration d, String channelName) {
        Instant now = clock.instant();
        Incident incident = database.transaction(tx -> {
            if (incidents.hasOpen(tx, d.originChannelId())) {
                return null;
            }
            return start(tx, d, d.originChannelId(), channelName, now);
        });
        if (incident == null) {
            return null;
        }
        afterAck.execute(() -> {
            slack.call("conversations.join", m -> m.conversationsJoin(r -> r.channel(incident.channelId())));
            importHistory(incident, now);
            postHeader(incident);
            users.refreshLater(d.callerId());
        });
        return incident;
    }

    private Incident start(DSLContext tx, Declaration d, String channelId, String channelName, Instant now) {
        Incident incident = incidents.create(tx, new Incidents.NewIncident(IncidentKind.INCIDENT, d.teamId(),
                channelId, channelName, d.title(), d.description(), d.severity(), IncidentStatus.INVESTIGATING,
                d.callerId(), d.callerId(), now), now);
        participants.add(tx, incident.id(), d.callerId(), "declared", now);
        timeline.add(tx, NewEntry.of(incident.id(), channelId, EntryKind.SYSTEM, d.callerId(), name(tx, d.callerId()),
                "Incident declared: " + d.title() + " (" + IncidentHeader.severity(incident) + ")", now), now);
        return incident;
    }

    /** Imports the channel's recent messages, threads included, through conversations.history with paging. */
    void importHistory(Incident incident, Instant declaredAt) {
        String oldest = SlackTs.of(declaredAt.minus(config.importWindow()));
        int[] imported = {0};
        slack.pages("conversations.history", cursor -> m -> m.conversationsHistory(r -> r
                        .channel(incident.channelId()).oldest(oldest).limit(200).cursor(cursor)),
                r -> r.getResponseMetadata(), page -> {
                    for (Message message : page.getMessages()) {
                        imported[0] += importMessage(incident, message);
                        if (message.getReplyCount() != null && message.getReplyCount() > 0) {
                            imported[0] += importThread(incident, message.getTs());
                        }
                    }
                });
        log.info("incident {}: imported {} messages from the last {}", incident.id(), imported[0],
                config.importWindow());
    }

    private int importThread(Incident incident, String parentTs) {
        int[] imported = {0};
        slack.pages("conversations.replies", cursor -> m -> m.conversationsReplies(r -> r
                        .channel(incident.channelId()).ts(parentTs).limit(200).cursor(cursor)),
                r -> r.getResponseMetadata(), page -> {
                    for (Message reply : page.getMessages()) {
                        if (!parentTs.equals(reply.getTs())) {
                            imported[0] += importMessage(incident, reply);
                        }
                    }
                });
        return imported[0];
    }

    private int importMessage(Incident incident, Message message) {
        JsonObject json = GsonFactory.createSnakeCase().toJsonTree(message).getAsJsonObject();
        Optional<NewEntry> entry = SlackMessages.entry(incident.id(), incident.channelId(), json, users::knownName);
        if (entry.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        boolean added = database.transaction(tx -> {
            boolean isNew = timeline.add(tx, entry.get(), now);
            if (isNew && message.getUser() != null && message.getBotId() == null) {
                participants.add(tx, incident.id(), message.getUser(), "posted", entry.get().occurredAt());
            }
            return isNew;
        });
        if (added && message.getUser() != null) {
            users.refreshLater(message.getUser());
        }
        return added ? 1 : 0;
    }

    // ---------------------------------------------------------------- changes

    /** A new response status; from resolved this reopens the incident. */
    public Incident setStatus(Incident incident, String callerId, IncidentStatus status) {
        Instant now = clock.instant();
        boolean reopening = incident.isResolved();
        Incident changed = change(incident, callerId, EntryKind.STATUS,
                (reopening ? "Reopened: status " : "Status: ") + incident.status().label() + " → " + status.label(),
                tx -> incidents.setStatus(tx, incident.id(), status, null), now);
        announce(changed, (reopening ? ":arrows_counterclockwise: Reopened by " : ":large_blue_circle: Status is now *")
                + (reopening ? SlackText.mention(callerId) + ": status is now *" + status.label() + "*"
                : status.label() + "* (" + SlackText.mention(callerId) + ")"));
        if (reopening) {
            lifecycle.execute(() -> reopenedListeners.forEach(l -> l.accept(changed, callerId)));
        }
        return changed;
    }

    public Incident setSeverity(Incident incident, String callerId, Severity severity) {
        Incident changed = change(incident, callerId, EntryKind.SEVERITY,
                "Severity: " + IncidentHeader.severity(incident) + " → " + severity.label(),
                tx -> incidents.setSeverity(tx, incident.id(), severity), clock.instant());
        announce(changed, ":large_orange_diamond: Severity is now *" + severity.label() + "* ("
                + SlackText.mention(callerId) + ")");
        return changed;
    }

    public Incident setCommander(Incident incident, String callerId, String commanderId) {
        Instant now = clock.instant();
        Incident changed = change(incident, callerId, EntryKind.COMMANDER,
                "Commander: " + nameOrId(incident.commanderId()) + " → " + nameOrId(commanderId), tx -> {
                    incidents.setCommander(tx, incident.id(), commanderId);
                    participants.add(tx, incident.id(), commanderId, "invited", now);
                }, now);
        afterAck.execute(() -> slack.call("conversations.invite", m -> m.conversationsInvite(r -> r
                .channel(incident.channelId()).users(List.of(commanderId)))));
        announce(changed, ":bust_in_silhouette: " + SlackText.mention(commanderId) + " is now the incident commander ("
                + SlackText.mention(callerId) + ")");
        users.refreshLater(commanderId);
        return changed;
    }

    public Incident setFacilitator(Incident incident, String callerId, String facilitatorId) {
        Instant now = clock.instant();
        Incident changed = change(incident, callerId, EntryKind.SYSTEM, "Facilitator: " + nameOrId(facilitatorId), tx -> {
            incidents.setFacilitator(tx, incident.id(), facilitatorId);
            participants.add(tx, incident.id(), facilitatorId, "invited", now);
        }, now);
        afterAck.execute(() -> slack.call("conversations.invite", m -> m.conversationsInvite(r -> r
                .channel(incident.channelId()).users(List.of(facilitatorId)))));
        afterAck.execute(() -> slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r
                .channel(incident.channelId())
                .text(":compass: " + SlackText.mention(facilitatorId) + " will facilitate the wrap-up ("
                        + SlackText.mention(callerId) + ")"))));
        afterAck.execute(() -> updateHeader(incident.id())); // the header names the facilitator
        users.refreshLater(facilitatorId);
        return changed;
    }

    public Incident note(Incident incident, String callerId, String text) {
        Incident changed = change(incident, callerId, EntryKind.NOTE, text, tx -> { }, clock.instant());
        afterAck.execute(() -> slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r
                .channel(incident.channelId())
                .text(":pushpin: Key moment noted by " + SlackText.mention(callerId) + ": " + text))));
        afterAck.execute(() -> noteListeners.forEach(l -> l.noted(changed, callerId, text)));
        return changed;
    }

    public Incident resolve(Incident incident, String callerId, String summary) {
        Instant now = clock.instant();
        Incident changed = change(incident, callerId, EntryKind.STATUS,
                "Resolved" + (summary.isBlank() ? "" : ": " + summary), tx -> {
                    incidents.setStatus(tx, incident.id(), IncidentStatus.RESOLVED, now);
                    if (!summary.isBlank()) {
                        incidents.setSummary(tx, incident.id(), summary);
                    }
                }, now);
        announce(changed, ":white_check_mark: Resolved by " + SlackText.mention(callerId)
                + (summary.isBlank() ? "" : ": " + summary));
        lifecycle.execute(() -> resolvedListeners.forEach(l -> l.accept(changed, callerId)));
        return changed;
    }

    private interface Change {
        void apply(DSLContext tx);
    }

    /** Commits the change, its timeline entry and the caller as a participant together. */
    private Incident change(Incident incident, String callerId, EntryKind kind, String text, Change change,
                            Instant now) {
        database.transaction(tx -> {
            change.apply(tx);
            timeline.add(tx, NewEntry.of(incident.id(), incident.channelId(), kind, callerId, name(tx, callerId), text,
                    now), now);
            participants.add(tx, incident.id(), callerId, "posted", now);
            return null;
        });
        users.refreshLater(callerId);
        return incidents.find(incident.id()).orElseThrow();
    }

    /** After the ack: a short visible line in the channel, and the pinned header brought up to date. */
    private void announce(Incident incident, String text) {
        afterAck.execute(() -> {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(incident.channelId()).text(text)));
            updateHeader(incident.id());
        });
    }

    // ---------------------------------------------------------------- header

    private void postHeader(Incident incident) {
        slack.ok("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(incident.channelId())
                        .text(IncidentHeader.fallbackText(incident))
                        .blocks(IncidentHeader.blocks(incident, timelineUrl(incident)))))
                .ifPresent(posted -> {
                    incidents.setHeaderTs(incident.id(), posted.getTs());
                    slack.call("pins.add", m -> m.pinsAdd(r -> r.channel(incident.channelId())
                            .timestamp(posted.getTs())));
                });
    }

    /** Re-renders the pinned header from what is stored now. */
    public void updateHeader(long incidentId) {
        Incident incident = incidents.find(incidentId).orElseThrow();
        if (incident.headerTs() == null) {
            return;
        }
        slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(incident.channelId()).ts(incident.headerTs())
                .text(IncidentHeader.fallbackText(incident))
                .blocks(IncidentHeader.blocks(incident, timelineUrl(incident)))));
    }

    // ---------------------------------------------------------------- helpers

    private String nameOrId(String userId) {
        return users.knownName(userId).orElse(userId);
    }

    private String name(String userId) {
        return users.knownName(userId).orElse(null);
    }

    /** Inside a transaction: on its connection, never a second one from the pool. */
    private String name(DSLContext tx, String userId) {
        return users.knownName(tx, userId).orElse(null);
    }

    /** An ephemeral message to one person, or a DM when the bot cannot post in that channel. */
    public void tellPrivately(String channelId, String userId, String text) {
        Optional<?> sent = channelId == null ? Optional.empty()
                : slack.ok("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channelId).user(userId)
                .text(text)));
        if (sent.isEmpty()) {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(userId).text(text)));
        }
    }

    /** The key moments of the incident, in order. */
    public List<dev.wrapup.domain.TimelineEntry> keyMoments(Incident incident) {
        List<dev.wrapup.domain.TimelineEntry> moments = new ArrayList<>();
        for (var e : timeline.entries(incident.id())) {
            if (e.keyMoment()) {
                moments.add(e);
            }
        }
        return moments;
    }
}
