package dev.wrapup.bot.digest;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.view.View;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.ViewValues;
import dev.wrapup.bot.wrapup.ActionItems;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.input.TextLimit;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.WrapUps;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The digest's buttons: Done closes the item at once, Won't do asks for the reason in a form first;
 * either way with the same permissions as the commands, and the digest message is then shown again
 * as its items stand.
 */
public final class DigestButtons implements SlackSurface {
    public static final String DONE = "digest_done";
    public static final String WONT_DO = "digest_wont_do";
    public static final String WONT_DO_FORM = "digest_wont_do_reason";
    public static final String REASON = "reason";

    private final SlackApi slack;
    private final SlackOutbox outbox;
    private final WrapUps wrapups;
    private final Incidents incidents;
    private final ActionItems actions;
    private final Executor afterAck;

    public DigestButtons(
            SlackApi slack,
            SlackOutbox outbox,
            Database database,
            WrapUps wrapups,
            ActionItems actions,
            Executor afterAck) {
        this.slack = slack;
        this.outbox = outbox;
        this.wrapups = wrapups;
        this.incidents = new Incidents(database);
        this.actions = actions;
        this.afterAck = afterAck;
    }

    /** A button's value: the digest's week and the item. */
    static String value(LocalDate weekOf, long actionId) {
        return weekOf + ":" + actionId;
    }

    /** The digest message a button was in, and which item and week it was about. */
    private record Clicked(LocalDate weekOf, long actionId, String channelId, String ts) {
        static Clicked of(BlockActionPayload p) {
            String[] value = p.getActions().get(0).getValue().split(":");
            String channel =
                    p.getContainer() != null && p.getContainer().getChannelId() != null
                            ? p.getContainer().getChannelId()
                            : p.getChannel() == null ? null : p.getChannel().getId();
            String ts =
                    p.getContainer() != null && p.getContainer().getMessageTs() != null
                            ? p.getContainer().getMessageTs()
                            : p.getMessage() == null ? null : p.getMessage().getTs();
            return new Clicked(LocalDate.parse(value[0]), Long.parseLong(value[1]), channel, ts);
        }

        String metadata() {
            return weekOf + " " + actionId + " " + channelId + " " + ts;
        }

        static Clicked ofMetadata(String metadata) {
            String[] m = metadata.split(" ");
            return new Clicked(LocalDate.parse(m[0]), Long.parseLong(m[1]), m[2], m[3]);
        }
    }

    @Override
    public void register(App app) {
        app.blockAction(
                DONE,
                (req, ctx) -> {
                    Clicked clicked = Clicked.of(req.getPayload());
                    String userId = req.getPayload().getUser().getId();
                    Optional<ActionItem> item = wrapups.action(clicked.actionId());
                    Optional<Incident> incident = item.flatMap(i -> incidents.find(i.incidentId()));
                    if (item.isPresent() && incident.isPresent()) {
                        String answer = actions.markDone(incident.get(), userId, item.get());
                        answerIfStillOpen(clicked, userId, answer);
                        showAgain(clicked, userId);
                    }
                    return ctx.ack();
                });
        app.blockAction(
                WONT_DO,
                (req, ctx) -> {
                    Clicked clicked = Clicked.of(req.getPayload());
                    String triggerId = req.getPayload().getTriggerId();
                    wrapups.action(clicked.actionId())
                            .ifPresent(
                                    item -> afterAck.execute(() -> ask(triggerId, clicked, item)));
                    return ctx.ack();
                });
        app.viewSubmission(
                WONT_DO_FORM,
                (req, ctx) -> {
                    View view = req.getPayload().getView();
                    Clicked clicked = Clicked.ofMetadata(view.getPrivateMetadata());
                    String reason = ViewValues.text(view.getState().getValues(), REASON);
                    if (reason == null || reason.isBlank()) {
                        return ctx.ackWithErrors(
                                Map.of(REASON, "Please say why it won't be done."));
                    }
                    Optional<String> tooLong = TextLimit.COMMENT.refusal(reason.strip());
                    if (tooLong.isPresent()) {
                        return ctx.ackWithErrors(Map.of(REASON, tooLong.get()));
                    }
                    String userId = req.getPayload().getUser().getId();
                    Optional<ActionItem> item = wrapups.action(clicked.actionId());
                    Optional<Incident> incident = item.flatMap(i -> incidents.find(i.incidentId()));
                    if (item.isEmpty() || incident.isEmpty()) {
                        return ctx.ack();
                    }
                    String answer =
                            actions.markWontDo(incident.get(), userId, item.get(), reason.strip());
                    if (stillOpen(clicked)) {
                        return ctx.ackWithErrors(Map.of(REASON, answer));
                    }
                    showAgain(clicked, userId);
                    return ctx.ack();
                });
    }

    private boolean stillOpen(Clicked clicked) {
        return wrapups.action(clicked.actionId()).map(ActionItem::open).orElse(false);
    }

    /** A refusal (not the caller's item, say) is told; a closed item shows in the message. */
    private void answerIfStillOpen(Clicked clicked, String userId, String answer) {
        if (stillOpen(clicked)) {
            outbox.send(SlackWork.ephemeral(clicked.channelId(), userId, answer));
        }
    }

    private void showAgain(Clicked clicked, String userId) {
        if (clicked.channelId() != null && clicked.ts() != null) {
            outbox.send(
                    WeeklyDigest.update(
                            userId, clicked.weekOf(), clicked.channelId(), clicked.ts()));
        }
    }

    private void ask(String triggerId, Clicked clicked, ActionItem item) {
        View form =
                view(
                        v ->
                                v.type("modal")
                                        .callbackId(WONT_DO_FORM)
                                        .privateMetadata(clicked.metadata())
                                        .title(
                                                viewTitle(
                                                        t -> t.type("plain_text").text("Won't do")))
                                        .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                                        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                                        .blocks(
                                                asBlocks(
                                                        section(
                                                                s ->
                                                                        s.text(
                                                                                markdownText(
                                                                                        "*"
                                                                                                + SlackText
                                                                                                        .escape(
                                                                                                                item
                                                                                                                        .text())
                                                                                                + "*"))),
                                                        input(
                                                                i ->
                                                                        i.blockId(REASON)
                                                                                .label(
                                                                                        plainText(
                                                                                                "Why won't it be done?"))
                                                                                .element(
                                                                                        plainTextInput(
                                                                                                e ->
                                                                                                        e.actionId(
                                                                                                                        REASON)
                                                                                                                .multiline(
                                                                                                                        true)
                                                                                                                .maxLength(
                                                                                                                        TextLimit
                                                                                                                                .COMMENT
                                                                                                                                .max())))))));
        slack.send("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(form)));
    }
}
