package dev.wrapup.bot.maintenance;

import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a maintenance window's clock sets off: the heads-up to the announcements channel before it
 * begins, and the question in its channel when its planned end passes while it runs on.
 */
public final class MaintenanceAlerts {
    public static final String HEADS_UP_TASK = "maintenance-heads-up";
    public static final String END_CHECK_TASK = "maintenance-end-check";

    private final Incidents incidents;
    private final MaintenanceWindows windows;
    private final Timeline timeline;
    private final SlackOutbox outbox;
    private final Optional<String> announceChannel;
    private final Clock clock;

    public MaintenanceAlerts(
            Database database,
            SlackOutbox outbox,
            Scheduling scheduling,
            Optional<String> announceChannel,
            Clock clock) {
        this.incidents = new Incidents(database);
        this.windows = new MaintenanceWindows(database);
        this.timeline = new Timeline(database);
        this.outbox = outbox;
        this.announceChannel = announceChannel;
        this.clock = clock;
        scheduling.register(HEADS_UP_TASK, this::headsUp);
        scheduling.register(END_CHECK_TASK, this::endCheck);
    }

    /** The heads-up to the announcements channel, once. */
    void headsUp(long incidentId) {
        Optional<Incident> incident = incidents.find(incidentId);
        Optional<MaintenanceWindow> window = windows.find(incidentId);
        if (incident.isEmpty() || window.isEmpty() || announceChannel.isEmpty()) {
            return;
        }
        MaintenanceWindow w = window.get();
        String text =
                ":construction: *Planned maintenance: "
                        + SlackText.neutraliseBroadcasts(SlackText.escape(incident.get().title()))
                        + "*\n"
                        + SlackText.date(w.plannedStart())
                        + " → "
                        + SlackText.date(w.plannedEnd())
                        + " ("
                        + w.steps().size()
                        + " planned step"
                        + (w.steps().size() == 1 ? "" : "s")
                        + "). Questions: <#"
                        + incident.get().channelId()
                        + ">.";
        outbox.sendIf(
                tx -> windows.headsUpSent(tx, incidentId, clock.instant()),
                SlackWork.post(announceChannel.get(), text));
    }

    /**
     * At the planned end: if the window has not ended, ask in the channel and record the overrun.
     */
    void endCheck(long incidentId) {
        Optional<Incident> incident = incidents.find(incidentId);
        Optional<MaintenanceWindow> window = windows.find(incidentId);
        if (incident.isEmpty() || window.isEmpty() || window.get().endedAt() != null) {
            return;
        }
        Instant now = clock.instant();
        outbox.sendIf(
                tx -> {
                    if (!windows.overrun(tx, incidentId, now)) {
                        return false;
                    }
                    timeline.add(
                            tx,
                            NewEntry.of(
                                    incidentId,
                                    incident.get().channelId(),
                                    EntryKind.SYSTEM,
                                    null,
                                    "Wrapup",
                                    "The planned end passed without `/maintenance end`",
                                    now),
                            now);
                    return true;
                },
                SlackWork.post(
                        incident.get().channelId(),
                        ":hourglass: The window was planned to end "
                                + SlackText.date(window.get().plannedEnd())
                                + ". Is it over? Run `/maintenance end` when it is;"
                                + " the overrun is being recorded. "
                                + SlackText.mention(incident.get().commanderId())));
    }
}
