package dev.wrapup.bot.events;

import static dev.wrapup.bot.events.SlackMessages.object;
import static dev.wrapup.bot.events.SlackMessages.string;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import dev.wrapup.bot.happened.Happening.MessageRecorded;
import dev.wrapup.bot.happened.Happenings;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Events;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Tx;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Records what happens in incident channels. Runs after Bolt has checked the request's signature;
 * answers Slack only once the change is committed, and a delivery whose event_id was already
 * handled (a Slack retry) changes nothing. Anything that calls Slack happens after the ack. Counts
 * the events received, those stored, and the deliveries that were repeats and changed nothing.
 *
 * <p>Longer than most classes: every kind of event (messages with their edits, deletions and thread
 * replies, reactions, pins, joins) follows the same claim-then-write transaction, and keeping them
 * together keeps that one pattern, and the event_id claim, in one place.
 */
public final class EventRecorder implements Middleware, SlackSurface {
    /** A message recorded in an incident channel. */
    private record Recorded(Incident incident, NewEntry entry) {}

    /** What came of one delivery. */
    private enum Recording {
        /** Not an incident channel's, or nothing in it to keep. */
        ELSEWHERE,
        /** Delivered before: nothing changed. */
        REPEAT,
        STORED
    }

    private final Database database;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Participants participants;
    private final UserDirectory users;
    private final Executor afterAck;
    private final Clock clock;
    private final String highlightReaction;
    private final Happenings happenings;
    private final Counter received;
    private final Counter stored;
    private final Counter deduplicated;

    /**
     * Participants known to be stored (they are never removed): most events need no participant
     * write.
     */
    private final Set<String> knownParticipants = ConcurrentHashMap.newKeySet();

