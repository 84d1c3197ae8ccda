package dev.wrapup.bot.maintenance;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.MaintenanceWindow.State;
import dev.wrapup.domain.MaintenanceWindow.Verdict;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Tx;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Maintenance windows: a numbered plan with owners, begin and end with a success verdict, and the
 * same wrap-up as an incident whatever the outcome. The heads-up and the overrun question are
 * {@link MaintenanceAlerts}; the pinned plan is {@link PinnedPlan}.
 *
 * <p>Longer than most classes: it holds every change `/maintenance` makes (plan, step, mark,
 * impact, begin, end), each committed with its timeline entry and the work it promises, as {@code
 * IncidentChanges} does for incidents.
 */
public final class MaintenanceService {
    private final Config config;
    private final Database database;
    private final Incidents incidents;
    private final Participants participants;
    private final Timeline timeline;
    private final MaintenanceWindows windows;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Scheduling scheduling;
    private final MaintenanceAlerts alerts;
    private final Clock clock;

    public MaintenanceService(
            Config config,
            Database database,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            MaintenanceAlerts alerts,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.timeline = new Timeline(database);
        this.windows = new MaintenanceWindows(database);
        this.outbox = outbox;
        this.users = users;
        this.scheduling = scheduling;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Whether heads-ups have somewhere to go (WRAPUP_ANNOUNCE_CHANNEL). */
    public boolean announces() {
        return config.announceChannel().isPresent();
    }

    public Optional<MaintenanceWindow> window(long incidentId) {
        return windows.find(incidentId);
    }

    /** The open window in the channel, if any. */
    public Optional<Incident> inChannel(String channelId) {
        return incidents.findByChannel(channelId).filter(i -> i.kind() == IncidentKind.MAINTENANCE);
    }

    // ---------------------------------------------------------------- plan

    /** Plans the window in this channel; empty when the channel already has something open. */
    public Optional<Incident> plan(
            String teamId,
            String channelId,
            String channelName,
            String callerId,
            String title,
            Instant start,
            Instant end,
            ZoneId zone) {
        Instant now = clock.instant();
        Incident incident =
                database.transaction(
                        tx -> {
                            if (incidents.hasOpen(tx, channelId)) {
                                return null;
                            }
                            Incident created =
                                    incidents.open(
                                            tx,
                                            new Incidents.NewIncident(
                                                    IncidentKind.MAINTENANCE,
                                                    teamId,
                                                    channelId,
                                                    channelName,
                                                    title,
                                                    null,
                                                    null,
                                                    IncidentStatus.PLANNED,
                                                    callerId,
                                                    callerId,
                                                    start),
                                            "Maintenance planned: " + title,
                                            users.knownName(tx, callerId).orElse(null),
                                            now);
                            windows.create(tx, created.id(), start, end, zone.getId());
                            outbox.add(tx, SlackWork.join(channelId));
                            outbox.add(tx, PinnedPlan.refresh(created));
                            return created;
                        });
        if (incident == null) {
            return Optional.empty();
        }
        outbox.wake();
        Instant headsUpAt = start.minus(config.headsUp());
        if (headsUpAt.isAfter(now)) {
            scheduling.at(MaintenanceAlerts.HEADS_UP_TASK, incident.id(), headsUpAt);
        } else {
            alerts.headsUp(incident.id()); // planned inside the heads-up period: queued now
        }
        scheduling.at(MaintenanceAlerts.END_CHECK_TASK, incident.id(), end);
        users.refreshLater(callerId);
        return Optional.of(incident);
    }

    public int step(Incident incident, String callerId, String ownerId, String text) {
        Instant now = clock.instant();
        int number =
                database.transaction(
                        tx -> {
                            int n = windows.addStep(tx, incident.id(), ownerId, text, now);
                            participants.add(tx, incident.id(), ownerId, "invited", now);
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    EntryKind.SYSTEM,
                                    "Step " + n + " planned for " + name(tx, ownerId) + ": " + text,
                                    now);
                            outbox.add(tx, SlackWork.invite(incident.channelId(), ownerId));
                            outbox.add(tx, PinnedPlan.refresh(incident));
                            return n;
                        });
        outbox.wake();
        users.refreshLater(ownerId);
        return number;
    }

