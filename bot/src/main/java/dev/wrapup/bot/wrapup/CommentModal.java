package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.ViewValues;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.input.DateInput;
import dev.wrapup.domain.input.InputRefused;
import dev.wrapup.domain.input.TextLimit;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The comment form and the button that opens it (sent in every prompt): the three agenda questions
 * and an action item of a chosen kind, at least one of them given.
 */
public final class CommentModal implements SlackSurface {
    public static final String CALLBACK_ID = "wrapup_comments";

    /** The prompt's button; its handler opens the form. */
    public static final String OPEN_ACTION = "wrapup_comment_open";

    /** The action item's inputs, each a block whose id is also its action id. */
    public static final String ACTION_OWNER = "action_owner";

    public static final String ACTION_TEXT = "action_text";
    public static final String ACTION_DUE = "action_due";
    public static final String ACTION_KIND = "action_kind";

    private final SlackApi slack;
    private final Incidents incidents;
    private final Comments comments;
    private final ActionItems actions;
    private final Clock clock;
    private final Executor afterAck;

    public CommentModal(
            SlackApi slack,
            Database database,
            Comments comments,
            ActionItems actions,
            Clock clock,
            Executor afterAck) {
        this.slack = slack;
        this.incidents = new Incidents(database);
        this.comments = comments;
        this.actions = actions;
        this.clock = clock;
        this.afterAck = afterAck;
    }

    /** The button that opens the form for the incident. */
    static LayoutBlock openButton(Incident incident) {
        return actions(
                a ->
                        a.elements(
                                asElements(
                                        button(
                                                b ->
                                                        b.actionId(OPEN_ACTION)
                                                                .text(plainText("Give my comment"))
                                                                .style("primary")
                                                                .value(
                                                                        Long.toString(
                                                                                incident.id()))))));
    }

    @Override
    public void register(App app) {
        app.blockAction(
                OPEN_ACTION,
                (req, ctx) -> {
                    String triggerId = req.getPayload().getTriggerId();
                    long incidentId =
                            Long.parseLong(req.getPayload().getActions().get(0).getValue());
                    afterAck.execute(
                            () -> incidents.find(incidentId).ifPresent(i -> open(triggerId, i)));
                    return ctx.ack();
                });
        app.viewSubmission(
                CALLBACK_ID,
                (req, ctx) -> {
                    View view = req.getPayload().getView();
                    long incidentId = Long.parseLong(view.getPrivateMetadata());
                    var values = view.getState().getValues();
                    Map<AgendaItem, String> answers = new LinkedHashMap<>();
                    for (AgendaItem item : AgendaItem.values()) {
                        String text = ViewValues.text(values, item.word());
                        if (text != null && !text.isBlank()) {
                            answers.put(item, text.strip());
                        }
                    }
                    Map<String, String> errors = new LinkedHashMap<>();
                    Optional<Draft> draft = Draft.of(values, today(), errors);
                    if (answers.isEmpty() && draft.isEmpty() && errors.isEmpty()) {
                        return ctx.ackWithErrors(
                                Map.of(
                                        AgendaItem.WELL.word(),
                                        "Please answer at least one of the three questions, or"
                                                + " give an action item."));
                    }
                    answers.forEach(
                            (item, text) ->
                                    TextLimit.COMMENT
                                            .refusal(text)
                                            .ifPresent(r -> errors.put(item.word(), r)));
                    if (!errors.isEmpty()) {
                        return ctx.ackWithErrors(errors);
                    }
                    Optional<Incident> incident = incidents.find(incidentId);
                    if (incident.isEmpty()) {
                        return ctx.ack();
                    }
                    String userId = req.getPayload().getUser().getId();
                    if (draft.isPresent()) {
                        Optional<String> refused = actions.addRefusal(incident.get(), userId);
                        if (refused.isPresent()) {
                            return ctx.ackWithErrors(Map.of(ACTION_TEXT, refused.get()));
                        }
                    }
                    answers.forEach(
                            (item, text) ->
                                    comments.comment(incident.get(), userId, item, text, "modal"));
                    draft.ifPresent(
                            d ->
                                    actions.addAction(
                                            incident.get(),
                                            userId,
                                            d.ownerId(),
                                            d.text(),
                                            d.due(),
                                            d.kind()));
                    return ctx.ack();
                });
    }

