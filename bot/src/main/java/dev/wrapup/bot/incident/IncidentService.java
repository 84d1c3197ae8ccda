package dev.wrapup.bot.incident;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.events.SlackMessages;
import dev.wrapup.bot.slack.SlackCalls;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.text.ChannelNames;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declaring and running incidents: every change is committed with its timeline entry and the Slack
 * work it promises (channel, header, announcements), queued in the same transaction; the work is
 * done after the ack by the {@link SlackOutbox}.
 */
public final class IncidentService {
    /**
     * Queued by a resolve (and by a maintenance window's end or a wrap-up's start): the analysis
     * call is planned, in order with the channel's other work. The analysis call service does it.
     */
    public static final String PLAN_CALL = "plan-analysis-call";

    /** Queued by a reopen, after any plan still queued: a call still to come is cancelled. */
    public static final String CANCEL_CALL = "cancel-analysis-call";

    /** Opens the channel of an incident declared, then starts recording it. */
    private static final String DECLARE = "declare";

    /** Posts, or brings up to date, the pinned header as the incident stands when it is done. */
    private static final String HEADER = "incident-header";

    /** Imports the last hour of a channel declared an incident channel. */
    private static final String IMPORT = "import-history";

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final int MAX_NAME_ATTEMPTS = 50;

    private final Config config;
    private final Database database;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Participants participants;
    private final SlackCalls slack;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Clock clock;

