package dev.wrapup.bot.incident;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.ViewValues;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.input.TextLimit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The form that `/incident declare` with no title opens. */
public final class DeclareModal implements SlackSurface {
    public static final String CALLBACK_ID = "incident_declare";

    private final SlackApi slack;
    private final Declarations declarations;
    private final SlackOutbox outbox;

    public DeclareModal(SlackApi slack, Declarations declarations, SlackOutbox outbox) {
        this.slack = slack;
        this.declarations = declarations;
        this.outbox = outbox;
    }

    @Override
    public void register(App app) {
        app.viewSubmission(
                CALLBACK_ID,
                (req, ctx) -> {
                    View view = req.getPayload().getView();
                    Map<String, Map<String, ViewState.Value>> values = view.getState().getValues();
                    String title = ViewValues.text(values, "title");
                    if (title == null || title.isBlank()) {
                        return ctx.ackWithErrors(Map.of("title", "Give the incident a title."));
                    }
                    Map<String, String> tooLong = new LinkedHashMap<>();
                    TextLimit.TITLE.refusal(title.strip()).ifPresent(r -> tooLong.put("title", r));
                    TextLimit.DESCRIPTION
                            .refusal(ViewValues.text(values, "description"))
                            .ifPresent(r -> tooLong.put("description", r));
                    if (!tooLong.isEmpty()) {
                        return ctx.ackWithErrors(tooLong);
                    }
                    String severityText =
                            values.getOrDefault("severity", Map.of()).get("severity") == null
                                    ? null
                                    : values.get("severity").get("severity").getSelectedOption()
                                                    == null
                                            ? null
                                            : values.get("severity")
                                                    .get("severity")
                                                    .getSelectedOption()
                                                    .getValue();
                    Severity severity = Severity.parse(severityText).orElse(null);
                    JsonObject meta =
                            JsonParser.parseString(view.getPrivateMetadata()).getAsJsonObject();
                    String channel = meta.get("channel").getAsString();
                    boolean here = meta.get("here").getAsBoolean();
                    String userId = req.getPayload().getUser().getId();
                    Declaration d =
                            new Declaration(
                                    req.getPayload().getTeam().getId(),
                                    userId,
                                    channel,
                                    severity,
                                    title.strip(),
                                    ViewValues.text(values, "description"));
                    // Committed, with the Slack work it promises, before the form is acknowledged.
                    if (here) {
                        outbox.send(
                                SlackWork.ephemeral(
                                        channel,
                                        userId,
                                        declarations.declareHereAndAnswer(d, null)));
                    } else {
                        declarations.declareInNewChannel(d);
                    }
                    return ctx.ack();
                });
    }

    /** Opens the form; runs off the request thread, within the trigger's three seconds. */
    public void open(String triggerId, String channelId, boolean here, Severity preset) {
        JsonObject meta = new JsonObject();
        meta.addProperty("channel", channelId);
        meta.addProperty("here", here);
        List<OptionObject> options =
                Arrays.stream(Severity.values())
                        .map(s -> option(plainText(s.label()), s.name().toLowerCase()))
                        .toList();
        View view =
                view(
                        v ->
                                v.type("modal")
                                        .callbackId(CALLBACK_ID)
                                        .privateMetadata(meta.toString())
                                        .title(
                                                viewTitle(
                                                        t ->
                                                                t.type("plain_text")
                                                                        .text(
                                                                                "Declare an incident")))
                                        .submit(
                                                viewSubmit(
                                                        s -> s.type("plain_text").text("Declare")))
                                        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                                        .blocks(
                                                asBlocks(
                                                        input(
                                                                i ->
                                                                        i.blockId("title")
                                                                                .label(
                                                                                        plainText(
                                                                                                "Title"))
                                                                                .element(
                                                                                        plainTextInput(
                                                                                                e ->
                                                                                                        e.actionId(
                                                                                                                        "title")
                                                                                                                .maxLength(
                                                                                                                        TextLimit
                                                                                                                                .TITLE
                                                                                                                                .max())
                                                                                                                .placeholder(
                                                                                                                        plainText(
                                                                                                                                "What is happening, in a few words"))))),
                                                        input(
                                                                i ->
                                                                        i.blockId("severity")
                                                                                .label(
                                                                                        plainText(
                                                                                                "Severity"))
                                                                                .optional(true)
                                                                                .element(
                                                                                        staticSelect(
                                                                                                e -> {
                                                                                                    e.actionId(
                                                                                                                    "severity")
                                                                                                            .options(
                                                                                                                    options);
                                                                                                    if (preset
                                                                                                            != null) {
                                                                                                        e
                                                                                                                .initialOption(
                                                                                                                        options
                                                                                                                                .get(
                                                                                                                                        preset
                                                                                                                                                .ordinal()));
                                                                                                    }
                                                                                                    return e;
                                                                                                }))),
                                                        input(
                                                                i ->
                                                                        i.blockId("description")
                                                                                .label(
                                                                                        plainText(
                                                                                                "Description"))
                                                                                .optional(true)
                                                                                .element(
                                                                                        plainTextInput(
                                                                                                e ->
                                                                                                        e.actionId(
                                                                                                                        "description")
                                                                                                                .multiline(
                                                                                                                        true)
                                                                                                                .maxLength(
                                                                                                                        TextLimit
                                                                                                                                .DESCRIPTION
                                                                                                                                .max())))))));
        slack.send("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }
}
