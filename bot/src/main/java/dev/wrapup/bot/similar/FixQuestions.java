package dev.wrapup.bot.similar;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Action;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FixAnswer;
import dev.wrapup.domain.FixCheck;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.FixChecks;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * "Did the fixes hold?": when a new incident is like an earlier one whose action items are done,
 * the call asks its facilitator, with three buttons; the facilitator, the commander or an admin
 * answers, may change the answer, and the call's message shows the last one.
 */
public final class FixQuestions implements SlackSurface {
    /** The buttons' action ids: this prefix and the answer's code. */
    static final String ACTION_PREFIX = "fix_check_";

    private static final Pattern ACTIONS = Pattern.compile("^" + ACTION_PREFIX + "[a-z_]+$");

    /** Redraws the call's message with the answers as they stand. */
    private static final String REDRAW = "fix-check-redraw";

    /** What a section block's text holds at most. */
    private static final int SECTION = 3000;

    private final Database database;
    private final FixChecks checks;
    private final Incidents incidents;
    private final AnalysisCalls calls;
    private final Timeline timeline;
    private final Participants participants;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final IncidentLinks links;
    private final Access access;
    private final Clock clock;

    public FixQuestions(
            Database database,
            SlackOutbox outbox,
            UserDirectory users,
            IncidentLinks links,
            Access access,
            Clock clock) {
        this.database = database;
        this.checks = new FixChecks(database);
        this.incidents = new Incidents(database);
        this.calls = new AnalysisCalls(database);
        this.timeline = new Timeline(database);
        this.participants = new Participants(database);
        this.outbox = outbox;
        this.users = users;
        this.links = links;
        this.access = access;
        this.clock = clock;
        outbox.perform(REDRAW, this::redraw);
    }

    /** The earlier incidents among the suggestions whose fixes are worth asking about. */
    public static List<Incident> toAsk(List<SimilarIncidents.Suggestion> suggestions) {
        return suggestions.stream()
                .filter(s -> FixCheck.worthAsking(s.actions()))
                .map(SimilarIncidents.Suggestion::incident)
                .toList();
    }

    /** Notes the questions as asked, in the transaction that claims the call's start. */
    public void ask(Tx tx, Incident incident, List<Incident> earlier, String callText) {
        checks.ask(
                tx,
                incident.id(),
                earlier.stream().map(Incident::id).toList(),
                callText,
                clock.instant());
    }

    /** The questions in plain words, for the message's notification text. */
    public String fallback(Incident incident, List<Incident> earlier) {
        return earlier.stream().map(e -> question(incident, e)).collect(Collectors.joining("\n"));
    }