    /** Marks a step done or failed; false when there is no such step. */
    public boolean mark(Incident incident, String callerId, int number, State state, String why) {
        Instant now = clock.instant();
        boolean marked =
                database.transaction(
                        tx -> {
                            if (!windows.mark(tx, incident.id(), number, state, why, now)) {
                                return false;
                            }
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    state == State.FAILED ? EntryKind.NOTE : EntryKind.SYSTEM,
                                    "Step "
                                            + number
                                            + (state == State.DONE ? " done" : " failed: " + why),
                                    now);
                            outbox.add(tx, PinnedPlan.refresh(incident));
                            if (state == State.FAILED) {
                                outbox.add(
                                        tx,
                                        SlackWork.post(
                                                incident.channelId(),
                                                ":x: Step "
                                                        + number
                                                        + " failed ("
                                                        + SlackText.mention(callerId)
                                                        + "): "
                                                        + why));
                            }
                            return true;
                        });
        outbox.wake();
        return marked;
    }

    public void impact(Incident incident, String callerId, String text) {
        Instant now = clock.instant();
        database.transaction(
                tx -> {
                    windows.addImpact(tx, incident.id(), callerId, text, now);
                    entry(
                            tx,
                            incident,
                            callerId,
                            EntryKind.NOTE,
                            "Production impact: " + text,
                            now);
                    outbox.add(
                            tx,
                            SlackWork.post(
                                    incident.channelId(),
                                    ":rotating_light: Production impact reported by "
                                            + SlackText.mention(callerId)
                                            + ": "
                                            + text));
                    outbox.add(tx, PinnedPlan.refresh(incident));
                    return null;
                });
        outbox.wake();
    }

    /** Begins the window; false when it had begun already. */
    public boolean begin(Incident incident, String callerId) {
        Instant now = clock.instant();
        boolean began =
                database.transaction(
                        tx -> {
                            if (!windows.begin(tx, incident.id(), now)) {
                                return false;
                            }
                            incidents.setStatus(
                                    tx, incident.id(), IncidentStatus.IN_PROGRESS, null);
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    EntryKind.STATUS,
                                    "Maintenance began",
                                    now);
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            incident.channelId(),
                                            ":construction: The maintenance window has begun ("
                                                    + SlackText.mention(callerId)
                                                    + "). Everything said here is recorded until the wrap-up."));
                            outbox.add(tx, PinnedPlan.refresh(incident));
                            return true;
                        });
        outbox.wake();
        return began;
    }

    /**
     * Ends the window: the verdict, then the analysis call (planned after the ack), whatever the
     * verdict.
     */
    public Verdict end(Incident incident, String callerId) {
        Instant now = clock.instant();
        Verdict verdict =
                database.transaction(
                        tx -> {
                            if (!windows.end(tx, incident.id(), now)) {
                                return null;
                            }
                            incidents.setStatus(tx, incident.id(), IncidentStatus.ENDED, now);
                            Verdict v = windows.find(tx, incident.id()).orElseThrow().verdict(now);
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    EntryKind.STATUS,
                                    "Maintenance ended. "
                                            + MaintenanceText.verdict(v)
                                                    .replaceAll(":[a-z_]+: ", "")
                                                    .replace("*", ""),
                                    now);
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            incident.channelId(),
                                            ":checkered_flag: The maintenance window has ended ("
                                                    + SlackText.mention(callerId)
                                                    + ").\n"
                                                    + MaintenanceText.verdict(v)
                                                    + "\nA wrap-up follows "
                                                    + "whatever the outcome: what went well is as worth sharing as what did not."));
                            outbox.add(tx, PinnedPlan.refresh(incident));
                            outbox.add(tx, AnalysisCallService.plan(incident));
                            return v;
                        });
        if (verdict == null) {
            return null;
        }
        outbox.wake();
        scheduling.cancel(MaintenanceAlerts.END_CHECK_TASK, incident.id());
        return verdict;
    }

    // ---------------------------------------------------------------- helpers

    private void entry(
            Tx tx, Incident incident, String userId, EntryKind kind, String text, Instant now) {
        timeline.add(
                tx,
                NewEntry.of(
                        incident.id(),
                        incident.channelId(),
                        kind,
                        userId,
                        userId == null ? "Wrapup" : users.knownName(tx, userId).orElse(null),
                        text,
                        now),
                now);
        if (userId != null) {
            participants.add(tx, incident.id(), userId, "posted", now);
        }
    }

    private String name(Tx tx, String userId) {
        return users.knownName(tx, userId).orElse(userId);
    }
}
