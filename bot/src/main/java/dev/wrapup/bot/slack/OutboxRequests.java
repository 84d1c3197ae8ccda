package dev.wrapup.bot.slack;

import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Item;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Slack calls outbox items make, one try each, told as an {@link Outcome}: done, again later or
 * refused. Messages go out with their broadcasts made harmless.
 */
final class OutboxRequests {
    private final SlackApi slack;
    private final Outbox outbox;

    OutboxRequests(SlackApi slack, Outbox outbox) {
        this.slack = slack;
        this.outbox = outbox;
    }

    /** The kinds of {@link SlackWork} that are one Slack request each. */
    void registerOn(OutboxHandlers handlers) {
        handlers.perform(
                SlackWork.POST, item -> post(item.channelId(), item.text(), item.blocks()));
        handlers.perform(SlackWork.EPHEMERAL, this::ephemeral);
        handlers.perform(
                SlackWork.INVITE,
                item ->
                        attempt(
                                "conversations.invite",
                                m ->
                                        m.conversationsInvite(
                                                r ->
                                                        r.channel(item.channelId())
                                                                .users(
                                                                        List.of(
                                                                                item.args()
                                                                                        .split(
                                                                                                ",")))),
                                r -> null,
                                Set.of("already_in_channel")));
        handlers.perform(
                SlackWork.JOIN,
                item ->
                        attempt(
                                "conversations.join",
                                m -> m.conversationsJoin(r -> r.channel(item.channelId())),
                                r -> null,
                                Set.of()));
        handlers.perform(
                SlackWork.PURPOSE,
                item ->
                        attempt(
                                "conversations.setPurpose",
                                m ->
                                        m.conversationsSetPurpose(
                                                r ->
                                                        r.channel(item.channelId())
                                                                .purpose(item.text())),
                                r -> null,
                                Set.of()));
        handlers.perform(
                SlackWork.PIN,
                item ->
                        attempt(
                                "pins.add",
                                m ->
                                        m.pinsAdd(
                                                r ->
                                                        r.channel(item.channelId())
                                                                .timestamp(item.args())),
                                r -> null,
                                Set.of("already_pinned")));
    }

    Outcome post(String channelId, String text, String blocks) {
        String safeText = SlackText.neutraliseBroadcasts(text);
        String safeBlocks = SlackText.neutraliseBlocks(blocks);
        return attempt(
                "chat.postMessage",
                m ->
                        m.chatPostMessage(
                                r ->
                                        r.channel(channelId)
                                                .text(safeText)
                                                .blocksAsString(safeBlocks)
                                                .unfurlLinks(false)),
                ChatPostMessageResponse::getTs,
                Set.of());
    }

    Outcome update(String channelId, String ts, String text, String blocks) {
        String safeText = SlackText.neutraliseBroadcasts(text);
        String safeBlocks = SlackText.neutraliseBlocks(blocks);
        return attempt(
                "chat.update",
                m ->
                        m.chatUpdate(
                                r ->
                                        r.channel(channelId)
                                                .ts(ts)
                                                .text(safeText)
                                                .blocksAsString(safeBlocks)),
                r -> ts,
                Set.of());
    }

    /** Errors in {@code fine} count as done. */
    <T extends SlackApiTextResponse> Outcome attempt(
            String method, SlackApi.Request<T> request, Function<T, String> ts, Set<String> fine) {
        SlackApi.Attempt<T> attempt = slack.attempt(method, request);
        T response = attempt.response();
        if (response != null && response.isOk()) {
            return new Outcome.Done(ts.apply(response), (tx, t) -> {});
        }
        if (response != null && fine.contains(response.getError())) {
            return Outcome.done();
        }
        return Outcome.of(method, attempt);
    }

    /** To the user in the channel; once the channel has refused, as a direct message. */
    private Outcome ephemeral(Item item) {
        String userId = item.args();
        if (!item.channelId().equals(userId) && item.progress() == null) {
            String text = SlackText.neutraliseBroadcasts(item.text());
            Outcome inChannel =
                    attempt(
                            "chat.postEphemeral",
                            m ->
                                    m.chatPostEphemeral(
                                            r ->
                                                    r.channel(item.channelId())
                                                            .user(userId)
                                                            .text(text)),
                            r -> null,
                            Set.of());
            if (!(inChannel instanceof Outcome.Refused)) {
                return inChannel;
            }
            outbox.progress(item.id(), "refused in the channel");
        }
        return post(userId, item.text(), null);
    }
}
