package dev.wrapup.bot.wrapup;

import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Action items: given to an owner, closed when done, and a reminder to the owner on the due date.
 */
public final class ActionItems {
    public static final String ACTION_DUE_TASK = "action-due";

    private final Database database;
    private final Incidents incidents;
    private final Participants participants;
    private final WrapUps wrapups;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Scheduling scheduling;
    private final Clock clock;

    public ActionItems(
            Database database,
            WrapUps wrapups,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            Clock clock) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.wrapups = wrapups;
        this.outbox = outbox;
        this.users = users;
        this.scheduling = scheduling;
        this.clock = clock;
        scheduling.register(ACTION_DUE_TASK, this::actionDue);
    }

    /** Action item {@code number} of an incident, if there is one. */
    public Optional<ActionItem> find(long incidentId, int number) {
        return wrapups.action(incidentId, number);
    }

    public ActionItem addAction(
            Incident incident, String callerId, String ownerId, String text, LocalDate due) {
        Instant now = clock.instant();
        ActionItem item =
                database.transaction(
                        tx -> {
                            participants.add(tx, incident.id(), callerId, "posted", now);
                            ActionItem added =
                                    wrapups.addAction(
                                            tx, incident.id(), ownerId, text, due, callerId, now);
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            ownerId,
                                            ":clipboard: "
                                                    + SlackText.mention(callerId)
                                                    + " gave you an action item from the wrap-up of *"
                                                    + SlackText.escape(incident.title())
                                                    + "* (<#"
                                                    + incident.channelId()
                                                    + ">): "
                                                    + text
                                                    + (due != null ? " — due " + due : "")
                                                    + ". When it's done: `/wrapup action done "
                                                    + added.number()
                                                    + "` in that channel."));
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            incident.channelId(),
                                            ":clipboard: Action item "
                                                    + added.number()
                                                    + " for "
                                                    + SlackText.mention(ownerId)
                                                    + ": "
                                                    + text
                                                    + (due != null ? " (due " + due + ")" : "")));
                            return added;
                        });
        outbox.wake();
        if (due != null) {
            ZoneId zone = users.known(ownerId).map(SlackUser::zone).orElse(ZoneOffset.UTC);
            scheduling.at(
                    ACTION_DUE_TASK,
                    item.id(),
                    due.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant());
        }
        return item;
    }

    /** Closes the item, which the caller has found and may close. */
    public String closeAction(Incident incident, String callerId, ActionItem item) {
        int number = item.number();
        boolean closed =
                outbox.sendIf(
                        tx -> wrapups.closeAction(tx, item.id(), clock.instant()),
                        SlackWork.post(
                                incident.channelId(),
                                ":white_check_mark: Action item "
                                        + number
                                        + " is done ("
                                        + SlackText.mention(callerId)
                                        + "): "
                                        + item.text()));
        if (!closed) {
            return "Action item " + number + " is already done.";
        }
        scheduling.cancel(ACTION_DUE_TASK, item.id());
        return "Closed action item " + number + ".";
    }

    /** The due-date reminder for an action item still open. */
    void actionDue(long actionId) {
        Optional<ActionItem> item = wrapups.action(actionId);
        if (item.isEmpty() || item.get().done()) {
            return;
        }
        Optional<Incident> incident = incidents.find(item.get().incidentId());
        String where =
                incident.map(
                                i ->
                                        " from the wrap-up of *"
                                                + SlackText.escape(i.title())
                                                + "* (<#"
                                                + i.channelId()
                                                + ">)")
                        .orElse("");
        outbox.sendIf(
                tx -> wrapups.actionReminded(tx, actionId, clock.instant()),
                SlackWork.post(
                        item.get().ownerId(),
                        ":alarm_clock: Your action item"
                                + where
                                + " is due today: "
                                + item.get().text()
                                + ". Done? `/wrapup action done "
                                + item.get().number()
                                + "` in that channel."));
    }
}
