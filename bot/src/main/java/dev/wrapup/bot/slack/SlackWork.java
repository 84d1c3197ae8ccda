package dev.wrapup.bot.slack;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Work;
import java.util.List;

/**
 * The Slack work the bot queues (see {@link SlackOutbox}): messages, and the calls around them.
 * Each keeps its order with a conversation: the messages of a channel (and what must follow them,
 * such as a header update) with each other; invitations, pins, purposes and ephemeral notes each in
 * a lane of their own, because nothing waits for them and they are rate-limited apart from
 * messages.
 */
public final class SlackWork {
    public static final String POST = Outbox.POST;
    public static final String EPHEMERAL = "ephemeral";
    public static final String INVITE = "invite";
    public static final String JOIN = "join";
    public static final String PURPOSE = "purpose";
    public static final String PIN = "pin";

    /** Block Kit as Slack's own client writes it. */
    private static final Gson BLOCKS = GsonFactory.createSnakeCase();

    private SlackWork() {}

    /** A message to the channel, or to a user id as a direct message. */
    public static Work post(String channelId, String text) {
        return Work.post(channelId, text);
    }

    public static Work post(String channelId, String text, List<LayoutBlock> blocks) {
        return Work.post(channelId, text).withBlocks(json(blocks));
    }

    /**
     * A line only the user sees in the channel; a direct message when the bot cannot post there.
     */
    public static Work ephemeral(String channelId, String userId, String text) {
        String channel = channelId == null || channelId.startsWith("D") ? userId : channelId;
        return new Work(
                EPHEMERAL, channel + " " + EPHEMERAL, channel, text, null, userId, null, null);
    }

    public static Work invite(String channelId, String userId) {
        return new Work(
                INVITE, channelId + " " + INVITE, channelId, null, null, userId, null, null);
    }

    /** The bot joins the channel: before the messages queued after it. */
    public static Work join(String channelId) {
        return new Work(JOIN, channelId, channelId, null, null, null, null, null);
    }

    public static Work purpose(String channelId, String purpose) {
        return new Work(
                PURPOSE, channelId + " " + PURPOSE, channelId, purpose, null, null, null, null);
    }

    public static Work pin(String channelId, String ts) {
        return new Work(PIN, channelId + " " + PIN, channelId, null, null, ts, null, null);
    }

    /** Work of a kind a service performs itself, in order with the channel's messages. */
    public static Work job(String kind, String channelId, long subjectId) {
        return new Work(kind, channelId, channelId, null, null, null, null, subjectId);
    }

    public static String json(List<LayoutBlock> blocks) {
        return blocks == null ? null : BLOCKS.toJson(blocks);
    }
}
