package dev.wrapup.bot.incident;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.happened.Happening.KeyMomentNoted;
import dev.wrapup.bot.happened.Happenings;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Running an incident: status, severity, roles, key moments and resolving. Every change is
 * committed with its timeline entry, the caller as a participant and the Slack work it promises
 * (the channel's line, the header brought up to date, the call planned or cancelled); the work is
 * done after the ack by the {@link SlackOutbox}.
 *
 * <p>A little over 250 lines: every change goes through the one {@code change} method that commits
 * it with its entry and its work, and keeping the changes beside it keeps that rule visible.
 */
public final class IncidentChanges {
    private final Database database;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Participants participants;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Happenings happenings;
    private final Clock clock;

    public IncidentChanges(
            Database database,
            SlackOutbox outbox,
            UserDirectory users,
            Happenings happenings,
            Clock clock) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database);
        this.participants = new Participants(database);
        this.outbox = outbox;
        this.users = users;
        this.happenings = happenings;
        this.clock = clock;
    }

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
            work.add(AnalysisCallService.cancel(incident));
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
                                PinnedHeader.refresh(incident)));
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
        happenings.tell(new KeyMomentNoted(changed, callerId, text));
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
        work.add(AnalysisCallService.plan(incident));
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
        return List.of(SlackWork.post(incident.channelId(), text), PinnedHeader.refresh(incident));
    }

    private String nameOrId(String userId) {
        return users.knownName(userId).orElse(userId);
    }

    /** Inside a transaction: on its connection, never a second one from the pool. */
    private String name(Tx tx, String userId) {
        return users.knownName(tx, userId).orElse(null);
    }
}
