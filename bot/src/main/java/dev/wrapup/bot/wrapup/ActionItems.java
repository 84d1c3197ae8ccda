package dev.wrapup.bot.wrapup;

import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Action;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
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
import java.util.List;
import java.util.Optional;

/**
 * Action items: given to an owner with a kind, a reminder to the owner on the due date while open,
 * and closed as done or won't do (with a reason), or opened again.
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
    private final Access access;

    public ActionItems(
            Database database,
            WrapUps wrapups,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            Clock clock,
            Access access) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.wrapups = wrapups;
        this.outbox = outbox;
        this.users = users;
        this.scheduling = scheduling;
        this.clock = clock;
        this.access = access;
        scheduling.register(ACTION_DUE_TASK, this::actionDue);
    }

    /** Action item {@code number} of an incident, if there is one. */
    public Optional<ActionItem> find(long incidentId, int number) {
        return wrapups.action(incidentId, number);
    }

    public ActionItem addAction(
            Incident incident,
            String callerId,
            String ownerId,
            String text,
            LocalDate due,
            ActionKind kind) {
        Instant now = clock.instant();
        ActionItem item =
                database.transaction(
                        tx -> {
                            participants.add(tx, incident.id(), callerId, "posted", now);
                            ActionItem added =
                                    wrapups.addAction(
                                            tx,
                                            incident.id(),
                                            ownerId,
                                            text,
                                            due,
                                            kind,
                                            callerId,
                                            now);
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            ownerId,
                                            ":clipboard: "
                                                    + SlackText.mention(callerId)
                                                    + " gave you an action item ("
                                                    + kind.word()
                                                    + ") from the wrap-up of *"
                                                    + SlackText.escape(incident.title())
                                                    + "* (<#"
                                                    + incident.channelId()
                                                    + ">): "
                                                    + text
                                                    + (due != null ? " — due " + due : "")
                                                    + ". When it's done: `/wrapup action done "
                                                    + added.number()
                                                    + "` in that channel; if it should not be"
                                                    + " done after all: `/wrapup action wontdo "
                                                    + added.number()
                                                    + " <why>`."));
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            incident.channelId(),
                                            ":clipboard: Action item "
                                                    + added.number()
                                                    + " ("
                                                    + kind.word()
                                                    + ") for "
                                                    + SlackText.mention(ownerId)
                                                    + ": "
                                                    + text
                                                    + (due != null ? " (due " + due + ")" : "")));
                            return added;
                        });
        outbox.wake();
        if (due != null) {
            scheduling.at(ACTION_DUE_TASK, item.id(), dueMoment(ownerId, due));
        }
        return item;
    }

    /** 9:00 on the due date where the owner is. */
    private Instant dueMoment(String ownerId, LocalDate due) {
        ZoneId zone = users.known(ownerId).map(SlackUser::zone).orElse(ZoneOffset.UTC);
        return due.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant();
    }

    /**
     * Marks the item done, if the caller may (its owner or creator, the facilitator, the commander,
     * an admin); the answer for the caller. The channel is told.
     */
    public String markDone(Incident incident, String callerId, ActionItem item) {
        return close(incident, callerId, item, ActionState.DONE, null);
    }

    /**
     * Marks the item won't do with the reason, if the caller may (as for {@link #markDone}); the
     * answer for the caller. The channel is told, reason and all.
     */
    public String markWontDo(Incident incident, String callerId, ActionItem item, String reason) {
        return close(incident, callerId, item, ActionState.WONT_DO, reason);
    }

    /** Opens a closed item again, if the caller may (as for {@link #markDone}). */
    public String reopen(Incident incident, String callerId, ActionItem item) {
        Optional<String> refused = closeRefusal(incident, callerId, item);
        if (refused.isPresent()) {
            return refused.get();
        }
        int number = item.number();
        boolean reopened =
                outbox.sendIf(
                        tx -> wrapups.reopenAction(tx, item.id()),
                        SlackWork.post(
                                incident.channelId(),
                                ":arrows_counterclockwise: Action item "
                                        + number
                                        + " is open again ("
                                        + SlackText.mention(callerId)
                                        + "): "
                                        + item.text()));
        if (!reopened) {
            return "Action item " + number + " is open already.";
        }
        if (item.dueOn() != null) {
            Instant due = dueMoment(item.ownerId(), item.dueOn());
            if (due.isAfter(clock.instant())) {
                scheduling.at(ACTION_DUE_TASK, item.id(), due);
            }
        }
        return "Action item " + number + " is open again.";
    }

    private String close(
            Incident incident, String callerId, ActionItem item, ActionState state, String reason) {
        Optional<String> refused = closeRefusal(incident, callerId, item);
        if (refused.isPresent()) {
            return refused.get();
        }
        int number = item.number();
        boolean done = state == ActionState.DONE;
        boolean closed =
                outbox.sendIf(
                        tx -> wrapups.closeAction(tx, item.id(), state, reason, clock.instant()),
                        SlackWork.post(
                                incident.channelId(),
                                (done
                                                ? ":white_check_mark: Action item "
                                                : ":no_entry_sign: Action item ")
                                        + number
                                        + (done ? " is done (" : " won't be done (")
                                        + SlackText.mention(callerId)
                                        + "): "
                                        + item.text()
                                        + (done ? "" : "\n>Why: " + reason)));
        if (!closed) {
            Optional<ActionItem> now = find(incident.id(), number);
            return now.isPresent() && now.get().state() == ActionState.WONT_DO
                    ? "Action item "
                            + number
                            + " is already closed ("
                            + now.get().stateText()
                            + ")."
                    : "Action item " + number + " is already done.";
        }
        scheduling.cancel(ACTION_DUE_TASK, item.id());
        return done
                ? "Closed action item " + number + "."
                : "Action item " + number + " is marked won't do.";
    }

    private Optional<String> closeRefusal(Incident incident, String callerId, ActionItem item) {
        return access.refusal(
                incident,
                callerId,
                Action.CLOSE_ACTION,
                List.of(item.ownerId(), item.createdBy()),
                "action item " + item.number());
    }

    /** Empty when the caller may add action items to the incident; else who may. */
    public Optional<String> addRefusal(Incident incident, String callerId) {
        return access.refusal(incident, callerId, Action.ADD_ACTION);
    }

    /** The due-date reminder for an action item still open. */
    void actionDue(long actionId) {
        Optional<ActionItem> item = wrapups.action(actionId);
        if (item.isEmpty() || item.get().closed()) {
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
