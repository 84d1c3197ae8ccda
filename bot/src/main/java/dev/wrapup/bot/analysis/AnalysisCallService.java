package dev.wrapup.bot.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.Inconvenience;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.CallBurden;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.scheduler.Scheduling;
import dev.wrapup.scheduler.slots.Attendee;
import dev.wrapup.scheduler.slots.Slot;
import dev.wrapup.scheduler.slots.SlotFinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planning the analysis call: about a day after resolve, in the slot that suits the most
 * participants and spares whoever was inconvenienced most in the last {@link #RECENT}; moved on
 * request and cancelled on reopen, the ledger of inconvenient calls ({@link CallBurden}) in step.
 * {@link CallAnnouncement} tells the channel, and {@link CallStart} starts the call when the
 * scheduler fires {@link #TASK}.
 */
public final class AnalysisCallService {
    public static final String TASK = "analysis-call";

    /** Queued by a resolve, a maintenance window's end or a wrap-up's start: plans the call. */
    private static final String PLAN = "plan-analysis-call";

    /** Queued by a reopen, after any plan still queued: a call still to come is cancelled. */
    private static final String CANCEL = "cancel-analysis-call";

    /** How far back the calls outside someone's working hours count when the slot is chosen. */
    static final Duration RECENT = Duration.ofDays(90);

    private static final Logger log = LoggerFactory.getLogger(AnalysisCallService.class);

    private final Database database;
    private final Incidents incidents;
    private final Participants participants;
    private final AnalysisCalls calls;
    private final CallBurden burden;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Scheduling scheduling;
    private final SlotFinder slots;
    private final Duration delay;
    private final Clock clock;

    public AnalysisCallService(
            Database database,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            SlotFinder slots,
            Duration delay,
            Clock clock) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.calls = new AnalysisCalls(database);
        this.burden = new CallBurden(database);
        this.outbox = outbox;
        this.users = users;
        this.scheduling = scheduling;
        this.slots = slots;
        this.delay = delay;
        this.clock = clock;
        outbox.perform(
                PLAN,
                item -> {
                    planAfterResolve(item.subjectId());
                    return Outcome.done();
                });
        outbox.perform(
                CANCEL,
                item -> {
                    cancelOnReopen(item.subjectId());
                    return Outcome.done();
                });
    }

    /**
     * The work that plans the call, in order with the channel's other work (after the resolve's own
     * messages).
     */
    public static Work plan(Incident incident) {
        return SlackWork.job(PLAN, incident.channelId(), incident.id());
    }

    /** The work that cancels a call still to come, after any plan still queued. */
    public static Work cancel(Incident incident) {
        return SlackWork.job(CANCEL, incident.channelId(), incident.id());
    }

    /**
     * After resolve (queued work, in order with the channel's other work): finds the slot,
     * schedules and announces the call. Done again after a crash, it plans nothing twice.
     */
    void planAfterResolve(long incidentId) {
        Optional<Incident> found = incidents.find(incidentId);
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
        Map<String, Integer> recent =
                burden.since(clock.instant().minus(RECENT), ids(attendees), incidentId);
        Slot slot = slots.find(resolvedAt.plus(delay), attendees, recent);
        schedule(incident, slot.start(), slot.suited(), slot.notSuited(), "");
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
        List<Attendee> suited = new ArrayList<>();
        List<Attendee> notSuited = new ArrayList<>();
        for (Attendee a : attendees(incident, false)) {
            (slots.suits(at, a.zone()) ? suited : notSuited).add(a);
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
        Optional<Incident> incident = incidents.find(incidentId);
        if (incident.isEmpty()) {
            return;
        }
        outbox.sendIf(
                tx -> {
                    boolean cancelled = calls.cancel(tx, incidentId, clock.instant());
                    if (cancelled) {
                        burden.forget(tx, incidentId); // a call held stays in the ledger
                    }
                    return cancelled;
                },
                SlackWork.post(
                        incident.get().channelId(),
                        ":no_entry_sign: The analysis call is cancelled because"
                                + " the incident was reopened. It will be scheduled again when the incident is resolved."));
        scheduling.cancel(TASK, incidentId);
    }

    /**
     * Schedules (or moves) the call, replaces its lines in the ledger and queues its announcement
     * in the same transaction; the calendar file follows in the announcement's thread once it is
     * posted. The announcement carries how often each person it does not suit has been
     * inconvenienced this quarter, this call included.
     */
    private void schedule(
            Incident incident,
            Instant at,
            List<Attendee> suitedAttendees,
            List<Attendee> notSuitedAttendees,
            String prefix) {
        List<String> suited = ids(suitedAttendees);
        List<String> notSuited = ids(notSuitedAttendees);
        JsonObject args = new JsonObject();
        args.addProperty("at", at.toString());
        args.add("suited", strings(suited));
        args.add("notSuited", strings(notSuited));
        database.transaction(
                tx -> {
                    calls.schedule(tx, incident.id(), at, suited, notSuited, clock.instant());
                    burden.replace(
                            tx,
                            incident.id(),
                            notSuitedAttendees.stream()
                                    .map(
                                            a ->
                                                    new Inconvenience(
                                                            incident.id(),
                                                            a.userId(),
                                                            at,
                                                            tz(a.zone())))
                                    .toList());
                    JsonObject times = new JsonObject();
                    burden.thisQuarter(tx, notSuited, at).forEach(times::addProperty);
                    args.add("timesThisQuarter", times);
                    outbox.add(tx, CallAnnouncement.of(incident, prefix, args.toString()));
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

    /**
     * Each participant with their Slack timezone; unknown timezones count as UTC. Slack is asked
     * about people the bot does not know yet only when {@code lookUp} (never on a request thread).
     */
    private List<Attendee> attendees(Incident incident, boolean lookUp) {
        List<Attendee> attendees = new ArrayList<>();
        for (Participant p : participants.list(incident.id())) {
            Optional<SlackUser> user =
                    p.tz() != null || !lookUp ? users.known(p.userId()) : users.get(p.userId());
            if (user.isPresent() && user.get().bot()) {
                continue;
            }
            attendees.add(Attendee.withSlackTz(p.userId(), user.map(SlackUser::tz).orElse(p.tz())));
        }
        return attendees;
    }

    /** The zone as the ledger keeps it: "UTC" for the unknown ones, counted in UTC. */
    private static String tz(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static List<String> ids(List<Attendee> attendees) {
        return attendees.stream().map(Attendee::userId).toList();
    }
}
