package dev.wrapup.bot.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.commands.SlashCommand.BadArguments;
import dev.wrapup.bot.incident.IncidentChanges;
import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Action;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.bot.wrapup.ActionItems;
import dev.wrapup.bot.wrapup.CommentPrompts;
import dev.wrapup.bot.wrapup.Comments;
import dev.wrapup.bot.wrapup.PublishModal;
import dev.wrapup.bot.wrapup.WrapUpStart;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.input.DateInput;
import dev.wrapup.domain.input.InputRefused;
import dev.wrapup.domain.input.TextLimit;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `/wrapup`: the review after an incident (or a success).
 *
 * <p>One class per slash command, longer than most: each subcommand is a short parse-check-call of
 * a service, and a reader checking what `/wrapup` accepts finds every word of it here, next to the
 * usage text it must agree with.
 */
public final class WrapupCommands implements SlackSurface {
    static final String NO_WRAPUP =
            "There is nothing to wrap up in this channel yet. Run `/wrapup` in an incident "
                    + "channel, or start a wrap-up here with `/wrapup start <title>`.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private static final Pattern DUE =
            Pattern.compile(
                    "^(.*?)\\s+due\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern TOKEN = Pattern.compile("\\S+");

    /** "won't do 3 why", "wont do 3 why": the two-word spellings of wontdo. */
    private static final Pattern WONT_DO_SPELT_APART =
            Pattern.compile("^won['’]?t\\s+do\\s+(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Incidents incidents;
    private final IncidentChanges changes;
    private final AnalysisCallService calls;
    private final Comments comments;
    private final CommentPrompts prompts;
    private final ActionItems actions;
    private final WrapUpStart starting;
    private final UserDirectory users;
    private final Executor afterAck;
    private final Clock clock;
    private final Access access;
    private final PublishModal publishing;

    public WrapupCommands(
            Database database,
            IncidentChanges changes,
            AnalysisCallService calls,
            Comments comments,
            CommentPrompts prompts,
            ActionItems actions,
            WrapUpStart starting,
            UserDirectory users,
            Executor afterAck,
            Clock clock,
            Access access,
            PublishModal publishing) {
        this.access = access;
        this.publishing = publishing;
        this.incidents = new Incidents(database);
        this.changes = changes;
        this.calls = calls;
        this.comments = comments;
        this.prompts = prompts;
        this.actions = actions;
        this.starting = starting;
        this.users = users;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    @Override
    public void register(App app) {
        command().register(app);
    }

    private SlashCommand command() {
        return new SlashCommand("/wrapup", Usage.WRAPUP)
                .on("well", (p, a, c) -> comment(p, a, AgendaItem.WELL))
                .on("wrong", (p, a, c) -> comment(p, a, AgendaItem.WRONG))
                .on("better", (p, a, c) -> comment(p, a, AgendaItem.BETTER))
                .on("status", this::status)
                .on("schedule", this::schedule)
                .on("facilitator", this::facilitator)
                .on("action", this::action)
                .on("remind", this::remind)
                .on("start", this::start)
                .on("publish", this::publish);
    }

    private String comment(SlashCommandPayload p, String text, AgendaItem item)
            throws BadArguments, InputRefused {
        Optional<Incident> incident = incidents.findByChannel(p.getChannelId());
        if (incident.isEmpty()) {
            return NO_WRAPUP;
        }
        if (text.isBlank()) {
            throw new BadArguments(
                    "What is your comment? `/wrapup "
                            + item.word()
                            + " <text>` ("
                            + item.question().toLowerCase()
                            + ").");
        }
        TextLimit.COMMENT.check(text);
        return comments.comment(incident.get(), p.getUserId(), item, text, "command");
    }

    private String status(SlashCommandPayload p, String args, SlashCommandContext ctx) {
        return incidents.findByChannel(p.getChannelId()).map(comments::status).orElse(NO_WRAPUP);
    }

    private String action(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        Optional<Incident> incident = incidents.findByChannel(p.getChannelId());
        if (incident.isEmpty()) {
            return NO_WRAPUP;
        }
        String[] words = args.strip().split("\\s+", 2);
        String first = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        Matcher wontDo = WONT_DO_SPELT_APART.matcher(args.strip());
        if (wontDo.matches()) {
            first = "wontdo";
            rest = wontDo.group(1).strip();
        }
        return switch (first) {
            case "done" -> close(incident.get(), p.getUserId(), "done", rest);
            case "wontdo", "wont-do", "won't-do", "won’t-do" ->
                    close(incident.get(), p.getUserId(), "wontdo", rest);
            case "reopen" -> close(incident.get(), p.getUserId(), "reopen", rest);
            default -> addAction(incident.get(), p.getUserId(), args.strip());
        };
    }

    /** `/wrapup action done|wontdo|reopen <n> [reason]`. */
    private String close(Incident incident, String callerId, String word, String args)
            throws BadArguments, InputRefused {
        String[] words = args.split("\\s+", 2);
        String usage =
                word.equals("wontdo")
                        ? "`/wrapup action wontdo <n> <why>`"
                        : "`/wrapup action " + word + " <n>`";
        if (!words[0].matches("\\d{1,6}")) {
            throw new BadArguments("Which action item? " + usage + ", with its number.");
        }
        String reason = words.length > 1 ? words[1].strip() : "";
        if (word.equals("wontdo") && reason.isEmpty()) {
            throw new BadArguments(
                    "Why won't it be done? " + usage + ": the reason stays with the item.");
        }
        TextLimit.ACTION.check(reason);
        int number = Integer.parseInt(words[0]);
        Optional<ActionItem> item = actions.find(incident.id(), number);
        if (item.isEmpty()) {
            return "There is no action item "
                    + number
                    + " here; `/wrapup status` and the report list them.";
        }
        return switch (word) {
            case "done" -> actions.markDone(incident, callerId, item.get());
            case "wontdo" -> actions.markWontDo(incident, callerId, item.get(), reason);
            default -> actions.reopen(incident, callerId, item.get());
        };
    }

    /**
     * `/wrapup action [kind] @owner <text> [due yyyy-mm-dd]`: the words before the owner name the
     * kind, so that the text is never taken for one ("fix the retry loop").
     */
    private String addAction(Incident incident, String callerId, String args)
            throws BadArguments, InputRefused {
        Matcher token = TOKEN.matcher(args);
        String owner = null;
        int before = 0;
        int after = 0;
        while (token.find()) {
            Optional<String> mentioned = SlackText.userId(token.group());
            if (mentioned.isPresent()) {
                owner = mentioned.get();
                before = token.start();
                after = token.end();
                break;
            }
        }
        String text = owner == null ? "" : args.substring(after).strip();
        if (owner == null || text.isEmpty()) {
            throw new BadArguments(
                    "An action item needs an owner and what to do: "
                            + "`/wrapup action [kind] @owner <text> [due yyyy-mm-dd]`.");
        }
        String kindWords = args.substring(0, before).strip();
        ActionKind kind =
                kindWords.isEmpty()
                        ? ActionKind.FIX
                        : ActionKind.parse(kindWords)
                                .orElseThrow(
                                        () ->
                                                new BadArguments(
                                                        "`"
                                                                + SlackText.truncate(kindWords, 40)
                                                                + "` is not a kind of action item: "
                                                                + "write "
                                                                + ActionKind.words()
                                                                + " before the owner, as in "
                                                                + "`/wrapup action guardrail @owner"
                                                                + " <text>`, or nothing for fix."));
        LocalDate due = null;
        Matcher m = DUE.matcher(text);
        if (m.matches()) {
            due = DateInput.due(m.group(2), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            text = m.group(1).strip();
        }
        TextLimit.ACTION.check(text);
        Optional<String> refused = actions.addRefusal(incident, callerId);
        if (refused.isPresent()) {
            return refused.get();
        }
        var item = actions.addAction(incident, callerId, owner, text, due, kind);
        return "Action item "
                + item.number()
                + " ("
                + kind.word()
                + ") recorded for "
                + SlackText.mention(owner)
                + (due != null ? ", due " + due + " (I'll remind them that day)" : "")
                + ".";
    }

    private String start(SlashCommandPayload p, String title, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        if (title.isBlank()) {
            throw new BadArguments(
                    "What are we wrapping up? `/wrapup start <title>`, e.g. "
                            + "`/wrapup start Black Friday went smoothly`.");
        }
        if (p.getChannelId().startsWith("D")) {
            return "Start a wrap-up in a channel, so that its members can take part.";
        }
        TextLimit.TITLE.check(title.strip());
        return starting.start(
                        p.getTeamId(),
                        p.getChannelId(),
                        p.getChannelName(),
                        p.getUserId(),
                        title.strip())
                .map(
                        i ->
                                "Started the wrap-up of *"
                                        + SlackText.escape(i.title())
                                        + "*. The channel's members are "
                                        + "its participants; the analysis call will be announced here.")
                .orElse("This channel already has an open incident or wrap-up; finish it first.");
    }

    private String publish(SlashCommandPayload p, String args, SlashCommandContext ctx) {
        Optional<Incident> incident = incidents.findByChannel(p.getChannelId());
        if (incident.isEmpty()) {
            return NO_WRAPUP;
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.PUBLISH);
        if (refused.isPresent()) {
            return refused.get();
        }
        String triggerId = p.getTriggerId();
        afterAck.execute(
                () -> publishing.publishOrConfirm(incident.get(), p.getUserId(), triggerId));
        return "Publishing the wrap-up…";
    }

    private String schedule(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        Optional<Incident> incident = incidents.findByChannel(p.getChannelId());
        if (incident.isEmpty()) {
            return NO_WRAPUP;
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.MOVE_CALL);
        if (refused.isPresent()) {
            return refused.get();
        }
        When when = When.parse(args, "/wrapup schedule");
        Optional<String> callerTz = users.known(p.getUserId()).map(SlackUser::tz);
        ZoneId zone = when.zone().orElseGet(() -> callerTz.map(ZoneId::of).orElse(ZoneOffset.UTC));
        var at = when.local().atZone(zone).toInstant();
        DateInput.callTime(at, clock.instant());
        Optional<String> notMoved = calls.reschedule(incident.get(), p.getUserId(), at);
        if (notMoved.isPresent()) {
            return notMoved.get();
        }
        return "Moved the analysis call to "
                + SlackText.date(at)
                + " ("
                + when.local().format(WHEN)
                + " "
                + zone
                + (when.zone().isEmpty() && callerTz.isEmpty()
                        ? ", UTC because I don't know your timezone yet"
                        : "")
                + "). Everyone in the channel has been told.";
    }

    private String facilitator(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Optional<Incident> incident = incidents.findByChannel(p.getChannelId());
        if (incident.isEmpty()) {
            return NO_WRAPUP;
        }
        String userId =
                SlackText.userId(args)
                        .orElseThrow(
                                () ->
                                        new BadArguments(
                                                "Mention the facilitator with @, as in `/wrapup facilitator @sam`."));
        Optional<String> refused =
                access.refusal(incident.get(), p.getUserId(), Action.SET_FACILITATOR)
                        .or(() -> access.selfAppointment(incident.get(), p.getUserId(), userId));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (userId.equals(incident.get().facilitator())) {
            return SlackText.mention(userId) + " already facilitates the wrap-up.";
        }
        changes.setFacilitator(incident.get(), p.getUserId(), userId);
        return SlackText.mention(userId) + " will facilitate the wrap-up.";
    }

    /** `/wrapup remind [now|off|on]`: the reminders to those who have not commented. */
    private String remind(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Optional<Incident> incident = incidents.findByChannel(p.getChannelId());
        if (incident.isEmpty()) {
            return NO_WRAPUP;
        }
        String word = args.isBlank() ? "now" : args.strip().toLowerCase(Locale.ROOT);
        if (!List.of("now", "off", "on").contains(word)) {
            throw new BadArguments(
                    "`/wrapup remind` takes `now` (remind who has not commented yet), `off` (no more "
                            + "reminders) or `on` (reminders again).");
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.REMINDERS);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (word) {
            case "off" -> prompts.stopReminders(incident.get(), p.getUserId());
            case "on" -> prompts.resumeReminders(incident.get(), p.getUserId());
            default -> prompts.remindNow(incident.get(), p.getUserId());
        };
    }
}
