package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.ViewValues;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.input.TextLimit;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The comment form and the button that opens it (sent in every prompt): the three agenda questions,
 * at least one answered.
 */
public final class CommentModal implements SlackSurface {
    public static final String CALLBACK_ID = "wrapup_comments";

    /** The prompt's button; its handler opens the form. */
    public static final String OPEN_ACTION = "wrapup_comment_open";

    private final SlackApi slack;
    private final Incidents incidents;
    private final Comments comments;
    private final Executor afterAck;

    public CommentModal(SlackApi slack, Database database, Comments comments, Executor afterAck) {
        this.slack = slack;
        this.incidents = new Incidents(database);
        this.comments = comments;
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
                    Map<AgendaItem, String> answers = new LinkedHashMap<>();
                    for (AgendaItem item : AgendaItem.values()) {
                        String text = ViewValues.text(view.getState().getValues(), item.word());
                        if (text != null && !text.isBlank()) {
                            answers.put(item, text.strip());
                        }
                    }
                    if (answers.isEmpty()) {
                        return ctx.ackWithErrors(
                                Map.of(
                                        AgendaItem.WELL.word(),
                                        "Please answer at least one of the three questions."));
                    }
                    Map<String, String> tooLong = new LinkedHashMap<>();
                    answers.forEach(
                            (item, text) ->
                                    TextLimit.COMMENT
                                            .refusal(text)
                                            .ifPresent(r -> tooLong.put(item.word(), r)));
                    if (!tooLong.isEmpty()) {
                        return ctx.ackWithErrors(tooLong);
                    }
                    Optional<Incident> incident = incidents.find(incidentId);
                    if (incident.isEmpty()) {
                        return ctx.ack();
                    }
                    String userId = req.getPayload().getUser().getId();
                    answers.forEach(
                            (item, text) ->
                                    comments.comment(incident.get(), userId, item, text, "modal"));
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
                                                        question(AgendaItem.BETTER))));
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

    /** Titles shown in a modal's mrkdwn. */
    static final class IncidentHeaderText {
        static String title(Incident incident) {
            return SlackText.escape(incident.title());
        }
    }
}
