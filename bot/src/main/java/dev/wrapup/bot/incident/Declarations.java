package dev.wrapup.bot.incident;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import dev.wrapup.bot.events.HistoryImport;
import dev.wrapup.bot.similar.SimilarIncidents;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.text.ChannelNames;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Declaring an incident, in a new channel or in the channel where it is declared: committed, with
 * the Slack work it promises (channel, header, announcements), before the declarer gets an answer;
 * the work is done after the ack by the {@link SlackOutbox}.
 *
 * <p>A little over 250 lines: the two ways to declare share how an incident starts and what it
 * promises, and a resumed declaration must follow the same steps as a fresh one.
 */
public final class Declarations {
    /** Opens the channel of an incident declared, then starts recording it. */
    private static final String DECLARE = "declare";

    private static final int MAX_NAME_ATTEMPTS = 50;

    private final Database database;
    private final Incidents incidents;
    private final SlackApi slack;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final SimilarIncidents similar;
    private final String channelPrefix;
    private final Clock clock;

    public Declarations(
            Database database,
            SlackApi slack,
            SlackOutbox outbox,
            UserDirectory users,
            SimilarIncidents similar,
            String channelPrefix,
            Clock clock) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.slack = slack;
        this.outbox = outbox;
        this.users = users;
        this.similar = similar;
        this.channelPrefix = channelPrefix;
        this.clock = clock;
        outbox.perform(DECLARE, this::openChannel);
    }

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
                            channelPrefix,
                            declaredAt.atZone(ZoneOffset.UTC).toLocalDate(),
                            d.title(),
                            attempt);
            SlackApi.Attempt<ConversationsCreateResponse> created =
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
                            outbox.add(tx, PinnedHeader.refresh(incident));
                            similar.queueAtDeclare(tx, incident);
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
        outbox.send(
                SlackWork.ephemeral(
                        d.originChannelId(),
                        d.callerId(),
                        ":warning: I could not open a channel for *"
                                + SlackText.escape(d.title())
                                + "* ("
                                + why
                                + "), so nothing was declared. Please try again, "
                                + "or use `/incident declare here` in a channel you made."));
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
                            outbox.add(tx, HistoryImport.of(started));
                            outbox.add(tx, PinnedHeader.refresh(started));
                            similar.queueAtDeclare(tx, started);
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
        return incidents.open(
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
                users.knownName(tx, d.callerId()).orElse(null),
                now);
    }
}