    /** The call's message: its text, then each question with its last answer and the buttons. */
    public List<LayoutBlock> blocks(
            Incident incident, String callText, List<Incident> earlier, List<FixCheck> answers) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String part : parts(callText)) {
            blocks.add(section(s -> s.text(markdownText(part))));
        }
        Map<Long, FixCheck> byEarlier =
                answers.stream()
                        .collect(
                                Collectors.toMap(FixCheck::earlierIncidentId, Function.identity()));
        for (Incident e : earlier) {
            FixCheck check = byEarlier.get(e.id());
            String answered =
                    check == null || !check.answered()
                            ? ""
                            : "\n*"
                                    + check.answer().label()
                                    + "* (answered by "
                                    + SlackText.mention(check.answeredBy())
                                    + ")";
            blocks.add(
                    section(
                            s ->
                                    s.blockId("fix_check_q_" + e.id())
                                            .text(markdownText(question(incident, e) + answered))));
            List<BlockElement> buttons = new ArrayList<>();
            for (FixAnswer a : FixAnswer.values()) {
                buttons.add(
                        button(
                                b ->
                                        b.actionId(ACTION_PREFIX + a.code())
                                                .text(plainText(a.label()))
                                                .value(incident.id() + ":" + e.id())));
            }
            blocks.add(actions(a -> a.blockId("fix_check_" + e.id()).elements(buttons)));
        }
        return blocks;
    }

    private String question(Incident incident, Incident earlier) {
        String title = SlackText.escape(SlackText.truncate(earlier.title(), 80));
        String named =
                links.page(earlier)
                        .map(url -> "<" + url + "|" + title + ">")
                        .orElse(title + " in <#" + earlier.channelId() + ">");
        return ":repeat: "
                + SlackText.mention(incident.facilitator())
                + " Did the fixes from "
                + named
                + " hold?";
    }

    /** The text in parts a section holds, cut at line ends where it can be. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > SECTION) {
            int cut = rest.lastIndexOf('\n', SECTION);
            if (cut <= 0) {
                cut = SECTION;
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isBlank()) {
            parts.add(rest);
        }
        return parts;
    }

    @Override
    public void register(App app) {
        app.blockAction(
                ACTIONS,
                (req, ctx) -> {
                    var action = req.getPayload().getActions().get(0);
                    String userId = req.getPayload().getUser().getId();
                    answer(
                            userId,
                            action.getActionId().substring(ACTION_PREFIX.length()),
                            action.getValue());
                    return ctx.ack();
                });
    }

    /**
     * Stores the answer if the user may give it, with a timeline entry and the call's message
     * redrawn; otherwise one line tells them who may.
     */
    void answer(String userId, String code, String value) {
        String[] ids = value == null ? new String[0] : value.split(":");
        if (ids.length != 2
                || !Arrays.stream(ids).allMatch(id -> id.matches("\\d{1,18}"))
                || Arrays.stream(FixAnswer.values()).noneMatch(a -> a.code().equals(code))) {
            return; // not a button of ours
        }
        FixAnswer answer = FixAnswer.ofCode(code);
        Optional<Incident> incident = incidents.find(Long.parseLong(ids[0]));
        Optional<Incident> earlier = incidents.find(Long.parseLong(ids[1]));
        if (incident.isEmpty() || earlier.isEmpty()) {
            return;
        }
        Optional<String> refused = access.refusal(incident.get(), userId, Action.ANSWER_FIX_CHECK);
        if (refused.isPresent()) {
            outbox.send(SlackWork.ephemeral(incident.get().channelId(), userId, refused.get()));
            return;
        }
        Instant now = clock.instant();
        database.transaction(
                tx -> {
                    if (!checks.answer(
                            tx, incident.get().id(), earlier.get().id(), answer, userId, now)) {
                        return null;
                    }
                    timeline.add(
                            tx,
                            NewEntry.of(
                                    incident.get().id(),
                                    incident.get().channelId(),
                                    EntryKind.NOTE,
                                    userId,
                                    users.knownName(tx, userId).orElse(null),
                                    "Did the fixes from \""
                                            + earlier.get().title()
                                            + "\" hold? "
                                            + answer.label()
                                            + ".",
                                    now),
                            now);
                    participants.add(tx, incident.get().id(), userId, "posted", now);
                    outbox.add(
                            tx,
                            SlackWork.job(REDRAW, incident.get().channelId(), incident.get().id()));
                    return null;
                });
        outbox.wake();
    }

    /** The queued redraw: the call's words as posted, the answers as they stand now. */
    private Outcome redraw(Item item) {
        Optional<Incident> incident = incidents.find(item.subjectId());
        Optional<String> ts = calls.find(item.subjectId()).map(AnalysisCall::callTs);
        Optional<String> text = checks.callText(item.subjectId());
        if (incident.isEmpty() || ts.isEmpty() || text.isEmpty()) {
            return new Outcome.Refused("no call message for incident " + item.subjectId());
        }
        List<FixCheck> asked = checks.askedIn(incident.get().id());
        Map<Long, Incident> earlier =
                incidents.find(asked.stream().map(FixCheck::earlierIncidentId).toList());
        List<Incident> questions =
                asked.stream()
                        .map(c -> earlier.get(c.earlierIncidentId()))
                        .filter(java.util.Objects::nonNull)
                        .toList();
        return outbox.update(
                incident.get().channelId(),
                ts.get(),
                text.get() + "\n\n" + fallback(incident.get(), questions),
                SlackWork.json(blocks(incident.get(), text.get(), questions, asked)));
    }
}
