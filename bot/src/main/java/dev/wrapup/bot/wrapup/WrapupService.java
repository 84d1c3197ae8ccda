package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.incident.IncidentService;
import dev.wrapup.bot.slack.SlackCalls;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.BlameDetector;
import dev.wrapup.domain.BlameNudge;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.text.Durations;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
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
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrap-up: at least one comment from every participant (asked by DM, reminded once), short
 * actionable action items, blameless nudges, and the published report.
 */
public final class WrapupService {
    public static final String REMINDER_TASK = "comment-reminder";
    public static final String ACTION_DUE_TASK = "action-due";
    private static final String EVERYONE_COMMENTED = "everyone-commented";

    /** The facilitator turned the reminders off. */
    private static final String REMINDERS_OFF = "reminders-off";

    /**
     * Adds the channel's members as participants (the wrap-up of something that was not an
     * incident).
     */
    private static final String ADD_MEMBERS = "add-channel-members";

    public static final String OPEN_COMMENT_ACTION = "wrapup_comment_open";
    private static final Logger log = LoggerFactory.getLogger(WrapupService.class);

    private final Config config;
    private final Database database;
    private final IncidentService incidents;
    private final AnalysisCallService calls;
    private final WrapUps wrapups;
    private final SlackCalls slack;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Scheduling scheduling;
    private final BlameDetector blame;
    private final Executor afterAck;
    private final Clock clock;

    public WrapupService(
            Config config,
            Database database,
            IncidentService incidents,
            AnalysisCallService calls,
            SlackCalls slack,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            BlameDetector blame,
            Executor afterAck,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.incidents = incidents;
        this.calls = calls;
        this.wrapups = new WrapUps(database);
        this.slack = slack;
        this.outbox = outbox;
        this.users = users;
        this.scheduling = scheduling;
        this.blame = blame;
        this.afterAck = afterAck;
        this.clock = clock;
        scheduling.register(REMINDER_TASK, this::remind);
        scheduling.register(ACTION_DUE_TASK, this::actionDue);
        outbox.perform(ADD_MEMBERS, this::addMembers);
    }

    public WrapUps wrapups() {
        return wrapups;
    }

    // ---------------------------------------------------------------- comments

    /**
     * Records a comment exactly as written; the author becomes a participant if they were not one.
     */
    public String comment(
            Incident incident, String userId, AgendaItem item, String text, String source) {
        Instant now = clock.instant();
        database.transaction(
                tx -> {
                    incidents.participants().add(tx, incident.id(), userId, "commented", now);
                    wrapups.addComment(tx, incident.id(), userId, item, text, source, now);
                    return null;
                });
        // Asked after the commit, so that of two last comments committed at once (on two
        // replicas, say) the later one sees both; the claim lets only one of them say it.
        if (missing(incident.id()).isEmpty()) {
            outbox.sendIf(
                    tx -> wrapups.reached(tx, incident.id(), EVERYONE_COMMENTED, now),
                    SlackWork.post(
                            incident.channelId(),
                            ":tada: Everyone has given their comment. Thank you! "
                                    + SlackText.mention(incident.facilitator())
                                    + " can `/wrapup publish` when ready."));
        }
        users.refreshLater(userId);
        afterAck.execute(() -> nudgeIfBlaming(incident.channelId(), userId, text));
        return "Thanks, your comment on *"
                + item.question().toLowerCase()
                + "* is recorded. Add as many as you like.";
    }

    /** Who has commented and who has not yet, bots left out. */
    public Completeness completeness(long incidentId) {
        return Completeness.of(
                incidents.participants().list(incidentId),
                id -> users.known(id).map(SlackUser::bot).orElse(false),
                wrapups.comments(incidentId));
    }

    /** Participants who have not commented yet, in the order they joined. */
    public List<String> missing(long incidentId) {
        return completeness(incidentId).missing();
    }

    /** The people taking part, bots left out. */
    public List<String> humans(long incidentId) {
        return completeness(incidentId).participants();
    }

