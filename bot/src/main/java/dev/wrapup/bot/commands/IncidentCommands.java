package dev.wrapup.bot.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.wrapup.bot.commands.SlashCommand.BadArguments;
import dev.wrapup.bot.incident.Declaration;
import dev.wrapup.bot.incident.Declarations;
import dev.wrapup.bot.incident.DeclareModal;
import dev.wrapup.bot.incident.IncidentChanges;
import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Action;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.input.InputRefused;
import dev.wrapup.domain.input.TextLimit;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Timeline;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * `/incident`: declare, run and resolve an incident.
 *
 * <p>One class per slash command, longer than most: each subcommand is a short parse-check-call of
 * a service, and a reader checking what `/incident` accepts finds every word of it here, next to
 * the usage text it must agree with.
 */
public final class IncidentCommands implements SlackSurface {
    static final String NO_INCIDENT =
            "There is no incident in this channel. Declare one with "
                    + "`/incident declare [sev1-sev4] <title>` (a new channel) or `/incident declare here <title>` "
                    + "(this channel).";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Incidents incidents;
    private final Timeline timeline;
    private final Declarations declarations;
    private final IncidentChanges changes;
    private final DeclareModal modal;
    private final IncidentLinks links;
    private final Executor afterAck;
    private final Access access;

    public IncidentCommands(
            Database database,
            Declarations declarations,
            IncidentChanges changes,
            DeclareModal modal,
            IncidentLinks links,
            Executor afterAck,
            Access access) {
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database);
        this.declarations = declarations;
        this.changes = changes;
        this.modal = modal;
        this.links = links;
        this.afterAck = afterAck;
        this.access = access;
    }

    @Override
    public void register(App app) {
        command().register(app);
    }

    private SlashCommand command() {
        return new SlashCommand("/incident", Usage.INCIDENT)
                .on("declare", this::declare)
                .on("status", this::status)
                .on("sev", this::severity)
                .on("severity", this::severity)
                .on("commander", this::commander)
                .on("note", this::note)
                .on("resolve", this::resolve)
                .on("timeline", this::timeline);
    }

    private String declare(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        String rest = args;
        boolean here = false;
        if (rest.equals("here") || rest.startsWith("here ")) {
            here = true;
            rest = rest.substring(4).strip();
        }
        Severity severity = null;
        String[] words = rest.split("\\s+", 2);
        Optional<Severity> parsed =
                words[0].toLowerCase().startsWith("sev")
                        ? Severity.parse(words[0])
                        : Optional.empty();
        if (words[0].toLowerCase().startsWith("sev") && parsed.isEmpty()) {
            throw new BadArguments(
                    "`" + words[0] + "` is not a severity: use sev1 (worst) to sev4.");
        }
        if (parsed.isPresent()) {
            severity = parsed.get();
            rest = words.length > 1 ? words[1].strip() : "";
        }
        if (rest.isEmpty()) {
            boolean inChannel = here;
            Severity preset = severity;
            afterAck.execute(
                    () -> modal.open(p.getTriggerId(), p.getChannelId(), inChannel, preset));
            return "Opening a form to declare the incident…";
        }
        TextLimit.TITLE.check(rest);
        Declaration d =
                new Declaration(
                        p.getTeamId(), p.getUserId(), p.getChannelId(), severity, rest, null);
        if (here) {
            return declarations.declareHereAndAnswer(d, p.getChannelName());
        }
        declarations.declareInNewChannel(d);
        return ":rotating_light: Declaring *"
                + SlackText.escape(rest)
                + "*: I'm opening an incident channel and "
                + "inviting you. Everything said there will be recorded.";
    }

    private String status(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Optional<Incident> incident = open(p);
        if (incident.isEmpty()) {
            return NO_INCIDENT;
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.RESPOND);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (args.equalsIgnoreCase("resolved")) {
            throw new BadArguments("To resolve the incident use `/incident resolve [summary]`.");
        }
        IncidentStatus status =
                IncidentStatus.parseResponse(args)
                        .orElseThrow(
                                () ->
                                        new BadArguments(
                                                args.isEmpty()
                                                        ? "Which status? investigating, identified or monitoring."
                                                        : "`"
                                                                + args
                                                                + "` is not a status: use investigating, identified or monitoring."));
        if (status == incident.get().status()) {
            return "The status is already *" + status.label() + "*.";
        }
        boolean reopening = incident.get().isResolved();
        changes.setStatus(incident.get(), p.getUserId(), status);
        return reopening
                ? "Reopened the incident: status *"
                        + status.label()
                        + "*. Any scheduled analysis call is "
                        + "cancelled; it will be scheduled again when the incident is resolved."
                : "Status set to *" + status.label() + "*.";
    }

    private String severity(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Optional<Incident> incident = open(p);
        if (incident.isEmpty()) {
            return NO_INCIDENT;
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.RESPOND);
        if (refused.isPresent()) {
            return refused.get();
        }
        Severity severity =
                Severity.parse(args)
                        .orElseThrow(
                                () ->
                                        new BadArguments(
                                                args.isEmpty()
                                                        ? "Which severity? sev1 (worst) to sev4."
                                                        : "`"
                                                                + args
                                                                + "` is not a severity: use sev1 (worst) to sev4."));
        if (severity == incident.get().severity()) {
            return "The severity is already *" + severity.label() + "*.";
        }
        changes.setSeverity(incident.get(), p.getUserId(), severity);
        return "Severity set to *" + severity.label() + "*.";
    }

    private String commander(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments {
        Optional<Incident> incident = open(p);
        if (incident.isEmpty()) {
            return NO_INCIDENT;
        }
        Optional<String> refused =
                access.refusal(incident.get(), p.getUserId(), Action.HAND_OVER_COMMAND);
        if (refused.isPresent()) {
            return refused.get();
        }
        String userId =
                SlackText.userId(args)
                        .orElseThrow(
                                () ->
                                        new BadArguments(
                                                "Mention the new commander with @, as in `/incident commander @alex`."));
        if (userId.equals(incident.get().commanderId())) {
            return SlackText.mention(userId) + " is already the commander.";
        }
        changes.setCommander(incident.get(), p.getUserId(), userId);
        return SlackText.mention(userId) + " is now the incident commander.";
    }

    private String note(SlashCommandPayload p, String args, SlashCommandContext ctx)
            throws BadArguments, InputRefused {
        Optional<Incident> incident = open(p);
        if (incident.isEmpty()) {
            return NO_INCIDENT;
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.RESPOND);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (args.isEmpty()) {
            throw new BadArguments("What should the note say? `/incident note <text>`");
        }
        TextLimit.NOTE.check(args);
        changes.note(incident.get(), p.getUserId(), args);
        return "Noted as a key moment on the timeline.";
    }

    private String resolve(SlashCommandPayload p, String args, SlashCommandContext ctx) {
        Optional<Incident> incident = open(p);
        if (incident.isEmpty()) {
            return NO_INCIDENT;
        }
        Optional<String> refused = access.refusal(incident.get(), p.getUserId(), Action.RESPOND);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (incident.get().isResolved()) {
            return "This incident is already resolved. To reopen it, set a status: `/incident status investigating`.";
        }
        Optional<String> tooLong = TextLimit.SUMMARY.refusal(args);
        if (tooLong.isPresent()) {
            return tooLong.get();
        }
        changes.resolve(incident.get(), p.getUserId(), args);
        return "Resolved. Thank you, everyone. The analysis call will be scheduled and announced here.";
    }

    private String timeline(SlashCommandPayload p, String args, SlashCommandContext ctx) {
        Optional<Incident> found = open(p);
        if (found.isEmpty()) {
            return NO_INCIDENT;
        }
        Incident incident = found.get();
        List<TimelineEntry> entries = timeline.entries(incident.id());
        List<TimelineEntry> moments = entries.stream().filter(TimelineEntry::keyMoment).toList();
        StringBuilder text =
                new StringBuilder(
                        "*"
                                + SlackText.escape(incident.title())
                                + "*: "
                                + entries.size()
                                + " timeline entries, "
                                + moments.size()
                                + " key moment"
                                + (moments.size() == 1 ? "" : "s")
                                + ".");
        int shown = 0;
        for (TimelineEntry moment : moments) {
            if (shown++ == 15) {
                text.append("\n• … and ").append(moments.size() - 15).append(" more");
                break;
            }
            String body = moment.text() == null ? "" : moment.text().replace('\n', ' ');
            text.append("\n• ")
                    .append(TIME.format(moment.occurredAt()))
                    .append(" — ")
                    .append(moment.authorName() != null ? moment.authorName() + ": " : "")
                    .append(SlackText.truncate(body, 200));
        }
        links.page(incident)
                .ifPresent(
                        url ->
                                text.append("\nThe whole timeline: <")
                                        .append(url)
                                        .append("|web page>"));
        return text.toString();
    }

    private Optional<Incident> open(SlashCommandPayload p) {
        return incidents
                .findByChannel(p.getChannelId())
                .filter(i -> i.kind() == IncidentKind.INCIDENT);
    }
}
