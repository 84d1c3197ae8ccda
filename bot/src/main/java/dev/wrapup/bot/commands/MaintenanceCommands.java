package dev.wrapup.bot.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.wrapup.bot.commands.SlashCommand.BadArguments;
import dev.wrapup.bot.maintenance.MaintenanceService;
import dev.wrapup.bot.maintenance.MaintenanceText;
import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Action;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.MaintenanceWindow.State;
import dev.wrapup.domain.MaintenanceWindow.Step;
import dev.wrapup.domain.MaintenanceWindow.Verdict;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.input.DateInput;
import dev.wrapup.domain.input.InputRefused;
import dev.wrapup.domain.input.TextLimit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `/maintenance`: plan, run and end a maintenance window. */
public final class MaintenanceCommands implements SlackSurface {
    static final String NO_WINDOW =
            "There is no maintenance window in this channel. Plan one with "
                    + "`/maintenance plan <title> from <yyyy-mm-dd HH:mm> to <yyyy-mm-dd HH:mm> [Area/City]`.";
    private static final Pattern PLAN =
            Pattern.compile(
                    "^(.+?)\\s+from\\s+(\\d{4}-\\d{2}-\\d{2}\\s+\\d{1,2}:\\d{2})\\s+to\\s+(\\d{4}-\\d{2}-\\d{2}\\s+\\d{1,2}:\\d{2})"
                            + "(?:\\s+(\\S+))?\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final MaintenanceService maintenance;
    private final UserDirectory users;
    private final Clock clock;
    private final Access access;

    public MaintenanceCommands(
            MaintenanceService maintenance, UserDirectory users, Clock clock, Access access) {
        this.access = access;
        this.maintenance = maintenance;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void register(App app) {
        command().register(app);
    }

    private SlashCommand command() {
        return new SlashCommand("/maintenance", Usage.MAINTENANCE)
                .on("plan", this::plan)
                .on("step", this::step)
                .on("done", (p, a, c) -> mark(p, a, State.DONE))
                .on("failed", (p, a, c) -> mark(p, a, State.FAILED))
                .on("impact", this::impact)
                .on("begin", this::begin)
                .on("end", this::end);
    }

    private String plan(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        Matcher m = PLAN.matcher(args);
        if (!m.matches()) {
            throw new BadArguments(
                    "A plan needs a title and its window: `/maintenance plan <title> from "
                            + "<yyyy-mm-dd HH:mm> to <yyyy-mm-dd HH:mm> [Area/City]`.");
        }
        if (p.getChannelId().startsWith("D")) {
            return "Plan a maintenance window in a channel, so that everyone working on it can follow.";
        }
        ZoneId zone =
                m.group(4) != null
                        ? DateInput.zone(m.group(4))
                        : users.known(p.getUserId()).map(SlackUser::zone).orElse(ZoneOffset.UTC);
        Instant start = DateInput.dateTime(m.group(2)).atZone(zone).toInstant();
        Instant end = DateInput.dateTime(m.group(3)).atZone(zone).toInstant();
        DateInput.window(start, end, clock.instant());
        String title = m.group(1).strip();
        TextLimit.TITLE.check(title);
        return maintenance
                .plan(
                        p.getTeamId(),
                        p.getChannelId(),
                        p.getChannelName(),
                        p.getUserId(),
                        title,
                        start,
                        end,
                        zone)
                .map(
                        i ->
                                ":construction: Planned *"
                                        + SlackText.escape(title)
                                        + "*: "
                                        + SlackText.date(start)
                                        + " → "
                                        + SlackText.date(end)
                                        + " ("
                                        + zone.getId()
                                        + "). Add the steps with "
                                        + "`/maintenance step @owner <text>`. "
                                        + (maintenance.announces()
                                                ? "A heads-up goes out ahead of the start."
                                                : "No heads-up will be posted: WRAPUP_ANNOUNCE_CHANNEL is not set."))
                .orElse(
                        "This channel already has an open incident or maintenance window; finish it first.");
    }

    private String step(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        Incident window = open(p);
        String[] words = args.split("\\s+", 2);
        Optional<String> owner = SlackText.userId(words[0]);
        if (owner.isEmpty() || words.length < 2 || words[1].isBlank()) {
            throw new BadArguments(
                    "A step needs an owner and what to do: `/maintenance step @owner <text>`.");
        }
        Optional<String> refused = access.refusal(window, p.getUserId(), Action.CHANGE_PLAN);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (window.status() == IncidentStatus.ENDED) {
            return "The window has ended; its plan can no longer change.";
        }
        TextLimit.STEP.check(words[1].strip());
        int n = maintenance.step(window, p.getUserId(), owner.get(), words[1].strip());
        return "Step " + n + " added for " + SlackText.mention(owner.get()) + ".";
    }

    private String mark(SlashCommandPayload p, String args, State state)
            throws BadArguments, InputRefused {
        Incident window = open(p);
        String[] words = args.split("\\s+", 2);
        if (!words[0].matches("\\d{1,4}")) {
            throw new BadArguments(
                    state == State.DONE
                            ? "Which step? `/maintenance done <n>`."
                            : "Which step, and why? `/maintenance failed <n> <why>`.");
        }
        String why = words.length > 1 ? words[1].strip() : "";
        if (state == State.FAILED && why.isEmpty()) {
            throw new BadArguments(
                    "Say why step "
                            + words[0]
                            + " failed: `/maintenance failed "
                            + words[0]
                            + " <why>`.");
        }
        if (state == State.FAILED) {
            TextLimit.FAILURE.check(why);
        }
        int n = Integer.parseInt(words[0]);
        Optional<Step> step =
                maintenance
                        .window(window.id())
                        .flatMap(w -> w.steps().stream().filter(s -> s.number() == n).findFirst());
        if (step.isPresent()) {
            Optional<String> refused =
                    access.refusal(
                            window,
                            p.getUserId(),
                            Action.MARK_STEP,
                            List.of(step.get().ownerId()),
                            "step " + n);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (!maintenance.mark(
                window, p.getUserId(), n, state, state == State.FAILED ? why : null)) {
            return "There is no step " + n + " in this plan.";
        }
        return "Step " + n + (state == State.DONE ? " is done." : " is marked failed.");
    }

    private String impact(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        Incident window = open(p);
        if (args.isBlank()) {
            throw new BadArguments("What was the impact? `/maintenance impact <text>`.");
        }
        TextLimit.IMPACT.check(args);
        Optional<String> refused = access.refusal(window, p.getUserId(), Action.RECORD_IMPACT);
        if (refused.isPresent()) {
            return refused.get();
        }
        maintenance.impact(window, p.getUserId(), args);
        return "Production impact recorded. It will be part of the verdict and the wrap-up.";
    }

    private String begin(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Incident window = open(p);
        Optional<String> refused = access.refusal(window, p.getUserId(), Action.CHANGE_PLAN);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (window.status() == IncidentStatus.ENDED) {
            return "This window has already ended.";
        }
        return maintenance.begin(window, p.getUserId())
                ? "The window has begun; I'm recording the channel."
                : "The window has already begun.";
    }

    private String end(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Incident window = open(p);
        Optional<String> refused = access.refusal(window, p.getUserId(), Action.CHANGE_PLAN);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (window.status() == IncidentStatus.PLANNED) {
            return "The window has not begun: `/maintenance begin` first.";
        }
        Verdict verdict = maintenance.end(window, p.getUserId());
        if (verdict == null) {
            return "This window has already ended.";
        }
        return "Ended. "
                + MaintenanceText.verdict(verdict)
                + " The analysis call will be announced here.";
    }

    private Incident open(SlashCommandPayload p) throws BadArguments {
        return maintenance
                .inChannel(p.getChannelId())
                .orElseThrow(() -> new BadArguments(NO_WINDOW));
    }
}
