package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.incident.IncidentHeader;
import dev.wrapup.bot.incident.IncidentService;
import dev.wrapup.bot.report.Durations;
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
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.scheduler.Scheduling;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrap-up: at least one comment from every participant (asked by DM, reminded once),
 * short actionable action items, blameless nudges, and the published report.
 */
public final class WrapupService {
    public static final String REMINDER_TASK = "comment-reminder";
    public static final String ACTION_DUE_TASK = "action-due";
    private static final String EVERYONE_COMMENTED = "everyone-commented";
    /** Adds the channel's members as participants (the wrap-up of something that was not an incident). */
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
    private final dev.wrapup.bot.report.Reports reports;

    public WrapupService(Config config, Database database, IncidentService incidents, AnalysisCallService calls,
                         SlackCalls slack, SlackOutbox outbox, UserDirectory users, Scheduling scheduling,
                         BlameDetector blame, dev.wrapup.bot.report.Reports reports, Executor afterAck, Clock clock) {
        this.reports = reports;
        this.config = config;
        this.database = database;
        this.incidents = incidents;
        this.calls = calls;
        this.wrapups = new WrapUps(database.dsl());
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

    /** Records a comment exactly as written; the author becomes a participant if they were not one. */
    public String comment(Incident incident, String userId, AgendaItem item, String text, String source) {
        Instant now = clock.instant();
        database.transaction(tx -> {
            incidents.participants().add(tx, incident.id(), userId, "commented", now);
            wrapups.addComment(tx, incident.id(), userId, item, text, source, now);
            return null;
        });
        // Asked after the commit, so that of two last comments committed at once (on two
        // replicas, say) the later one sees both; the claim lets only one of them say it.
        if (missing(incident.id()).isEmpty()) {
            outbox.sendIf(tx -> wrapups.reached(tx, incident.id(), EVERYONE_COMMENTED, now),
                    SlackWork.post(incident.channelId(), ":tada: Everyone has given their comment. Thank you! "
                            + SlackText.mention(incident.facilitator()) + " can `/wrapup publish` when ready."));
        }
        users.refreshLater(userId);
        afterAck.execute(() -> nudgeIfBlaming(incident.channelId(), userId, text));
        return "Thanks, your comment on *" + item.question().toLowerCase() + "* is recorded. Add as many as you like.";
    }

    /** Participants who have not commented yet, in the order they joined. */
    public List<String> missing(long incidentId) {
        Set<String> commented = wrapups.comments(incidentId).stream().map(WrapUpComment::userId)
                .collect(Collectors.toSet());
        return humans(incidentId).stream().filter(id -> !commented.contains(id)).toList();
    }

    private List<String> humans(long incidentId) {
        return incidents.participants().list(incidentId).stream().map(Participant::userId)
                .filter(id -> users.known(id).map(u -> !u.bot()).orElse(true)).toList();
    }

    /** A private, gentle suggestion to the author when their words blame a person. */
    public void nudgeIfBlaming(String channelId, String userId, String text) {
        Optional<BlameNudge> nudge = blame.detect(text);
        if (nudge.isEmpty()) {
            return;
        }
        incidents.tellPrivately(channelId, userId, ":seedling: A thought on \"" + nudge.get().phrase()
                + "\": wrap-ups work best when we describe the system rather than a person. "
                + nudge.get().suggestion() + " (Only you can see this; what you wrote is recorded as it is.)");
    }

    /** When the call starts: every participant gets a DM with the agenda and a button. */
    public void askEveryone(Incident incident) {
        Instant now = clock.instant();
        String blocks = SlackWork.json(prompt(incident, false));
        database.transaction(tx -> {
            for (String userId : humans(incident.id())) {
                if (wrapups.asked(tx, incident.id(), userId, now)) {
                    outbox.add(tx, SlackWork.post(userId, "Your comment on \"" + incident.title() + "\", please")
                            .withBlocks(blocks));
                }
            }
            return null;
        });
        outbox.wake();
        scheduling.at(REMINDER_TASK, incident.id(), now.plus(config.reminderDelay()));
    }

    private List<LayoutBlock> prompt(Incident incident, boolean reminder) {
        String intro = (reminder ? ":wave: A gentle reminder: we'd still love your view on *"
                : ":speech_balloon: The wrap-up of *") + SlackText.escape(incident.title())
                + (reminder ? "*. " : "* has started in <#" + incident.channelId() + ">. ")
                + "Please give at least one comment, on any of these:\n"
                + "• " + AgendaItem.WELL.question() + "\n• " + AgendaItem.WRONG.question() + "\n• "
                + AgendaItem.BETTER.question();
        return asBlocks(
                section(s -> s.text(markdownText(intro))),
                actions(a -> a.elements(asElements(button(b -> b.actionId(OPEN_COMMENT_ACTION)
                        .text(plainText("Give my comment")).style("primary").value(Long.toString(incident.id())))))),
                context(c -> c.elements(List.of(markdownText("Or in the channel: `/wrapup well|wrong|better <text>`")))));
    }

    /** The scheduled reminder: one DM to each who has not commented, and the list to the facilitator. */
    void remind(long incidentId) {
        Optional<Incident> found = incidents.incidents().find(incidentId);
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        List<String> missing = missing(incidentId);
        Instant now = clock.instant();
        String blocks = SlackWork.json(prompt(incident, true));
        String text = missing.isEmpty()
                ? ":white_check_mark: Everyone has commented on \"" + incident.title() + "\"."
                : ":hourglass: Still no comment on \"" + incident.title() + "\" from "
                        + missing.stream().map(SlackText::mention).collect(Collectors.joining(", "))
                        + ". I have reminded them once.";
        database.transaction(tx -> {
            for (String userId : missing) {
                if (wrapups.reminded(tx, incidentId, userId, now)) {
                    outbox.add(tx, SlackWork.post(userId, "A reminder: your comment on \"" + incident.title()
                            + "\"").withBlocks(blocks));
                }
            }
            outbox.add(tx, SlackWork.post(incident.facilitator(), text));
            return null;
        });
        outbox.wake();
    }

    public String status(Incident incident) {
        List<String> all = humans(incident.id());
        Set<String> commented = new LinkedHashSet<>(wrapups.comments(incident.id()).stream()
                .map(WrapUpComment::userId).toList());
        List<String> missing = all.stream().filter(id -> !commented.contains(id)).toList();
        StringBuilder text = new StringBuilder("*Wrap-up of " + SlackText.escape(incident.title()) + "*\n");
        Optional<AnalysisCall> call = calls.call(incident.id());
        text.append(call.map(c -> switch (c.status()) {
            case SCHEDULED -> "Analysis call: " + SlackText.date(c.scheduledAt());
            case STARTED -> "Analysis call started " + SlackText.date(c.startedAt());
            case CANCELLED -> "The analysis call was cancelled.";
        }).orElse("The analysis call is scheduled when the incident is resolved.")).append('\n');
        text.append("Commented (").append(commented.size()).append("): ")
                .append(commented.isEmpty() ? "nobody yet" : commented.stream().map(SlackText::mention)
                        .collect(Collectors.joining(" "))).append('\n');
        text.append("Not yet (").append(missing.size()).append("): ")
                .append(missing.isEmpty() ? "everyone has commented :tada:" : missing.stream().map(SlackText::mention)
                        .collect(Collectors.joining(" ")));
        return text.toString();
    }

    // ---------------------------------------------------------------- action items

    public ActionItem addAction(Incident incident, String callerId, String ownerId, String text, LocalDate due) {
        Instant now = clock.instant();
        ActionItem item = database.transaction(tx -> {
            incidents.participants().add(tx, incident.id(), callerId, "posted", now);
            ActionItem added = wrapups.addAction(tx, incident.id(), ownerId, text, due, callerId, now);
            outbox.add(tx, SlackWork.post(ownerId, ":clipboard: " + SlackText.mention(callerId)
                    + " gave you an action item from the wrap-up of *" + SlackText.escape(incident.title()) + "* (<#"
                    + incident.channelId() + ">): " + text + (due != null ? " — due " + due : "")
                    + ". When it's done: `/wrapup action done " + added.number() + "` in that channel."));
            outbox.add(tx, SlackWork.post(incident.channelId(), ":clipboard: Action item " + added.number() + " for "
                    + SlackText.mention(ownerId) + ": " + text + (due != null ? " (due " + due + ")" : "")));
            return added;
        });
        outbox.wake();
        if (due != null) {
            ZoneId zone = users.known(ownerId).map(SlackUser::zone).orElse(ZoneOffset.UTC);
            scheduling.at(ACTION_DUE_TASK, item.id(), due.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant());
        }
        return item;
    }

    public String closeAction(Incident incident, String callerId, int number) {
        Optional<ActionItem> item = wrapups.action(incident.id(), number);
        if (item.isEmpty()) {
            return "There is no action item " + number + " here; `/wrapup status` and the report list them.";
        }
        boolean closed = outbox.sendIf(tx -> wrapups.closeAction(tx, item.get().id(), clock.instant()),
                SlackWork.post(incident.channelId(), ":white_check_mark: Action item " + number + " is done ("
                        + SlackText.mention(callerId) + "): " + item.get().text()));
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
        String where = incident.map(i -> " from the wrap-up of *" + SlackText.escape(i.title()) + "* (<#"
                + i.channelId() + ">)").orElse("");
        outbox.sendIf(tx -> wrapups.actionReminded(tx, actionId, clock.instant()),
                SlackWork.post(item.get().ownerId(), ":alarm_clock: Your action item" + where + " is due today: "
                        + item.get().text() + ". Done? `/wrapup action done " + item.get().number()
                        + "` in that channel."));
    }

    // ---------------------------------------------------------------- start

    /** `/wrapup start`: a wrap-up for something that was not an incident, with the channel's members. */
    public Optional<Incident> start(String teamId, String channelId, String channelName, String callerId,
                                    String title) {
        Instant now = clock.instant();
        Incident incident = database.transaction(tx -> {
            if (incidents.incidents().hasOpen(tx, channelId)) {
                return null;
            }
            Incident created = incidents.incidents().create(tx, new Incidents.NewIncident(IncidentKind.WRAPUP, teamId,
                    channelId, channelName, title, null, null, IncidentStatus.REVIEWING, callerId, callerId, now), now);
            incidents.participants().add(tx, created.id(), callerId, "declared", now);
            incidents.timeline().add(tx, dev.wrapup.persistence.Timeline.NewEntry.of(created.id(), channelId,
                    dev.wrapup.domain.EntryKind.SYSTEM, callerId, users.knownName(tx, callerId).orElse(null),
                    "Wrap-up started: " + title, now), now);
            outbox.add(tx, SlackWork.join(channelId));
            outbox.add(tx, SlackWork.job(ADD_MEMBERS, channelId, created.id()));
            outbox.add(tx, SlackWork.post(channelId, ":sparkles: " + SlackText.mention(callerId)
                    + " started a wrap-up: *" + SlackText.escape(title) + "*. Wrap-ups are for things that went well, "
                    + "too. Everyone here is a participant; `/wrapup well|wrong|better <text>` adds your comment."));
            outbox.add(tx, SlackWork.job(IncidentService.PLAN_CALL, channelId, created.id()));
            return created;
        });
        if (incident == null) {
            return Optional.empty();
        }
        outbox.wake();
        return Optional.of(incident);
    }

    /** The members' work: each member not a bot becomes a participant; all again if Slack stops it halfway. */
    private Outcome addMembers(Item item) {
        Optional<Incident> incident = incidents.incidents().find(item.subjectId());
        if (incident.isEmpty()) {
            return Outcome.done();
        }
        return slack.pages("conversations.members", cursor -> m -> m.conversationsMembers(r -> r
                        .channel(incident.get().channelId()).limit(200).cursor(cursor)),
                r -> r.getResponseMetadata(), page -> {
                    Instant now = clock.instant();
                    for (String member : page.getMembers()) {
                        Optional<SlackUser> user = users.get(member);
                        if (user.isPresent() && user.get().bot()) {
                            continue;
                        }
                        database.transaction(tx -> incidents.participants().add(tx, incident.get().id(), member,
                                "member", now));
                    }
                })
                .map(stopped -> Outcome.of("conversations.members", stopped))
                .orElse(Outcome.done());
    }

    // ---------------------------------------------------------------- publish

    public boolean mayPublish(Incident incident, String userId) {
        return userId.equals(incident.facilitator()) || userId.equals(incident.commanderId());
    }

    public String report(Incident incident) {
        return reports.markdown(incident);
    }

    /** Posts (or updates) the summary in the learnings channel with the report as a Markdown file. */
    public void publish(Incident incident, String callerId) {
        if (config.learningsChannel().isEmpty()) {
            incidents.tellPrivately(incident.channelId(), callerId, "WRAPUP_LEARNINGS_CHANNEL is not set, so there is "
                    + "no company-wide channel to publish to; ask whoever runs Wrapup to set it. The report is on the "
                    + "<" + incidents.timelineUrl(incident) + "|web page> meanwhile.");
            return;
        }
        String channel = config.learningsChannel().get();
        String markdown = SlackText.neutraliseBroadcasts(report(incident));
        List<LayoutBlock> blocks = summary(incident);
        String fallback = "Wrap-up: " + SlackText.neutraliseBroadcasts(incident.title());
        Optional<WrapUps.Publication> previous = wrapups.publication(incident.id());
        String ts;
        if (previous.isPresent()) {
            ts = previous.get().messageTs();
            slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(previous.get().channelId()).ts(ts)
                    .text(fallback).blocks(blocks)));
            if (previous.get().fileId() != null) {
                slack.call("files.delete", m -> m.filesDelete(r -> r.file(previous.get().fileId())));
            }
        } else {
            Optional<String> posted = slack.ok("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel)
                    .text(fallback).blocks(blocks).unfurlLinks(false))).map(r -> r.getTs());
            if (posted.isEmpty()) {
                incidents.tellPrivately(incident.channelId(), callerId, ":warning: I could not post to <#" + channel
                        + ">; is the bot invited there? Nothing was published; please try again.");
                return;
            }
            ts = posted.get();
        }
        String fileId = slack.ok("files.uploadV2", m -> m.filesUploadV2(r -> r.channel(channel).threadTs(ts)
                        .filename("wrapup-" + incident.id() + ".md").title("Wrap-up: " + incident.title())
                        .fileData(markdown.getBytes(StandardCharsets.UTF_8))))
                .flatMap(r -> r.getFiles() == null || r.getFiles().isEmpty() ? Optional.empty()
                        : Optional.ofNullable(r.getFiles().get(0).getId()))
                .orElse(null);
        wrapups.savePublication(incident.id(), channel, ts, fileId, clock.instant());
        String permalink = slack.ok("chat.getPermalink", m -> m.chatGetPermalink(r -> r.channel(channel)
                .messageTs(ts))).map(r -> r.getPermalink()).orElse(null);
        slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(incident.channelId())
                .text(":mega: " + SlackText.mention(callerId) + (previous.isPresent() ? " updated" : " published")
                        + " the wrap-up in <#" + channel + ">" + (permalink != null ? ": " + permalink : ".")
                        + " Thank you all for what you shared.")));
    }

    private List<LayoutBlock> summary(Incident incident) {
        List<WrapUpComment> comments = wrapups.comments(incident.id());
        List<ActionItem> actions = wrapups.actions(incident.id());
        List<String> people = humans(incident.id());
        long commented = comments.stream().map(WrapUpComment::userId).distinct().count();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(SlackText.truncate("Wrap-up: "
                + SlackText.neutraliseBroadcasts(incident.title()), 150), true))));
        StringBuilder facts = new StringBuilder();
        if (incident.severity() != null) {
            facts.append("*").append(incident.severity().label()).append("* · ");
        }
        incident.timeToResolve().ifPresent(d -> facts.append("resolved in ")
                .append(Durations.human(d))
                .append(" · "));
        facts.append(people.size()).append(" participants, ").append(commented).append(" commented · facilitated by ")
                .append(SlackText.mention(incident.facilitator()));
        blocks.add(section(s -> s.text(markdownText(facts.toString()))));
        if (incident.summary() != null && !incident.summary().isBlank()) {
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(
                    SlackText.neutraliseBroadcasts(incident.summary()), 2900)))));
        }
        for (AgendaItem item : AgendaItem.values()) {
            List<WrapUpComment> these = comments.stream().filter(c -> c.item() == item).toList();
            if (these.isEmpty()) {
                continue;
            }
            String list = these.stream().limit(5).map(c -> "• " + SlackText.neutraliseBroadcasts(
                    SlackText.truncate(c.text().replace('\n', ' '), 300)))
                    .collect(Collectors.joining("\n"))
                    + (these.size() > 5 ? "\n_… and " + (these.size() - 5) + " more in the report_" : "");
            blocks.add(section(s -> s.text(markdownText("*" + item.question() + "*\n"
                    + SlackText.truncate(list, 2900)))));
        }
        if (!actions.isEmpty()) {
            String list = actions.stream().map(a -> a.number() + ". " + SlackText.neutraliseBroadcasts(
                    SlackText.truncate(a.text(), 300)) + " — " + SlackText.mention(a.ownerId())
                    + (a.dueOn() != null ? " (due " + a.dueOn() + ")" : "") + (a.done() ? " :white_check_mark:" : ""))
                    .collect(Collectors.joining("\n"));
            blocks.add(section(s -> s.text(markdownText("*Action items*\n" + SlackText.truncate(list, 2900)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("The full report is in the thread and on the <"
                + incidents.timelineUrl(incident) + "|web page>. Blameless: we look at what made the work hard, "
                + "not at who did it.")))));
        return blocks;
    }

}
