package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.text.Durations;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks every participant for a comment by DM when the call starts, and reminds those still silent.
 */
public final class CommentPrompts {
    public static final String REMINDER_TASK = "comment-reminder";

    /** The facilitator turned the reminders off. */
    private static final String REMINDERS_OFF = "reminders-off";

    private final Config config;
    private final Database database;
    private final Incidents incidents;
    private final AnalysisCalls calls;
    private final WrapUps wrapups;
    private final Comments comments;
    private final SlackOutbox outbox;
    private final Scheduling scheduling;
    private final Clock clock;

    public CommentPrompts(
            Config config,
            Database database,
            WrapUps wrapups,
            Comments comments,
            SlackOutbox outbox,
            Scheduling scheduling,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.incidents = new Incidents(database);
        this.calls = new AnalysisCalls(database);
        this.wrapups = wrapups;
        this.comments = comments;
        this.outbox = outbox;
        this.scheduling = scheduling;
        this.clock = clock;
        scheduling.register(REMINDER_TASK, this::remind);
    }

    /** When the call starts: every participant gets a DM with the agenda and a button. */
    public void askEveryone(Incident incident) {
        Instant now = clock.instant();
        String blocks = SlackWork.json(prompt(incident, false));
        database.transaction(
                tx -> {
                    for (String userId : comments.humans(incident.id())) {
                        if (wrapups.asked(tx, incident.id(), userId, now)) {
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                                    userId,
                                                    "Your comment on \""
                                                            + incident.title()
                                                            + "\", please")
                                            .withBlocks(blocks));
                        }
                    }
                    return null;
                });
        outbox.wake();
        scheduling.at(REMINDER_TASK, incident.id(), now.plus(config.reminderDelay()));
    }

    private List<LayoutBlock> prompt(Incident incident, boolean reminder) {
        String intro =
                (reminder
                                ? ":wave: A gentle reminder: we'd still love your view on *"
                                : ":speech_balloon: The wrap-up of *")
                        + SlackText.escape(incident.title())
                        + (reminder ? "*. " : "* has started in <#" + incident.channelId() + ">. ")
                        + "Please give at least one comment, on any of these:\n"
                        + "• "
                        + AgendaItem.WELL.question()
                        + "\n• "
                        + AgendaItem.WRONG.question()
                        + "\n• "
                        + AgendaItem.BETTER.question();
        return asBlocks(
                section(s -> s.text(markdownText(intro))),
                CommentModal.openButton(incident),
                context(
                        c ->
                                c.elements(
                                        List.of(
                                                markdownText(
                                                        "Or in the channel: `/wrapup well|wrong|better <text>`")))));
    }

    /**
     * `/wrapup remind off`: no reminder goes out for this wrap-up until they are turned on again.
     */
    public String stopReminders(Incident incident, String callerId) {
        boolean stopped =
                database.transaction(
                        tx -> wrapups.reached(tx, incident.id(), REMINDERS_OFF, clock.instant()));
        scheduling.cancel(REMINDER_TASK, incident.id());
        return stopped
                ? "Reminders are off for this wrap-up. `/wrapup remind on` turns them back on."
                : "Reminders were already off. `/wrapup remind on` turns them back on.";
    }

    /** `/wrapup remind on`: the reminder goes out as planned, or at once if its time has passed. */
    public String resumeReminders(Incident incident, String callerId) {
        wrapups.forget(incident.id(), REMINDERS_OFF);
        Optional<AnalysisCall> call = calls.find(incident.id());
        if (call.isEmpty() || call.get().status() != AnalysisCall.Status.STARTED) {
            return "Reminders are on: those who have not commented are reminded "
                    + Durations.human(config.reminderDelay())
                    + " after the analysis call starts.";
        }
        Instant due = call.get().startedAt().plus(config.reminderDelay());
        Instant now = clock.instant();
        scheduling.at(REMINDER_TASK, incident.id(), due.isAfter(now) ? due : now);
        return "Reminders are on"
                + (due.isAfter(now)
                        ? ": the reminder goes out " + SlackText.date(due) + "."
                        : "; whoever has not commented and was not reminded yet is reminded now.");
    }

    /**
     * `/wrapup remind now`: everyone who has not commented gets a reminder now, even if reminded
     * before.
     */
    public String remindNow(Incident incident, String callerId) {
        List<String> missing = comments.missing(incident.id());
        if (missing.isEmpty()) {
            return "Everyone has commented; nobody to remind.";
        }
        Instant now = clock.instant();
        String blocks = SlackWork.json(prompt(incident, true));
        database.transaction(
                tx -> {
                    for (String userId : missing) {
                        wrapups.reminded(
                                tx,
                                incident.id(),
                                userId,
                                now); // the scheduled reminder will not repeat it
                        outbox.add(tx, reminder(userId, incident, blocks));
                    }
                    return null;
                });
        outbox.wake();
        return "Reminded "
                + missing.size()
                + (missing.size() == 1 ? " person" : " people")
                + ": "
                + missing.stream().map(SlackText::mention).collect(Collectors.joining(" "))
                + ".";
    }

    /**
     * The scheduled reminder: one DM to each who has not commented, and the list to the
     * facilitator.
     */
    void remind(long incidentId) {
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty() || wrapups.hasReached(incidentId, REMINDERS_OFF)) {
            return;
        }
        Incident incident = found.get();
        List<String> missing = comments.missing(incidentId);
        Instant now = clock.instant();
        String blocks = SlackWork.json(prompt(incident, true));
        String text =
                missing.isEmpty()
                        ? ":white_check_mark: Everyone has commented on \""
                                + incident.title()
                                + "\"."
                        : ":hourglass: Still no comment on \""
                                + incident.title()
                                + "\" from "
                                + missing.stream()
                                        .map(SlackText::mention)
                                        .collect(Collectors.joining(", "))
                                + ". I have reminded them once.";
        database.transaction(
                tx -> {
                    for (String userId : missing) {
                        if (wrapups.reminded(tx, incidentId, userId, now)) {
                            outbox.add(tx, reminder(userId, incident, blocks));
                        }
                    }
                    outbox.add(tx, SlackWork.post(incident.facilitator(), text));
                    return null;
                });
        outbox.wake();
    }

    private static Work reminder(String userId, Incident incident, String blocks) {
        return SlackWork.post(userId, "A reminder: your comment on \"" + incident.title() + "\"")
                .withBlocks(blocks);
    }
}