    void open(String triggerId, Incident incident) {
        View view =
                view(
                        v ->
                                v.type("modal")
                                        .callbackId(CALLBACK_ID)
                                        .privateMetadata(Long.toString(incident.id()))
                                        .title(
                                                viewTitle(
                                                        t ->
                                                                t.type("plain_text")
                                                                        .text(
                                                                                "Your wrap-up comment")))
                                        .submit(viewSubmit(s -> s.type("plain_text").text("Send")))
                                        .close(viewClose(c -> c.type("plain_text").text("Later")))
                                        .blocks(
                                                asBlocks(
                                                        context(
                                                                c ->
                                                                        c.elements(
                                                                                List.of(
                                                                                        markdownText(
                                                                                                "*"
                                                                                                        + IncidentHeaderText
                                                                                                                .title(
                                                                                                                        incident)
                                                                                                        + "* — answer at least one. We are looking at what made the work hard, "
                                                                                                        + "not at who did it.")))),
                                                        question(AgendaItem.WELL),
                                                        question(AgendaItem.WRONG),
                                                        question(AgendaItem.BETTER),
                                                        header(
                                                                h ->
                                                                        h.text(
                                                                                plainText(
                                                                                        "An action item (optional)"))),
                                                        actionText(),
                                                        actionOwner(),
                                                        actionKind(),
                                                        actionDue())));
        slack.send("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    private static LayoutBlock question(AgendaItem item) {
        return input(
                i ->
                        i.blockId(item.word())
                                .optional(true)
                                .label(plainText(item.question()))
                                .element(
                                        plainTextInput(
                                                e ->
                                                        e.actionId(item.word())
                                                                .multiline(true)
                                                                .maxLength(
                                                                        TextLimit.COMMENT.max()))));
    }

    private static LayoutBlock actionText() {
        return input(
                i ->
                        i.blockId(ACTION_TEXT)
                                .optional(true)
                                .label(plainText("What should change"))
                                .element(
                                        plainTextInput(
                                                e ->
                                                        e.actionId(ACTION_TEXT)
                                                                .maxLength(
                                                                        TextLimit.ACTION.max()))));
    }

    private static LayoutBlock actionOwner() {
        return input(
                i ->
                        i.blockId(ACTION_OWNER)
                                .optional(true)
                                .label(plainText("Owner"))
                                .element(usersSelect(e -> e.actionId(ACTION_OWNER))));
    }

    private static LayoutBlock actionKind() {
        List<OptionObject> options =
                Arrays.stream(ActionKind.values())
                        .map(k -> option(plainText(k.label()), k.word()))
                        .toList();
        return input(
                i ->
                        i.blockId(ACTION_KIND)
                                .optional(true)
                                .label(plainText("Kind"))
                                .element(
                                        staticSelect(
                                                e ->
                                                        e.actionId(ACTION_KIND)
                                                                .options(options)
                                                                .initialOption(
                                                                        options.get(
                                                                                ActionKind.FIX
                                                                                        .ordinal())))));
    }

    private static LayoutBlock actionDue() {
        return input(
                i ->
                        i.blockId(ACTION_DUE)
                                .optional(true)
                                .label(plainText("Due"))
                                .element(datePicker(e -> e.actionId(ACTION_DUE))));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The action item given in the form, checked as the command checks it. */
    record Draft(String ownerId, String text, LocalDate due, ActionKind kind) {
        /**
         * Empty when no action item was given; a half-given one adds to {@code errors}, by block.
         */
        static Optional<Draft> of(
                Map<String, Map<String, ViewState.Value>> values,
                LocalDate today,
                Map<String, String> errors) {
            String owner = ViewValues.user(values, ACTION_OWNER);
            String text = ViewValues.text(values, ACTION_TEXT);
            text = text == null ? "" : text.strip();
            String dueText = ViewValues.date(values, ACTION_DUE);
            if (owner == null && text.isEmpty() && dueText == null) {
                return Optional.empty();
            }
            if (text.isEmpty()) {
                errors.put(ACTION_TEXT, "What should change? The action item needs its text.");
            } else {
                TextLimit.ACTION.refusal(text).ifPresent(r -> errors.put(ACTION_TEXT, r));
            }
            if (owner == null) {
                errors.put(ACTION_OWNER, "Who owns it? The action item needs an owner.");
            }
            LocalDate due = null;
            if (dueText != null) {
                try {
                    due = DateInput.due(dueText, today);
                } catch (InputRefused e) {
                    errors.put(ACTION_DUE, e.getMessage());
                }
            }
            ActionKind kind =
                    ActionKind.parse(ViewValues.selected(values, ACTION_KIND))
                            .orElse(ActionKind.FIX);
            return errors.isEmpty()
                    ? Optional.of(new Draft(owner, text, due, kind))
                    : Optional.empty();
        }
    }

    /** Titles shown in a modal's mrkdwn. */
    static final class IncidentHeaderText {
        static String title(Incident incident) {
            return SlackText.escape(incident.title());
        }
    }
}
