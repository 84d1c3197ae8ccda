package dev.wrapup.bot.analysis;

import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.incident.IncidentService;
import dev.wrapup.bot.slack.SlackCalls;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox.NewMessage;
import dev.wrapup.scheduler.Scheduling;
import dev.wrapup.scheduler.calendar.CallInvite;
import dev.wrapup.scheduler.slots.Attendee;
import dev.wrapup.scheduler.slots.Slot;
import dev.wrapup.scheduler.slots.SlotFinder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis call: planned about a day after resolve in the slot that suits the most
 * participants, announced with a calendar file, moved or cancelled on request, and
 * started by the scheduler when its time comes.
 */
public final class AnalysisCallService {
    public static final String TASK = "analysis-call";
    /** The outbox topic of the message that starts the call: its ts is kept. */
    private static final String CALL_STARTED = "call-started";
    /** The outbox topic of the call's announcement: its ts is kept, and the calendar file goes in its thread. */
    private static final String CALL_ANNOUNCED = "call-announced";
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

    public AnalysisCallService(Config config, Database database, IncidentService incidents, SlackCalls slack,
                               SlackOutbox outbox, UserDirectory users, Scheduling scheduling, SlotFinder slots,
                               OpeningWords openingWords, Clock clock) {
        this.config = config;
        this.database = database;
        this.calls = new AnalysisCalls(database.dsl());
        this.incidents = incidents;
        this.slack = slack;
        this.users = users;
        this.scheduling = scheduling;
        this.slots = slots;
        this.openingWords = openingWords;
        this.clock = clock;
        this.outbox = outbox;
        scheduling.register(TASK, this::start);
        outbox.onPosted(CALL_STARTED, (incidentId, ts) -> calls.setCallTs(incidentId, ts));
        outbox.onPosted(CALL_ANNOUNCED, this::announced);
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

    /** After resolve (off the request thread): finds the slot, schedules and announces the call. */
    public void planAfterResolve(Incident incident) {
        Instant resolvedAt = incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant();
        Optional<AnalysisCall> existing = calls.find(incident.id());
        if (existing.isPresent() && existing.get().status() == AnalysisCall.Status.SCHEDULED) {
            return; // resolving twice never plans two calls
        }
        List<Attendee> attendees = attendees(incident);
        Slot slot = slots.find(resolvedAt.plus(config.analysisDelay()), attendees);
        schedule(incident, slot.start(), ids(slot.suited()), ids(slot.notSuited()), attendees, "");
    }

    /** Moves the call to the given time; empty with the reason when it cannot be moved. */
    public Optional<String> reschedule(Incident incident, String callerId, Instant at) {
        Optional<AnalysisCall> existing = calls.find(incident.id());
        if (existing.isEmpty() || existing.get().status() == AnalysisCall.Status.CANCELLED) {
            return Optional.of("There is no analysis call to move yet: it is scheduled when the incident is "
                    + "resolved.");
        }
        if (existing.get().status() == AnalysisCall.Status.STARTED) {
            return Optional.of("The analysis call has already started.");
        }
        if (!at.isAfter(clock.instant())) {
            return Optional.of("That time has passed; pick a time in the future.");
        }
        List<Attendee> attendees = attendees(incident);
        List<String> suited = new ArrayList<>();
        List<String> notSuited = new ArrayList<>();
        for (Attendee a : attendees) {
            (slots.suits(at, a.zone()) ? suited : notSuited).add(a.userId());
        }
        schedule(incident, at, suited, notSuited, attendees, SlackText.mention(callerId) + " moved the analysis call. ");
        return Optional.empty();
    }

    /** The incident was reopened: a call still to come is cancelled, and the channel is told. */
    public void cancelOnReopen(Incident incident) {
        outbox.sendIf(tx -> calls.cancel(tx, incident.id(), clock.instant()),
                NewMessage.of(incident.channelId(), ":no_entry_sign: The analysis call is cancelled because the"
                        + " incident was reopened. It will be scheduled again when the incident is resolved."));
        scheduling.cancel(TASK, incident.id());
    }

    /**
     * Schedules (or moves) the call and queues its announcement in the same transaction;
     * the calendar file follows in the announcement's thread once it is posted.
     */
    private void schedule(Incident incident, Instant at, List<String> suited, List<String> notSuited,
                          List<Attendee> attendees, String prefix) {
        String announcement = announcement(incident, at, suited, notSuited, attendees, prefix);
        database.transaction(tx -> {
            calls.schedule(tx, incident.id(), at, suited, notSuited, clock.instant());
            outbox.add(tx, new NewMessage(incident.channelId(), announcement, null, CALL_ANNOUNCED, incident.id()));
            return null;
        });
        scheduling.at(TASK, incident.id(), at);
        outbox.wake();
        log.info("incident {}: analysis call at {} suits {} of {}", incident.id(), at, suited.size(),
                suited.size() + notSuited.size());
    }

    /** Each participant with their Slack timezone; unknown timezones count as UTC. */
    private List<Attendee> attendees(Incident incident) {
        List<Attendee> attendees = new ArrayList<>();
        for (Participant p : incidents.participants().list(incident.id())) {
            Optional<SlackUser> user = p.tz() != null ? users.known(p.userId()) : users.get(p.userId());
            if (user.isPresent() && user.get().bot()) {
                continue;
            }
            attendees.add(Attendee.withSlackTz(p.userId(), user.map(SlackUser::tz).orElse(null)));
        }
        return attendees;
    }

    private String announcement(Incident incident, Instant at, List<String> suited, List<String> notSuited,
                                List<Attendee> attendees, String prefix) {
        Incident current = incidents.incidents().find(incident.id()).orElse(incident);
        Map<String, ZoneId> zones = attendees.stream()
                .collect(Collectors.toMap(Attendee::userId, Attendee::zone, (a, b) -> a, LinkedHashMap::new));
        StringBuilder text = new StringBuilder(prefix)
                .append(":calendar: *Analysis call:* ").append(SlackText.date(at))
                .append(" for 30 minutes, facilitated by ").append(SlackText.mention(current.facilitator()))
                .append('.');
        int total = suited.size() + notSuited.size();
        if (total > 0) {
            text.append("\nIt is inside working hours for ").append(suited.size()).append(" of ")
                    .append(total).append(" participant").append(total == 1 ? "" : "s").append('.');
        }
        if (!notSuited.isEmpty()) {
            text.append(" Outside working hours for: ").append(notSuited.stream()
                    .map(id -> SlackText.mention(id) + " (" + LOCAL.format(at.atZone(
                            zones.getOrDefault(id, ZoneId.of("UTC")))) + " their time)")
                    .collect(Collectors.joining(", "))).append('.');
        }
        text.append("\nWe meet about a day after the incident so that everyone has rested. "
                + "`/wrapup schedule <yyyy-mm-dd HH:mm> [Area/City]` moves it; the calendar file is in the thread.");
        diversity(incident.id()).ifPresent(t -> text.append('\n').append(t));
        return text.toString();
    }

    /** The announcement is posted: its ts is kept, and the calendar file, as the call now stands, goes in its thread. */
    private void announced(long incidentId, String ts) {
        calls.setAnnouncementTs(incidentId, ts);
        Optional<Incident> incident = incidents.incidents().find(incidentId);
        Optional<AnalysisCall> call = calls.find(incidentId);
        if (incident.isEmpty() || call.isEmpty()) {
            return;
        }
        byte[] ics = invite(incident.get(), call.get()).toIcs(clock.instant()).getBytes(StandardCharsets.UTF_8);
        slack.call("files.uploadV2", m -> m.filesUploadV2(r -> r.channel(incident.get().channelId())
                .threadTs(ts)
                .filename("analysis-call-" + incidentId + ".ics")
                .title("Analysis call: " + incident.get().title())
                .fileData(ics)));
    }

    private CallInvite invite(Incident incident, AnalysisCall call) {
        String description = "Blameless analysis of \"" + incident.title() + "\".\n"
                + "Agenda: what went well, what went wrong, what we could do better next time.\n"
                + "Timeline: " + incidents.timelineUrl(incident);
        return new CallInvite(incident.id(), "Analysis call: " + incident.title(), call.scheduledAt(),
                call.scheduledAt().plus(SlotFinder.SLOT_LENGTH), description, videoUrl(incident).map(URI::create)
                .orElse(null), call.sequence());
    }

    /** Configured role groups that no participant belongs to, worded as a suggestion. */
    Optional<String> diversity(long incidentId) {
        if (config.roleGroups().isEmpty()) {
            return Optional.empty();
        }
        List<String> participants = incidents.participants().list(incidentId).stream().map(Participant::userId)
                .toList();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> group : config.roleGroups().entrySet()) {
            Optional<List<String>> members = slack.ok("usergroups.users.list",
                    m -> m.usergroupsUsersList(r -> r.usergroup(group.getValue()))).map(r -> r.getUsers());
            if (members.isPresent() && members.get().stream().noneMatch(participants::contains)) {
                missing.add(group.getKey());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(":busts_in_silhouette: Nobody from *" + String.join("*, *", missing)
                + "* took part yet. A wrap-up learns more from a mixed group: consider inviting someone from "
                + (missing.size() == 1 ? "that group" : "each of those groups") + " to the call.");
    }

    private Optional<String> videoUrl(Incident incident) {
        return config.videoUrl().map(t -> t.replace("{channel}", incident.channelId())
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
        StringBuilder text = new StringBuilder(":telephone_receiver: *The analysis call for \"")
                .append(SlackText.escape(incident.title())).append("\" starts now.*\n");
        text.append(videoUrl(incident).map(u -> "Join the call: " + u)
                .orElse("Start a huddle in this channel (the headphones icon in the channel header) to talk."));
        text.append("\n\n").append(openingWords.render(SlackText.mention(incident.facilitator()),
                SlackText.escape(incident.title())));
        text.append("\n\n*Agenda* (30 minutes)\n1. What went well\n2. What went wrong\n"
                + "3. What we could do better next time");
        List<TimelineEntry> moments = incidents.keyMoments(incident);
        text.append("\n\n*Key moments*");
        if (moments.isEmpty()) {
            text.append("\n_None were marked during the incident._");
        }
        for (TimelineEntry moment : moments.subList(0, Math.min(moments.size(), 10))) {
            String body = moment.text() == null ? "" : moment.text().replace('\n', ' ');
            text.append("\n• ").append(SlackText.date(moment.occurredAt())).append(" ")
                    .append(body.length() > 200 ? body.substring(0, 199) + "…" : body);
        }
        text.append("\nThe whole timeline: <").append(incidents.timelineUrl(incident)).append("|web page>");
        if (!participants.isEmpty()) {
            text.append("\n\n").append(participants.stream().map(p -> SlackText.mention(p.userId()))
                    .collect(Collectors.joining(" "))).append(": please give at least one comment, with the "
                            + "button I'm sending you or `/wrapup well|wrong|better <text>` here.");
        }
        // The claim and the message commit together: the call starts once, and its message
        // reaches the channel even if Slack is down right now.
        if (!outbox.sendIf(tx -> calls.claimStart(tx, incidentId, clock.instant()),
                new NewMessage(incident.channelId(), text.toString(), null, CALL_STARTED, incidentId))) {
            return; // cancelled, or already started by another replica or an earlier firing
        }
        callStartedListeners.forEach(l -> l.accept(incident));
    }

    /** For the web page and App Home: how long until the call. */
    public Optional<Duration> until(long incidentId) {
        return calls.find(incidentId).filter(c -> c.status() == AnalysisCall.Status.SCHEDULED)
                .map(c -> Duration.between(clock.instant(), c.scheduledAt()));
    }

    private static List<String> ids(List<Attendee> attendees) {
        return attendees.stream().map(Attendee::userId).toList();
    }
}