    public IncidentService(
            Config config,
            Database database,
            SlackCalls slack,
            SlackOutbox outbox,
            UserDirectory users,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database);
        this.participants = new Participants(database);
        this.slack = slack;
        this.outbox = outbox;
        this.users = users;
        this.clock = clock;
        outbox.perform(DECLARE, this::openChannel);
        outbox.perform(HEADER, this::header);
        outbox.perform(IMPORT, this::importHistory);
    }

    /** Someone noted a key moment. */
    public interface NoteListener {
        void noted(Incident incident, String userId, String text);
    }

    private final List<NoteListener> noteListeners = new CopyOnWriteArrayList<>();

    /** Called after a note is recorded. */
    public void onNote(NoteListener listener) {
        noteListeners.add(listener);
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

    /**
     * Queues the declaration (committed before this returns): the channel is opened, the incident
     * started, the header pinned and the channel it was declared from told, after the ack, through
     * outages and restarts.
     */
    public void declareInNewChannel(Declaration d) {
        JsonObject args = new JsonObject();
        args.addProperty("teamId", d.teamId());
        args.addProperty("callerId", d.callerId());
        args.addProperty("originChannelId", d.originChannelId());
        args.addProperty("severity", d.severity() == null ? null : d.severity().name());
        args.addProperty("title", d.title());
        args.addProperty("description", d.description());
        args.addProperty("declaredAt", clock.instant().toString());
        // A conversation of its own: it waits for no channel, and none waits for it.
        outbox.send(
                new Work(
                        DECLARE,
                        DECLARE + " " + UUID.randomUUID(),
                        d.originChannelId(),
                        null,
                        null,
                        args.toString(),
                        null,
                        null));
    }

    /**
     * The declaration's work: opens the channel (its id noted at once, so that a resumed
     * declaration never opens a second), then, in one transaction with noting it done, starts the
     * incident and queues what follows.
     */
    private Outcome openChannel(Item item) {
        JsonObject args = JsonParser.parseString(item.args()).getAsJsonObject();
        Declaration d =
                new Declaration(
                        string(args, "teamId"),
                        string(args, "callerId"),
                        string(args, "originChannelId"),
                        Optional.ofNullable(string(args, "severity"))
                                .map(Severity::valueOf)
                                .orElse(null),
                        string(args, "title"),
                        string(args, "description"));
        Instant declaredAt = Instant.parse(string(args, "declaredAt"));
        JsonObject progress =
                item.progress() == null
                        ? new JsonObject()
                        : JsonParser.parseString(item.progress()).getAsJsonObject();
        int attempt = progress.has("attempt") ? progress.get("attempt").getAsInt() : 1;
        while (!progress.has("channel")) {
            if (attempt > MAX_NAME_ATTEMPTS) {
                return refuse(d, "every name up to `-" + MAX_NAME_ATTEMPTS + "` was taken");
            }
            String name =
                    ChannelNames.forIncident(
                            config.channelPrefix(),
                            declaredAt.atZone(ZoneOffset.UTC).toLocalDate(),
                            d.title(),
                            attempt);
            SlackCalls.Attempt<ConversationsCreateResponse> created =
                    slack.attempt(
                            "conversations.create", m -> m.conversationsCreate(r -> r.name(name)));
            if (created.response() != null && created.response().isOk()) {
                progress.addProperty("channel", created.response().getChannel().getId());
                progress.addProperty("name", created.response().getChannel().getName());
            } else if (created.response() != null
                    && "name_taken".equals(created.response().getError())) {
                progress.addProperty("attempt", ++attempt);
            } else if (created.retry()) {
                outbox.progress(item, progress.toString());
                return Outcome.of("conversations.create", created);
            } else {
                return refuse(d, "Slack said `" + created.why() + "`");
            }
            outbox.progress(item, progress.toString());
        }
        String channelId = string(progress, "channel");
        String channelName = string(progress, "name");
        users.refreshLater(d.callerId());
        return Outcome.done()
                .then(
                        (tx, ts) -> {
                            Incident incident = start(tx, d, channelId, channelName, declaredAt);
                            outbox.add(tx, SlackWork.invite(channelId, d.callerId()));
                            outbox.add(tx, SlackWork.job(HEADER, channelId, incident.id()));
                            outbox.add(
                                    tx,
                                    SlackWork.purpose(
                                            channelId,
                                            "Incident: " + SlackText.truncate(d.title(), 200)));
                            if (d.originChannelId() != null
                                    && !d.originChannelId().startsWith("D")) {
                                outbox.add(
                                        tx,
                                        SlackWork.post(
                                                d.originChannelId(),
                                                ":rotating_light: "
                                                        + SlackText.mention(d.callerId())
                                                        + " declared an incident: *"
                                                        + SlackText.escape(d.title())
                                                        + "* ("
                                                        + IncidentHeader.severity(incident)
                                                        + ") in <#"
                                                        + channelId
                                                        + ">"));
                            }
                        });
    }

    private Outcome refuse(Declaration d, String why) {
        tellPrivately(
                d.originChannelId(),
                d.callerId(),
                ":warning: I could not open a channel for *"
                        + SlackText.escape(d.title())
                        + "* ("
                        + why
                        + "), so nothing was declared. Please try again, "
                        + "or use `/incident declare here` in a channel you made.");
        return new Outcome.Refused("conversations.create: " + why);
    }

    private static String string(JsonObject json, String key) {
        return json.has(key) && !json.get(key).isJsonNull() ? json.get(key).getAsString() : null;
    }

    /**
     * `declare here`, from the command or the form: makes the channel the incident channel as
     * {@link #declareHere} does, and returns what to tell the declarer.
     */
    public String declareHereAndAnswer(Declaration d, String channelName) {
        if (d.originChannelId().startsWith("D")) {
            return "A direct message cannot be an incident channel. Use `/incident declare <title>` for a new "
                    + "channel, or run `declare here` in a channel.";
        }
        Incident incident = declareHere(d, channelName);
        if (incident == null) {
            return "This channel already has an open incident. Resolve it first, or use `/incident declare <title>` "
                    + "for a new channel.";
        }
        return ":rotating_light: This channel is now the incident channel for *"
                + SlackText.escape(d.title())
                + "*. I'm recording everything said here, starting with the last "
                + "hour's messages. The header will be pinned in a moment.";
    }

    /**
     * Makes the channel the incident channel; committed, with the work of joining it, importing its
     * recent history and pinning the header, before this returns.
     */
    public Incident declareHere(Declaration d, String channelName) {
        Instant now = clock.instant();
        Incident incident =
                database.transaction(
                        tx -> {
                            if (incidents.hasOpen(tx, d.originChannelId())) {
                                return null;
                            }
                            Incident started = start(tx, d, d.originChannelId(), channelName, now);
                            outbox.add(tx, SlackWork.join(started.channelId()));
                            outbox.add(
                                    tx, SlackWork.job(IMPORT, started.channelId(), started.id()));
                            outbox.add(
                                    tx, SlackWork.job(HEADER, started.channelId(), started.id()));
                            return started;
                        });
        if (incident == null) {
            return null;
        }
        outbox.wake();
        users.refreshLater(d.callerId());
        return incident;
    }

    private Incident start(
            Tx tx, Declaration d, String channelId, String channelName, Instant now) {
        return open(
                tx,
                new Incidents.NewIncident(
                        IncidentKind.INCIDENT,
                        d.teamId(),
                        channelId,
                        channelName,
                        d.title(),
                        d.description(),
                        d.severity(),
                        IncidentStatus.INVESTIGATING,
                        d.callerId(),
                        d.callerId(),
                        now),
                "Incident declared: "
                        + d.title()
                        + " ("
                        + IncidentHeader.severity(d.severity())
                        + ")",
                now);
    }

    /**
     * Creates the incident with who opened it as its first participant and {@code firstEntry} as
     * the first line of its timeline, in the caller's transaction: a declare, a maintenance plan
     * and `/wrapup start` all begin with these three.
     */
    public Incident open(Tx tx, Incidents.NewIncident n, String firstEntry, Instant now) {
        Incident incident = incidents.create(tx, n, now);
        participants.add(tx, incident.id(), n.declaredBy(), "declared", now);
        timeline.add(
                tx,
                NewEntry.of(
                        incident.id(),
                        n.channelId(),
                        EntryKind.SYSTEM,
                        n.declaredBy(),
                        name(tx, n.declaredBy()),
                        firstEntry,
                        now),
                now);
        return incident;
    }

    /**
     * The import's work: all of it again when Slack stops it halfway (a message is recorded once
     * whatever).
     */
    private Outcome importHistory(Item item) {
        Optional<Incident> incident = incidents.find(item.subjectId());
        if (incident.isEmpty()) {
            return Outcome.done();
        }
        return importHistory(incident.get(), incident.get().startedAt());
    }

    /**
     * Imports the channel's recent messages through conversations.history with paging, then the
     * threads among them; one try per page.
     */
    private Outcome importHistory(Incident incident, Instant declaredAt) {
        String oldest = SlackTs.of(declaredAt.minus(config.importWindow()));
        int[] imported = {0};
        List<String> threads = new ArrayList<>();
        Optional<? extends SlackCalls.Attempt<?>> stopped =
                slack.pages(
                        "conversations.history",
                        cursor ->
                                m ->
                                        m.conversationsHistory(
                                                r ->
                                                        r.channel(incident.channelId())
                                                                .oldest(oldest)
                                                                .limit(200)
                                                                .cursor(cursor)),
                        r -> r.getResponseMetadata(),
                        page -> {
                            for (Message message : page.getMessages()) {
                                imported[0] += importMessage(incident, message);
                                if (message.getReplyCount() != null
                                        && message.getReplyCount() > 0) {
                                    threads.add(message.getTs());
                                }
                            }
                        });
        if (stopped.isPresent()) {
            return Outcome.of("conversations.history", stopped.get());
        }
        for (String parentTs : threads) {
            stopped =
                    slack.pages(
                            "conversations.replies",
                            cursor ->
                                    m ->
                                            m.conversationsReplies(
                                                    r ->
                                                            r.channel(incident.channelId())
                                                                    .ts(parentTs)
                                                                    .limit(200)
                                                                    .cursor(cursor)),
                            r -> r.getResponseMetadata(),
                            page -> {
                                for (Message reply : page.getMessages()) {
                                    if (!parentTs.equals(reply.getTs())) {
                                        imported[0] += importMessage(incident, reply);
                                    }
                                }
                            });
            if (stopped.isPresent()) {
                return Outcome.of("conversations.replies", stopped.get());
            }
        }
        log.info(
                "incident {}: imported {} messages from the last {}",
                incident.id(),
                imported[0],
                config.importWindow());
        return Outcome.done();
    }

    private int importMessage(Incident incident, Message message) {
        JsonObject json = GsonFactory.createSnakeCase().toJsonTree(message).getAsJsonObject();
        Optional<NewEntry> entry =
                SlackMessages.entry(incident.id(), incident.channelId(), json, users::knownName);
        if (entry.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        boolean added =
                database.transaction(
                        tx -> {
                            boolean isNew = timeline.add(tx, entry.get(), now);
                            if (isNew && message.getUser() != null && message.getBotId() == null) {
                                participants.add(
                                        tx,
                                        incident.id(),
                                        message.getUser(),
                                        "posted",
                                        entry.get().occurredAt());
                            }
                            return isNew;
                        });
        if (added && message.getUser() != null) {
            users.refreshLater(message.getUser());
        }
        return added ? 1 : 0;
    }

    // ---------------------------------------------------------------- changes

    /**
     * A new response status; from resolved this reopens the incident, and a call still to come is
     * cancelled.
     */
    public Incident setStatus(Incident incident, String callerId, IncidentStatus status) {
        boolean reopening = incident.isResolved();
        List<Work> work =
                new ArrayList<>(
                        announce(
                                incident,
                                reopening
                                        ? ":arrows_counterclockwise: Reopened by "
                                                + SlackText.mention(callerId)
                                                + ": status is now *"
                                                + status.label()
                                                + "*"
                                        : ":large_blue_circle: Status is now *"
                                                + status.label()
                                                + "* ("
                                                + SlackText.mention(callerId)
                                                + ")"));
        if (reopening) {
            work.add(SlackWork.job(CANCEL_CALL, incident.channelId(), incident.id()));
        }
        return change(
                incident,
                callerId,
                EntryKind.STATUS,
                (reopening ? "Reopened: status " : "Status: ")
                        + incident.status().label()
                        + " → "
                        + status.label(),
                tx -> incidents.setStatus(tx, incident.id(), status, null),
                clock.instant(),
                work);
    }

    public Incident setSeverity(Incident incident, String callerId, Severity severity) {
        return change(
                incident,
                callerId,
                EntryKind.SEVERITY,
                "Severity: " + IncidentHeader.severity(incident) + " → " + severity.label(),
                tx -> incidents.setSeverity(tx, incident.id(), severity),
                clock.instant(),
                announce(
                        incident,
                        ":large_orange_diamond: Severity is now *"
                                + severity.label()
                                + "* ("
                                + SlackText.mention(callerId)
                                + ")"));
    }

    public Incident setCommander(Incident incident, String callerId, String commanderId) {
        Instant now = clock.instant();
        List<Work> work = new ArrayList<>();
        work.add(SlackWork.invite(incident.channelId(), commanderId));
        work.addAll(
                announce(
                        incident,
                        ":bust_in_silhouette: "
                                + SlackText.mention(commanderId)
                                + " is now the incident commander ("
                                + SlackText.mention(callerId)
                                + ")"));
        Incident changed =
                change(
                        incident,
                        callerId,
                        EntryKind.COMMANDER,
                        "Commander: "
                                + nameOrId(incident.commanderId())
                                + " → "
                                + nameOrId(commanderId),
                        tx -> {
                            incidents.setCommander(tx, incident.id(), commanderId);
                            participants.add(tx, incident.id(), commanderId, "invited", now);
                        },
                        now,
                        work);
        users.refreshLater(commanderId);
        return changed;
    }

    public Incident setFacilitator(Incident incident, String callerId, String facilitatorId) {
        Instant now = clock.instant();
        Incident changed =
                change(
                        incident,
                        callerId,
                        EntryKind.SYSTEM,
                        "Facilitator: " + nameOrId(facilitatorId),
                        tx -> {
                            incidents.setFacilitator(tx, incident.id(), facilitatorId);
                            participants.add(tx, incident.id(), facilitatorId, "invited", now);
                        },
                        now,
                        List.of(
                                SlackWork.invite(incident.channelId(), facilitatorId),
                                SlackWork.post(
                                        incident.channelId(),
                                        ":compass: "
                                                + SlackText.mention(facilitatorId)
                                                + " will facilitate the wrap-up ("
                                                + SlackText.mention(callerId)
                                                + ")"),
                                // the header names the facilitator
                                SlackWork.job(HEADER, incident.channelId(), incident.id())));
        users.refreshLater(facilitatorId);
        return changed;
    }

    public Incident note(Incident incident, String callerId, String text) {
        Incident changed =
                change(
                        incident,
                        callerId,
                        EntryKind.NOTE,
                        text,
                        tx -> {},
                        clock.instant(),
                        List.of(
                                SlackWork.post(
                                        incident.channelId(),
                                        ":pushpin: Key moment noted by "
                                                + SlackText.mention(callerId)
                                                + ": "
                                                + text)));
        noteListeners.forEach(l -> l.noted(changed, callerId, text));
        return changed;
    }

    /**
     * Resolves the incident; the analysis call is planned after the ack, in order with the
     * channel's work.
     */
    public Incident resolve(Incident incident, String callerId, String summary) {
        Instant now = clock.instant();
        List<Work> work =
                new ArrayList<>(
                        announce(
                                incident,
                                ":white_check_mark: Resolved by "
                                        + SlackText.mention(callerId)
                                        + (summary.isBlank() ? "" : ": " + summary)));
        work.add(SlackWork.job(PLAN_CALL, incident.channelId(), incident.id()));
        return change(
                incident,
                callerId,
                EntryKind.STATUS,
                "Resolved" + (summary.isBlank() ? "" : ": " + summary),
                tx -> {
                    incidents.setStatus(tx, incident.id(), IncidentStatus.RESOLVED, now);
                    if (!summary.isBlank()) {
                        incidents.setSummary(tx, incident.id(), summary);
                    }
                },
                now,
                work);
    }

    private interface Change {
        void apply(Tx tx);
    }

    /**
     * Commits the change, its timeline entry, the caller as a participant and the Slack work it
     * promises together.
     */
    private Incident change(
            Incident incident,
            String callerId,
            EntryKind kind,
            String text,
            Change change,
            Instant now,
            List<Work> work) {
        database.transaction(
                tx -> {
                    change.apply(tx);
                    timeline.add(
                            tx,
                            NewEntry.of(
                                    incident.id(),
                                    incident.channelId(),
                                    kind,
                                    callerId,
                                    name(tx, callerId),
                                    text,
                                    now),
                            now);
                    participants.add(tx, incident.id(), callerId, "posted", now);
                    work.forEach(w -> outbox.add(tx, w));
                    return null;
                });
        outbox.wake();
        users.refreshLater(callerId);
        return incidents.find(incident.id()).orElseThrow();
    }

    /** A short visible line in the channel, then the pinned header brought up to date. */
    private static List<Work> announce(Incident incident, String text) {
        return List.of(
                SlackWork.post(incident.channelId(), text),
                SlackWork.job(HEADER, incident.channelId(), incident.id()));
    }

    // ---------------------------------------------------------------- header

    /**
     * The header's work: posted and pinned when there is none yet (its ts noted with the item done,
     * so that it is never posted twice), else updated; as the incident stands now, so one update
     * stands for any queued before it.
     */
    private Outcome header(Item item) {
        Optional<Incident> found = incidents.find(item.subjectId());
        if (found.isEmpty() || outbox.superseded(item)) {
            return Outcome.done();
        }
        Incident incident = found.get();
        String text = IncidentHeader.fallbackText(incident);
        String blocks = SlackWork.json(IncidentHeader.blocks(incident, timelineUrl(incident)));
        if (incident.headerTs() != null) {
            return outbox.update(incident.channelId(), incident.headerTs(), text, blocks);
        }
        return outbox.post(incident.channelId(), text, blocks)
                .then(
                        (tx, ts) -> {
                            incidents.setHeaderTs(tx, incident.id(), ts);
                            outbox.add(tx, SlackWork.pin(incident.channelId(), ts));
                        });
    }

    // ---------------------------------------------------------------- helpers

    private String nameOrId(String userId) {
        return users.knownName(userId).orElse(userId);
    }

    /** Inside a transaction: on its connection, never a second one from the pool. */
    private String name(Tx tx, String userId) {
        return users.knownName(tx, userId).orElse(null);
    }

    /**
     * An ephemeral message to one person (queued), or a DM when the bot cannot post in that
     * channel.
     */
    public void tellPrivately(String channelId, String userId, String text) {
        outbox.send(SlackWork.ephemeral(channelId, userId, text));
    }

    /** The key moments of the incident, in order. */
    public List<TimelineEntry> keyMoments(Incident incident) {
        List<TimelineEntry> moments = new ArrayList<>();
        for (var e : timeline.entries(incident.id())) {
            if (e.keyMoment()) {
                moments.add(e);
            }
        }
        return moments;
    }
}
