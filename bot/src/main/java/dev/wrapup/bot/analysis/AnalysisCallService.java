package dev.wrapup.bot.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.incident.IncidentService;
import dev.wrapup.bot.slack.SlackCalls;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.scheduler.Scheduling;
import dev.wrapup.scheduler.calendar.CallInvite;
import dev.wrapup.scheduler.slots.Attendee;
import dev.wrapup.scheduler.slots.Slot;
import dev.wrapup.scheduler.slots.SlotFinder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis call: planned about a day after resolve in the slot that suits the most
 * participants, announced with a calendar file, moved or cancelled on request, and started by the
 * scheduler when its time comes.
 */
public final class AnalysisCallService {
    public static final String TASK = "analysis-call";

    /** The outbox topic of the message that starts the call: its ts is kept. */
    private static final String CALL_STARTED = "call-started";

    /**
     * Posts the call's announcement, worded when it is posted; its ts is kept and the calendar file
     * follows.
     */
    private static final String ANNOUNCE = "call-announcement";

    /** Uploads the calendar file, as the call then stands, into the announcement's thread. */
    private static final String CALENDAR = "call-calendar-file";

    private static final Logger log = LoggerFactory.getLogger(AnalysisCallService.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final Config config;
    private final Database database;
    private final AnalysisCalls calls;
    private final IncidentService incidents;
    private final SlackCalls slack;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Scheduling scheduling;
    private final SlotFinder slots;
    private final OpeningWords openingWords;
    private final Clock clock;
    private final List<Consumer<Incident>> callStartedListeners = new CopyOnWriteArrayList<>();

    public AnalysisCallService(
            Config config,
            Database database,
            IncidentService incidents,
            SlackCalls slack,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            SlotFinder slots,
            OpeningWords openingWords,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.calls = new AnalysisCalls(database);
        this.incidents = incidents;
        this.slack = slack;
        this.users = users;
        this.scheduling = scheduling;
        this.slots = slots;
        this.openingWords = openingWords;
        this.clock = clock;
        this.outbox = outbox;
        scheduling.register(TASK, this::start);
        outbox.onPosted(CALL_STARTED, (tx, incidentId, ts) -> calls.setCallTs(tx, incidentId, ts));
        outbox.perform(
                IncidentService.PLAN_CALL,
                item -> {
                    planAfterResolve(item.subjectId());
                    return Outcome.done();
                });
        outbox.perform(
                IncidentService.CANCEL_CALL,
                item -> {
                    cancelOnReopen(item.subjectId());
                    return Outcome.done();
                });
        outbox.perform(ANNOUNCE, this::announce);
        outbox.perform(CALENDAR, this::calendarFile);
    }

    /** Called once the call has been posted: the wrap-up asks everyone for their comment. */
    public void onCallStarted(Consumer<Incident> listener) {
        callStartedListeners.add(listener);
    }

    public Optional<AnalysisCall> call(long incidentId) {
        return calls.find(incidentId);
    }

    public AnalysisCalls calls() {
        return calls;
    }

    // ---------------------------------------------------------------- planning

    /**
     * After resolve (queued work, in order with the channel's other work): finds the slot,
     * schedules and announces the call. Done again after a crash, it plans nothing twice.
     */
    void planAfterResolve(long incidentId) {
        Optional<Incident> found = incidents.incidents().find(incidentId);
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        if (incident.kind() == IncidentKind.INCIDENT && !incident.isResolved()) {
            return; // reopened since: nothing to plan (the reopen's cancellation follows)
        }
        Optional<AnalysisCall> existing = calls.find(incidentId);
        if (existing.isPresent() && existing.get().status() == AnalysisCall.Status.SCHEDULED) {
            // Resolving twice never plans two calls; the trigger is made sure of.
            scheduling.at(TASK, incidentId, existing.get().scheduledAt());
            return;
        }
        Instant resolvedAt =
                incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant();
        List<Attendee> attendees = attendees(incident, true);
        Slot slot = slots.find(resolvedAt.plus(config.analysisDelay()), attendees);
        schedule(incident, slot.start(), ids(slot.suited()), ids(slot.notSuited()), "");
    }

    /**
     * Moves the call to the given time; empty with the reason when it cannot be moved. Asks Slack
     * nothing: timezones are what the bot knows, and the announcement is queued.
     */
    public Optional<String> reschedule(Incident incident, String callerId, Instant at) {
        Optional<AnalysisCall> existing = calls.find(incident.id());
        if (existing.isEmpty() || existing.get().status() == AnalysisCall.Status.CANCELLED) {
            return Optional.of(
                    "There is no analysis call to move yet: it is scheduled when the incident is "
                            + "resolved.");
        }
        if (existing.get().status() == AnalysisCall.Status.STARTED) {
            return Optional.of("The analysis call has already started.");
        }
        if (!at.isAfter(clock.instant())) {
            return Optional.of("That time has passed; pick a time in the future.");
        }
        List<String> suited = new ArrayList<>();
        List<String> notSuited = new ArrayList<>();
        for (Attendee a : attendees(incident, false)) {
            (slots.suits(at, a.zone()) ? suited : notSuited).add(a.userId());
        }
        schedule(
                incident,
                at,
                suited,
                notSuited,
                SlackText.mention(callerId) + " moved the analysis call. ");
        return Optional.empty();
    }

    /**
     * The incident was reopened (queued work): a call still to come is cancelled, and the channel
     * is told.
     */
    void cancelOnReopen(long incidentId) {
        Optional<Incident> incident = incidents.incidents().find(incidentId);
        if (incident.isEmpty()) {
            return;
        }
        outbox.sendIf(
                tx -> calls.cancel(tx, incidentId, clock.instant()),
                SlackWork.post(
                        incident.get().channelId(),
                        ":no_entry_sign: The analysis call is cancelled because"
                                + " the incident was reopened. It will be scheduled again when the incident is resolved."));
        scheduling.cancel(TASK, incidentId);
    }

    /**
     * Schedules (or moves) the call and queues its announcement in the same transaction; the
     * calendar file follows in the announcement's thread once it is posted.
     */
    private void schedule(
            Incident incident,
            Instant at,
            List<String> suited,
            List<String> notSuited,
            String prefix) {
        JsonObject args = new JsonObject();
        args.addProperty("at", at.toString());
        args.add("suited", strings(suited));
        args.add("notSuited", strings(notSuited));
        database.transaction(
                tx -> {
                    calls.schedule(tx, incident.id(), at, suited, notSuited, clock.instant());
                    outbox.add(
                            tx,
                            new Work(
                                    ANNOUNCE,
                                    incident.channelId(),
                                    incident.channelId(),
                                    prefix,
                                    null,
                                    args.toString(),
                                    null,
                                    incident.id()));
                    return null;
                });
        scheduling.at(TASK, incident.id(), at);
        outbox.wake();
        log.info(
                "incident {}: analysis call at {} suits {} of {}",
                incident.id(),
                at,
                suited.size(),
                suited.size() + notSuited.size());
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static List<String> strings(JsonObject json, String key) {
        List<String> values = new ArrayList<>();
        json.getAsJsonArray(key).forEach(v -> values.add(v.getAsString()));
        return values;
    }

    /**
     * Each participant with their Slack timezone; unknown timezones count as UTC. Slack is asked
     * about people the bot does not know yet only when {@code lookUp} (never on a request thread).
     */
    private List<Attendee> attendees(Incident incident, boolean lookUp) {
        List<Attendee> attendees = new ArrayList<>();
        for (Participant p : incidents.participants().list(incident.id())) {
            Optional<SlackUser> user =
                    p.tz() != null || !lookUp ? users.known(p.userId()) : users.get(p.userId());
            if (user.isPresent() && user.get().bot()) {
                continue;
            }
            attendees.add(Attendee.withSlackTz(p.userId(), user.map(SlackUser::tz).orElse(p.tz())));
        }
        return attendees;
    }

    /**
     * The announcement's work: worded now (the facilitator as they are now, the role groups as
     * Slack says).
     */
    private Outcome announce(Item item) {
        Optional<Incident> found = incidents.incidents().find(item.subjectId());
        if (found.isEmpty()) {
            return Outcome.done();
        }
        Incident incident = found.get();
        JsonObject args = JsonParser.parseString(item.args()).getAsJsonObject();
        String text =
                announcement(
                        incident,
                        Instant.parse(args.get("at").getAsString()),
                        strings(args, "suited"),
                        strings(args, "notSuited"),
                        item.text() == null ? "" : item.text());
        return outbox.post(incident.channelId(), text, null)
                .then(
                        (tx, ts) -> {
                            calls.setAnnouncementTs(tx, incident.id(), ts);
                            outbox.add(
                                    tx,
                                    new Work(
                                            CALENDAR,
                                            incident.channelId(),
                                            incident.channelId(),
                                            null,
                                            null,
                                            ts,
                                            null,
                                            incident.id()));
                        });
    }

    private String announcement(
            Incident incident,
            Instant at,
            List<String> suited,
            List<String> notSuited,
            String prefix) {
        StringBuilder text =
                new StringBuilder(prefix)
                        .append(":calendar: *Analysis call:* ")
                        .append(SlackText.date(at))
                        .append(" for 30 minutes, facilitated by ")
                        .append(SlackText.mention(incident.facilitator()))
                        .append('.');
        int total = suited.size() + notSuited.size();
        if (total > 0) {
            text.append("\nIt is inside working hours for ")
                    .append(suited.size())
                    .append(" of ")
                    .append(total)
                    .append(" participant")
                    .append(total == 1 ? "" : "s")
                    .append('.');
        }
        if (!notSuited.isEmpty()) {
            text.append(" Outside working hours for: ")
                    .append(
                            notSuited.stream()
                                    .map(
                                            id ->
                                                    SlackText.mention(id)
                                                            + " ("
                                                            + LOCAL.format(
                                                                    at.atZone(
                                                                            users.known(id)
                                                                                    .map(
                                                                                            SlackUser
                                                                                                    ::zone)
                                                                                    .orElse(
                                                                                            ZoneOffset
                                                                                                    .UTC)))
                                                            + " their time)")
                                    .collect(Collectors.joining(", ")))
                    .append('.');
        }
        text.append(
                "\nWe meet about a day after the incident so that everyone has rested. "
                        + "`/wrapup schedule <yyyy-mm-dd HH:mm> [Area/City]` moves it; the calendar file is in the thread.");
        diversity(incident.id()).ifPresent(t -> text.append('\n').append(t));
        return text.toString();
    }

    /** The calendar file's work: the file, as the call now stands, in the announcement's thread. */
    private Outcome calendarFile(Item item) {
        Optional<Incident> incident = incidents.incidents().find(item.subjectId());
        Optional<AnalysisCall> call = calls.find(item.subjectId());
        if (incident.isEmpty() || call.isEmpty()) {
            return Outcome.done();
        }
        byte[] ics =
                invite(incident.get(), call.get())
                        .toIcs(clock.instant())
                        .getBytes(StandardCharsets.UTF_8);
        return outbox.attempt(
                "files.uploadV2",
                m ->
                        m.filesUploadV2(
                                r ->
                                        r.channel(incident.get().channelId())
                                                .threadTs(item.args())
                                                .filename(
                                                        "analysis-call-"
                                                                + incident.get().id()
                                                                + ".ics")
                                                .title("Analysis call: " + incident.get().title())
                                                .fileData(ics)),
                r -> null,
                Set.of());
    }

    private CallInvite invite(Incident incident, AnalysisCall call) {
        String description =
                "Blameless analysis of \""
                        + incident.title()
                        + "\".\n"
                        + "Agenda: what went well, what went wrong, what we could do better next time.\n"
                        + "Timeline: "
                        + incidents.timelineUrl(incident);
        return new CallInvite(
                incident.id(),
                "Analysis call: " + incident.title(),
                call.scheduledAt(),
                call.scheduledAt().plus(SlotFinder.SLOT_LENGTH),
                description,
                videoUrl(incident).map(URI::create).orElse(null),
                call.sequence());
    }

    /** Configured role groups that no participant belongs to, worded as a suggestion. */
    Optional<String> diversity(long incidentId) {
        if (config.roleGroups().isEmpty()) {
            return Optional.empty();
        }
        List<String> participants =
                incidents.participants().list(incidentId).stream()
                        .map(Participant::userId)
                        .toList();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> group : config.roleGroups().entrySet()) {
            Optional<List<String>> members =
                    slack.ok(
                                    "usergroups.users.list",
                                    m -> m.usergroupsUsersList(r -> r.usergroup(group.getValue())))
                            .map(r -> r.getUsers());
            if (members.isPresent() && members.get().stream().noneMatch(participants::contains)) {
                missing.add(group.getKey());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                ":busts_in_silhouette: Nobody from *"
                        + String.join("*, *", missing)
                        + "* took part yet. A wrap-up learns more from a mixed group: consider inviting someone from "
                        + (missing.size() == 1 ? "that group" : "each of those groups")
                        + " to the call.");
    }

    private Optional<String> videoUrl(Incident incident) {
        return config.videoUrl()
                .map(
                        t ->
                                t.replace("{channel}", incident.channelId())
                                        .replace("{incident}", Long.toString(incident.id())));
    }

    // ---------------------------------------------------------------- the call

    /** The scheduled task: posts the call once, then asks everyone for their comment. */
    void start(long incidentId) {
        Optional<Incident> found = incidents.incidents().find(incidentId);
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        List<Participant> participants = incidents.participants().list(incidentId);
        StringBuilder text =
                new StringBuilder(":telephone_receiver: *The analysis call for \"")
                        .append(SlackText.escape(incident.title()))
                        .append("\" starts now.*\n");
        text.append(
                videoUrl(incident)
                        .map(u -> "Join the call: " + u)
                        .orElse(
                                "Start a huddle in this channel (the headphones icon in the channel header) to talk."));
        text.append("\n\n")
                .append(
                        openingWords.render(
                                SlackText.mention(incident.facilitator()),
                                SlackText.escape(incident.title())));
        text.append(
                "\n\n*Agenda* (30 minutes)\n1. What went well\n2. What went wrong\n"
                        + "3. What we could do better next time");
        List<TimelineEntry> moments = incidents.keyMoments(incident);
        text.append("\n\n*Key moments*");
        if (moments.isEmpty()) {
            text.append("\n_None were marked during the incident._");
        }
        for (TimelineEntry moment : moments.subList(0, Math.min(moments.size(), 10))) {
            String body = moment.text() == null ? "" : moment.text().replace('\n', ' ');
            text.append("\n• ")
                    .append(SlackText.date(moment.occurredAt()))
                    .append(" ")
                    .append(body.length() > 200 ? body.substring(0, 199) + "…" : body);
        }
        text.append("\nThe whole timeline: <")
                .append(incidents.timelineUrl(incident))
                .append("|web page>");
        if (!participants.isEmpty()) {
            text.append("\n\n")
                    .append(
                            participants.stream()
                                    .map(p -> SlackText.mention(p.userId()))
                                    .collect(Collectors.joining(" ")))
                    .append(
                            ": please give at least one comment, with the "
                                    + "button I'm sending you or `/wrapup well|wrong|better <text>` here.");
        }
        // The claim and the message commit together: the call starts once, and its message
        // reaches the channel even if Slack is down right now.
        if (!outbox.sendIf(
                tx -> calls.claimStart(tx, incidentId, clock.instant()),
                SlackWork.post(incident.channelId(), text.toString())
                        .about(CALL_STARTED, incidentId))) {
            return; // cancelled, or already started by another replica or an earlier firing
        }
        callStartedListeners.forEach(l -> l.accept(incident));
    }

    private static List<String> ids(List<Attendee> attendees) {
        return attendees.stream().map(Attendee::userId).toList();
    }
}