    public EventRecorder(
            Database database,
            UserDirectory users,
            Executor afterAck,
            Happenings happenings,
            Clock clock,
            String highlightReaction,
            MeterRegistry meters) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database);
        this.participants = new Participants(database);
        this.users = users;
        this.afterAck = afterAck;
        this.happenings = happenings;
        this.clock = clock;
        this.highlightReaction = highlightReaction;
        this.received =
                Counter.builder("wrapup.events.received")
                        .description("Slack events delivered to the bot")
                        .register(meters);
        this.stored =
                Counter.builder("wrapup.events.stored")
                        .description("Slack events written to an incident's record")
                        .register(meters);
        this.deduplicated =
                Counter.builder("wrapup.events.deduplicated")
                        .description("Slack events delivered again and not stored twice")
                        .register(meters);
    }

    /** Runs before the handlers of every event, after the workspace is checked. */
    @Override
    public void register(App app) {
        app.use(this);
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() != RequestType.Event) {
            return chain.next(req);
        }
        received.increment();
        EventRequest request = (EventRequest) req;
        JsonObject envelope =
                JsonParser.parseString(request.getRequestBodyAsString()).getAsJsonObject();
        JsonObject event = object(envelope, "event");
        String type = string(event, "type");
        if (type == null) {
            return Response.ok();
        }
        String eventId = string(envelope, "event_id");
        Recording recording =
                switch (type) {
                    case "message" -> message(eventId, event, request);
                    case "reaction_added", "reaction_removed" ->
                            reaction(eventId, event, type.equals("reaction_added"));
                    case "pin_added", "pin_removed" ->
                            pin(eventId, event, type.equals("pin_added"));
                    case "member_joined_channel" -> joined(eventId, event);
                    default -> null;
                };
        if (recording == null) {
            Response handled = chain.next(req);
            // An event nobody handles is still acknowledged, or Slack would retry it.
            return handled.getStatusCode() == 404 ? Response.ok() : handled;
        }
        if (recording == Recording.STORED) {
            stored.increment();
        } else if (recording == Recording.REPEAT) {
            deduplicated.increment();
        }
        return Response.ok();
    }

    private Recording message(String eventId, JsonObject event, EventRequest request) {
        String channel = string(event, "channel");
        String subtype = string(event, "subtype");
        String botUserId = request.getContext().getBotUserId();
        String botId = request.getContext().getBotId();
        if (isOurs(event, botUserId, botId)) {
            return Recording.ELSEWHERE; // already on the timeline as the entry it announces
        }
        Set<String> people = new HashSet<>();
        Recorded[] recorded = new Recorded[1];
        // A new message is stored once by its (channel, ts) whatever the delivery, so only
        // edits and deletions, which change an entry, need their event_id claimed.
        boolean changesAnEntry =
                "message_changed".equals(subtype) || "message_deleted".equals(subtype);
        Recording recording =
                record(
                        changesAnEntry ? eventId : null,
                        channel,
                        (tx, incident, now) -> {
                            Function<String, Optional<String>> names = u -> users.knownName(tx, u);
                            if ("message_changed".equals(subtype)) {
                                JsonObject message = object(event, "message");
                                if (message == null || isOurs(message, botUserId, botId)) {
                                    return true;
                                }
                                Instant at = editedAt(message, event, now);
                                String ts = string(message, "ts");
                                List<FileRef> files = SlackMessages.files(message);
                                if (!timeline.edit(
                                        tx, channel, ts, SlackMessages.text(message), files, at)) {
                                    // An edit of a message from before recording began: keep both
                                    // texts.
                                    JsonObject previous = object(event, "previous_message");
                                    SlackMessages.entry(
                                                    incident.id(),
                                                    channel,
                                                    previous != null ? previous : message,
                                                    names)
                                            .ifPresent(
                                                    e -> {
                                                        timeline.add(tx, e, now);
                                                        timeline.edit(
                                                                tx,
                                                                channel,
                                                                ts,
                                                                SlackMessages.text(message),
                                                                files,
                                                                at);
                                                    });
                                }
                            } else if ("message_deleted".equals(subtype)) {
                                String deletedTs = string(event, "deleted_ts");
                                Instant at =
                                        SlackTs.valid(string(event, "ts"))
                                                ? SlackTs.toInstant(string(event, "ts"))
                                                : now;
                                if (!timeline.markDeleted(tx, channel, deletedTs, at)) {
                                    JsonObject previous = object(event, "previous_message");
                                    if (previous != null) {
                                        SlackMessages.entry(incident.id(), channel, previous, names)
                                                .ifPresent(
                                                        e -> {
                                                            timeline.add(tx, e, now);
                                                            timeline.markDeleted(
                                                                    tx, channel, deletedTs, at);
                                                        });
                                    }
                                }
                            } else {
                                Optional<NewEntry> entry =
                                        SlackMessages.entry(incident.id(), channel, event, names);
                                if (entry.isEmpty()) {
                                    return true;
                                }
                                if (!timeline.add(tx, entry.get(), now)) {
                                    return false; // stored already, by (channel, ts)
                                }
                                String user = string(event, "user");
                                if (user != null && string(event, "bot_id") == null) {
                                    if (!knownParticipants.contains(incident.id() + ":" + user)) {
                                        participants.add(
                                                tx,
                                                incident.id(),
                                                user,
                                                entry.get().kind() == EntryKind.JOIN
                                                        ? "joined"
                                                        : "posted",
                                                entry.get().occurredAt());
                                    }
                                    people.add(user);
                                    recorded[0] = new Recorded(incident, entry.get());
                                }
                            }
                            return true;
                        });
        if (recording == Recording.STORED) {
            people.forEach(users::refreshLater);
            if (recorded[0] != null) {
                knownParticipants.add(
                        recorded[0].incident().id() + ":" + recorded[0].entry().authorId());
                if (recorded[0].entry().authorName() == null) {
                    afterAck.execute(() -> users.fillIfKnown(recorded[0].entry().authorId()));
                }
                Recorded r = recorded[0];
                afterAck.execute(
                        () ->
                                happenings.tell(
                                        new MessageRecorded(
                                                r.incident(),
                                                r.entry().authorId(),
                                                r.entry().text())));
            }
        }
        return recording;
    }

    private Recording reaction(String eventId, JsonObject event, boolean added) {
        JsonObject item = object(event, "item");
        if (item == null || !"message".equals(string(item, "type"))) {
            return Recording.ELSEWHERE;
        }
        String channel = string(item, "channel");
        String ts = string(item, "ts");
        String user = string(event, "user");
        boolean highlight = highlightReaction.equals(string(event, "reaction"));
        Recording recording =
                record(
                        eventId,
                        channel,
                        (tx, incident, now) -> {
                            if (user != null) {
                                participants.add(tx, incident.id(), user, "reacted", now);
                            }
                            if (highlight && timeline.setHighlighted(tx, channel, ts, added)) {
                                timeline.add(
                                        tx,
                                        new NewEntry(
                                                incident.id(),
                                                channel,
                                                EntryKind.REACTION_HIGHLIGHT,
                                                null,
                                                null,
                                                null,
                                                user,
                                                users.knownName(tx, user).orElse(null),
                                                added
                                                        ? "Marked a key moment"
                                                        : "Unmarked a key moment",
                                                List.of(),
                                                eventTime(event, now),
                                                ts),
                                        now);
                            }
                            return true;
                        });
        if (recording == Recording.STORED && user != null) {
            users.refreshLater(user);
        }
        return recording;
    }

    private Recording pin(String eventId, JsonObject event, boolean added) {
        String channel = string(event, "channel_id");
        JsonObject item = object(event, "item");
        JsonObject message = object(item, "message");
        String ts = message != null ? string(message, "ts") : null;
        String user = string(event, "user");
        if (ts == null) {
            return Recording.ELSEWHERE;
        }
        return record(
                eventId,
                channel,
                (tx, incident, now) -> {
                    if (timeline.setPinned(tx, channel, ts, added)) {
                        timeline.add(
                                tx,
                                new NewEntry(
                                        incident.id(),
                                        channel,
                                        EntryKind.PIN,
                                        null,
                                        null,
                                        null,
                                        user,
                                        users.knownName(tx, user).orElse(null),
                                        added ? "Pinned a message" : "Unpinned a message",
                                        List.of(),
                                        eventTime(event, now),
                                        ts),
                                now);
                    }
                    return true;
                });
    }

    private Recording joined(String eventId, JsonObject event) {
        String channel = string(event, "channel");
        String user = string(event, "user");
        if (user == null) {
            return Recording.ELSEWHERE;
        }
        Recording recording =
                record(
                        eventId,
                        channel,
                        (tx, incident, now) -> {
                            participants.add(
                                    tx,
                                    incident.id(),
                                    user,
                                    string(event, "inviter") != null ? "invited" : "joined",
                                    now);
                            return true;
                        });
        if (recording == Recording.STORED) {
            users.refreshLater(user);
        }
        return recording;
    }

    private interface Apply {
        /** Applies the event; false when it finds it applied already (a repeat by other means). */
        boolean apply(Tx tx, Incident incident, Instant now);
    }

    /**
     * In one transaction: claims the delivery and applies it, when the channel records an incident.
     * Stored when something was applied (not a retry, not another channel).
     */
    private Recording record(String eventId, String channel, Apply apply) {
        if (channel == null) {
            return Recording.ELSEWHERE;
        }
        Instant now = clock.instant();
        return database.groupCommit(
                tx -> {
                    Optional<Incident> incident = incidents.findByChannel(tx, channel);
                    if (incident.isEmpty() || incident.get().status() == IncidentStatus.PLANNED) {
                        return Recording.ELSEWHERE; // a maintenance window is recorded from `begin`
                    }
                    if (eventId != null && !Events.claim(tx, eventId, now)) {
                        return Recording.REPEAT;
                    }
                    return apply.apply(tx, incident.get(), now)
                            ? Recording.STORED
                            : Recording.REPEAT;
                });
    }

    private static boolean isOurs(JsonObject message, String botUserId, String botId) {
        String user = string(message, "user");
        String bot = string(message, "bot_id");
        return (user != null && user.equals(botUserId)) || (bot != null && bot.equals(botId));
    }

    private static Instant editedAt(JsonObject message, JsonObject event, Instant fallback) {
        JsonObject edited = object(message, "edited");
        String ts = edited != null ? string(edited, "ts") : string(event, "ts");
        return SlackTs.valid(ts) ? SlackTs.toInstant(ts) : fallback;
    }

    private static Instant eventTime(JsonObject event, Instant fallback) {
        String ts = string(event, "event_ts");
        return SlackTs.valid(ts) ? SlackTs.toInstant(ts) : fallback;
    }
}