    /** A private, gentle suggestion to the author when their words blame a person. */
    public void nudgeIfBlaming(String channelId, String userId, String text) {
        Optional<BlameNudge> nudge = blame.detect(text);
        if (nudge.isEmpty()) {
            return;
        }
        incidents.tellPrivately(
                channelId,
                userId,
                ":seedling: A thought on \""
                        + nudge.get().phrase()
                        + "\": wrap-ups work best when we describe the system rather than a person. "
                        + nudge.get().suggestion()
                        + " (Only you can see this; what you wrote is recorded as it is.)");
    }

    /** When the call starts: every participant gets a DM with the agenda and a button. */
    public void askEveryone(Incident incident) {
        Instant now = clock.instant();
        String blocks = SlackWork.json(prompt(incident, false));
        database.transaction(
                tx -> {
                    for (String userId : humans(incident.id())) {
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
                actions(
                        a ->
                                a.elements(
                                        asElements(
                                                button(
                                                        b ->
                                                                b.actionId(OPEN_COMMENT_ACTION)
                                                                        .text(
                                                                                plainText(
                                                                                        "Give my comment"))
                                                                        .style("primary")
                                                                        .value(
                                                                                Long.toString(
                                                                                        incident
                                                                                                .id())))))),
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
        Optional<AnalysisCall> call = calls.call(incident.id());
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
        List<String> missing = missing(incident.id());
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
                        outbox.add(
                                tx,
                                SlackWork.post(
                                                userId,
                                                "A reminder: your comment on \""
                                                        + incident.title()
                                                        + "\"")
                                        .withBlocks(blocks));
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
        Optional<Incident> found = incidents.incidents().find(incidentId);
        if (found.isEmpty() || wrapups.hasReached(incidentId, REMINDERS_OFF)) {
            return;
        }
        Incident incident = found.get();
        List<String> missing = missing(incidentId);
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
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                                    userId,
                                                    "A reminder: your comment on \""
                                                            + incident.title()
                                                            + "\"")
                                            .withBlocks(blocks));
                        }
                    }
                    outbox.add(tx, SlackWork.post(incident.facilitator(), text));
                    return null;
                });
        outbox.wake();
    }

    public String status(Incident incident) {
        Completeness completeness = completeness(incident.id());
        List<String> commented = completeness.commented();
        List<String> missing = completeness.missing();
        StringBuilder text =
                new StringBuilder("*Wrap-up of " + SlackText.escape(incident.title()) + "*\n");
        Optional<AnalysisCall> call = calls.call(incident.id());
        text.append(
                        call.map(
                                        c ->
                                                switch (c.status()) {
                                                    case SCHEDULED ->
                                                            "Analysis call: "
                                                                    + SlackText.date(
                                                                            c.scheduledAt());
                                                    case STARTED ->
                                                            "Analysis call started "
                                                                    + SlackText.date(c.startedAt());
                                                    case CANCELLED ->
                                                            "The analysis call was cancelled.";
                                                })
                                .orElse(
                                        "The analysis call is scheduled when the incident is resolved."))
                .append('\n');
        text.append("Commented (")
                .append(commented.size())
                .append("): ")
                .append(
                        commented.isEmpty()
                                ? "nobody yet"
                                : commented.stream()
                                        .map(SlackText::mention)
                                        .collect(Collectors.joining(" ")))
                .append('\n');
        text.append("Not yet (")
                .append(missing.size())
                .append("): ")
                .append(
                        missing.isEmpty()
                                ? "everyone has commented :tada:"
                                : missing.stream()
                                        .map(SlackText::mention)
                                        .collect(Collectors.joining(" ")));
        return text.toString();
    }

    // ---------------------------------------------------------------- action items

    public ActionItem addAction(
            Incident incident, String callerId, String ownerId, String text, LocalDate due) {
        Instant now = clock.instant();
        ActionItem item =
                database.transaction(
                        tx -> {
                            incidents
                                    .participants()
                                    .add(tx, incident.id(), callerId, "posted", now);
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

    public String closeAction(Incident incident, String callerId, int number) {
        Optional<ActionItem> item = wrapups.action(incident.id(), number);
        if (item.isEmpty()) {
            return "There is no action item "
                    + number
                    + " here; `/wrapup status` and the report list them.";
        }
        boolean closed =
                outbox.sendIf(
                        tx -> wrapups.closeAction(tx, item.get().id(), clock.instant()),
                        SlackWork.post(
                                incident.channelId(),
                                ":white_check_mark: Action item "
                                        + number
                                        + " is done ("
                                        + SlackText.mention(callerId)
                                        + "): "
                                        + item.get().text()));
        if (!closed) {
            return "Action item " + number + " is already done.";
        }
        scheduling.cancel(ACTION_DUE_TASK, item.get().id());
        return "Closed action item " + number + ".";
    }

    /** The due-date reminder for an action item still open. */
    void actionDue(long actionId) {
        Optional<ActionItem> item = wrapups.action(actionId);
        if (item.isEmpty() || item.get().done()) {
            return;
        }
        Optional<Incident> incident = incidents.incidents().find(item.get().incidentId());
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

    // ---------------------------------------------------------------- start

    /**
     * `/wrapup start`: a wrap-up for something that was not an incident, with the channel's
     * members.
     */
    public Optional<Incident> start(
            String teamId, String channelId, String channelName, String callerId, String title) {
        Instant now = clock.instant();
        Incident incident =
                database.transaction(
                        tx -> {
                            if (incidents.incidents().hasOpen(tx, channelId)) {
                                return null;
                            }
                            Incident created =
                                    incidents
                                            .incidents()
                                            .create(
                                                    tx,
                                                    new Incidents.NewIncident(
                                                            IncidentKind.WRAPUP,
                                                            teamId,
                                                            channelId,
                                                            channelName,
                                                            title,
                                                            null,
                                                            null,
                                                            IncidentStatus.REVIEWING,
                                                            callerId,
                                                            callerId,
                                                            now),
                                                    now);
                            incidents
                                    .participants()
                                    .add(tx, created.id(), callerId, "declared", now);
                            incidents
                                    .timeline()
                                    .add(
                                            tx,
                                            dev.wrapup.persistence.Timeline.NewEntry.of(
                                                    created.id(),
                                                    channelId,
                                                    dev.wrapup.domain.EntryKind.SYSTEM,
                                                    callerId,
                                                    users.knownName(tx, callerId).orElse(null),
                                                    "Wrap-up started: " + title,
                                                    now),
                                            now);
                            outbox.add(tx, SlackWork.join(channelId));
                            outbox.add(tx, SlackWork.job(ADD_MEMBERS, channelId, created.id()));
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            channelId,
                                            ":sparkles: "
                                                    + SlackText.mention(callerId)
                                                    + " started a wrap-up: *"
                                                    + SlackText.escape(title)
                                                    + "*. Wrap-ups are for things that went well, "
                                                    + "too. Everyone here is a participant; `/wrapup well|wrong|better <text>` adds your comment."));
                            outbox.add(
                                    tx,
                                    SlackWork.job(
                                            IncidentService.PLAN_CALL, channelId, created.id()));
                            return created;
                        });
        if (incident == null) {
            return Optional.empty();
        }
        outbox.wake();
        return Optional.of(incident);
    }

    /**
     * The members' work: each member not a bot becomes a participant; all again if Slack stops it
     * halfway.
     */
    private Outcome addMembers(Item item) {
        Optional<Incident> incident = incidents.incidents().find(item.subjectId());
        if (incident.isEmpty()) {
            return Outcome.done();
        }
        return slack.pages(
                        "conversations.members",
                        cursor ->
                                m ->
                                        m.conversationsMembers(
                                                r ->
                                                        r.channel(incident.get().channelId())
                                                                .limit(200)
                                                                .cursor(cursor)),
                        r -> r.getResponseMetadata(),
                        page -> {
                            Instant now = clock.instant();
                            for (String member : page.getMembers()) {
                                Optional<SlackUser> user = users.get(member);
                                if (user.isPresent() && user.get().bot()) {
                                    continue;
                                }
                                database.transaction(
                                        tx ->
                                                incidents
                                                        .participants()
                                                        .add(
                                                                tx,
                                                                incident.get().id(),
                                                                member,
                                                                "member",
                                                                now));
                            }
                        })
                .map(stopped -> Outcome.of("conversations.members", stopped))
                .orElse(Outcome.done());
    }
}
