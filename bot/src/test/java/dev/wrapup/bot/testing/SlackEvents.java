package dev.wrapup.bot.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wrapup.bot.slack.shapes.Events;

/**
 * Event payloads shaped like the ones Slack sends (Events API docs, message subtypes), from the
 * fake workspace: the shapes the demo shares are built in {@link Events} and {@link
 * dev.wrapup.bot.slack.shapes.Workspace}.
 */
public final class SlackEvents {
    private SlackEvents() {}

    public static JsonObject message(String channel, String user, String text, String ts) {
        return FakeSlack.WORKSPACE.message(channel, user, text, ts);
    }

    public static JsonObject threadReply(
            String channel, String user, String text, String ts, String threadTs) {
        JsonObject e = message(channel, user, text, ts);
        e.addProperty("thread_ts", threadTs);
        e.addProperty("parent_user_id", user);
        return e;
    }

    public static JsonObject threadBroadcast(
            String channel, String user, String text, String ts, String threadTs) {
        JsonObject e = threadReply(channel, user, text, ts, threadTs);
        e.addProperty("subtype", "thread_broadcast");
        return e;
    }

    public static JsonObject meMessage(String channel, String user, String text, String ts) {
        JsonObject e = message(channel, user, text, ts);
        e.addProperty("subtype", "me_message");
        return e;
    }

    /** An alert from an integration: bot_message with the details in an attachment. */
    public static JsonObject botMessage(
            String channel,
            String botId,
            String username,
            String text,
            String attachmentTitle,
            String attachmentText,
            String ts) {
        return Events.botMessage(
                channel,
                botId,
                username,
                text,
                ts,
                Events.attachment(attachmentTitle, attachmentText, "danger"));
    }

    public static JsonObject fileShare(
            String channel,
            String user,
            String text,
            String ts,
            String fileId,
            String name,
            String filetype) {
        JsonObject e = message(channel, user, text, ts);
        e.addProperty("subtype", "file_share");
        e.addProperty("upload", true);
        JsonArray files = new JsonArray();
        JsonObject f = new JsonObject();
        f.addProperty("id", fileId);
        f.addProperty("name", name);
        f.addProperty("title", name);
        f.addProperty("mimetype", "image/png");
        f.addProperty("filetype", filetype);
        f.addProperty("size", 12345);
        f.addProperty(
                "url_private", "https://files.slack.com/files-pri/T0TEAM-" + fileId + "/" + name);
        f.addProperty(
                "permalink", "https://fake.slack.com/files/" + user + "/" + fileId + "/" + name);
        files.add(f);
        e.add("files", files);
        return e;
    }

    public static JsonObject messageChanged(
            String channel,
            String user,
            String ts,
            String oldText,
            String newText,
            String editTs,
            String eventTs) {
        return Events.messageChanged(channel, user, ts, oldText, newText, editTs, eventTs);
    }

    public static JsonObject messageDeleted(
            String channel, String user, String deletedTs, String oldText, String eventTs) {
        return Events.messageDeleted(channel, user, deletedTs, oldText, eventTs);
    }

    public static JsonObject reaction(
            boolean added,
            String channel,
            String user,
            String reaction,
            String ts,
            String eventTs) {
        JsonObject e = new JsonObject();
        e.addProperty("type", added ? "reaction_added" : "reaction_removed");
        e.addProperty("user", user);
        e.addProperty("reaction", reaction);
        e.addProperty("item_user", user);
        JsonObject item = new JsonObject();
        item.addProperty("type", "message");
        item.addProperty("channel", channel);
        item.addProperty("ts", ts);
        e.add("item", item);
        e.addProperty("event_ts", eventTs);
        return e;
    }

    public static JsonObject pin(
            boolean added, String channel, String user, String ts, String text, String eventTs) {
        JsonObject e = new JsonObject();
        e.addProperty("type", added ? "pin_added" : "pin_removed");
        e.addProperty("user", user);
        e.addProperty("channel_id", channel);
        JsonObject item = new JsonObject();
        item.addProperty("type", "message");
        item.addProperty("channel", channel);
        item.addProperty("created_by", user);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", text);
        message.addProperty("user", user);
        message.addProperty("ts", ts);
        item.add("message", message);
        e.add("item", item);
        e.addProperty("event_ts", eventTs);
        return e;
    }

    public static JsonObject memberJoined(String channel, String user, String inviter) {
        return FakeSlack.WORKSPACE.memberJoined(channel, user, inviter);
    }

    public static JsonObject channelJoin(String channel, String user, String ts) {
        JsonObject e = message(channel, user, "<@" + user + "> has joined the channel", ts);
        e.addProperty("subtype", "channel_join");
        return e;
    }
}
