package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import dev.wrapup.bot.roles.Access;
import dev.wrapup.bot.roles.Action;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.ViewValues;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing from a private channel: the publisher first sees exactly what will be posted to the
 * learnings channel (the summary and the report file), with the timeline left out unless they tick
 * it. Nothing leaves a private channel without this.
 */
public final class PublishModal implements SlackSurface {
    public static final String CALLBACK_ID = "wrapup_publish_confirm";
    static final String TIMELINE_BLOCK = "timeline";

    /** A modal holds at most 100 blocks; the summary, the file and the checkbox share them. */
    private static final int MAX_BLOCKS = 100;

    private static final int SECTION_CHARS = 2900;

    private final SlackApi slack;
    private final SlackOutbox outbox;
    private final Incidents incidents;
    private final Publisher publisher;
    private final Access access;

    public PublishModal(
            SlackApi slack,
            SlackOutbox outbox,
            Database database,
            Publisher publisher,
            Access access) {
        this.slack = slack;
        this.outbox = outbox;
        this.incidents = new Incidents(database);
        this.publisher = publisher;
        this.access = access;
    }

    @Override
    public void register(App app) {
        app.viewSubmission(
                CALLBACK_ID,
                (req, ctx) -> {
                    View view = req.getPayload().getView();
                    String userId = req.getPayload().getUser().getId();
                    Optional<Incident> incident =
                            incidents.find(Long.parseLong(view.getPrivateMetadata()));
                    if (incident.isEmpty()) {
                        return ctx.ack();
                    }
                    // Checked again: the facilitator may have changed since the form opened.
                    Optional<String> refused =
                            access.refusal(incident.get(), userId, Action.PUBLISH);
                    if (refused.isPresent()) {
                        return ctx.ackWithErrors(Map.of(TIMELINE_BLOCK, refused.get()));
                    }
                    boolean timeline =
                            ViewValues.ticked(view.getState().getValues(), TIMELINE_BLOCK)
                                    .contains("include");
                    // Queued before the ack: confirmed is promised.
                    publisher.publish(incident.get(), userId, timeline);
                    return ctx.ack();
                });
    }

    /**
     * After the ack of `/wrapup publish`: a public channel's wrap-up is queued to go out; a private
     * one's is shown first. Neither step can wait in the queue: the form must open within the
     * trigger's three seconds, and which of the two it is decides that.
     */
    public void publishOrConfirm(Incident incident, String userId, String triggerId) {
        if (publisher.learningsChannel().isEmpty()) {
            publisher.tellNoLearningsChannel(incident, userId);
            return;
        }
        if (!publisher.isPrivate(incident)) {
            publisher.publish(incident, userId, true);
            return;
        }
        if (slack.ok(
                        "views.open",
                        m -> m.viewsOpen(r -> r.triggerId(triggerId).view(confirmation(incident))))
                .isEmpty()) {
            outbox.send(
                    SlackWork.ephemeral(
                            incident.channelId(),
                            userId,
                            ":warning: I could not show you what would be published from this "
                                    + "private channel (Slack is busy or did not answer), so "
                                    + "nothing was published. Please run `/wrapup publish` again "
                                    + "in a minute."));
        }
    }

    View confirmation(Incident incident) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(
                section(
                        s ->
                                s.text(
                                        markdownText(
                                                ":lock: This wrap-up comes from a private channel. Below is "
                                                        + "exactly what will be posted to <#"
                                                        + publisher.learningsChannel().orElse("")
                                                        + ">: the "
                                                        + "summary, then the report file in its thread. The timeline of what was said in the channel "
                                                        + "stays out unless you tick the box at the end."))));
        blocks.add(divider());
        blocks.addAll(publisher.summary(incident));
        blocks.add(divider());
        String file = publisher.report(incident, false);
        blocks.add(
                context(
                        c ->
                                c.elements(
                                        List.of(
                                                markdownText(
                                                        "The file `wrapup-"
                                                                + incident.id()
                                                                + ".md` ("
                                                                + file.length()
                                                                + " characters), as it will be posted:")))));
        int room = MAX_BLOCKS - blocks.size() - 2;
        List<String> parts = split(file);
        for (int i = 0; i < parts.size() && i < room; i++) {
            String part = parts.get(i);
            blocks.add(section(s -> s.text(plainText(part, false))));
        }
        if (parts.size() > room) {
            int shown = parts.subList(0, room).stream().mapToInt(String::length).sum();
            blocks.add(
                    context(
                            c ->
                                    c.elements(
                                            List.of(
                                                    markdownText(
                                                            "… and "
                                                                    + (file.length() - shown)
                                                                    + " more characters of the same file, too long to show here.")))));
        }
        blocks.add(
                input(
                        i ->
                                i.blockId(TIMELINE_BLOCK)
                                        .optional(true)
                                        .label(plainText("The timeline"))
                                        .element(
                                                checkboxes(
                                                        c ->
                                                                c.actionId(TIMELINE_BLOCK)
                                                                        .options(
                                                                                List.of(
                                                                                        option(
                                                                                                plainText(
                                                                                                        "Also publish the full timeline (every message as it reads now; deleted "
                                                                                                                + "messages and earlier versions are never published)"),
                                                                                                "include")))))));
        return Views.view(
                v ->
                        v.type("modal")
                                .callbackId(CALLBACK_ID)
                                .privateMetadata(Long.toString(incident.id()))
                                .title(
                                        viewTitle(
                                                t ->
                                                        t.type("plain_text")
                                                                .text("Publish this wrap-up?")))
                                .submit(viewSubmit(s -> s.type("plain_text").text("Publish")))
                                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                                .blocks(blocks));
    }

    /** The file in pieces a section can hold, split at line ends where it can be. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + SECTION_CHARS);
            if (end < text.length()) {
                int newline = text.lastIndexOf('\n', end);
                if (newline > start) {
                    end = newline + 1;
                }
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }
}
