package dev.wrapup.bot.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.UUID;

/** Event payloads shaped like the ones Slack sends (Events API docs, message subtypes). */
public final class SlackEvents {
    private SlackEvents() {}

    public static JsonObject message(String channel, String user, String text, String ts) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("channel", channel);
        e.addProperty("user", user);
        e.addProperty("text", text);
        e.addProperty("ts", ts);
        e.addProperty("event_ts", ts);
        e.addProperty("channel_type", channel.startsWith("G") ? "group" : "channel");
        e.addProperty("client_msg_id", UUID.randomUUID().toString());
        e.addProperty("team", FakeSlack.TEAM_ID);
        return e;
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
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("subtype", "bot_message");
        e.addProperty("channel", channel);
        e.addProperty("bot_id", botId);
        e.addProperty("username", username);
        e.addProperty("text", text);
        e.addProperty("ts", ts);
        e.addProperty("event_ts", ts);
        JsonArray attachments = new JsonArray();
        JsonObject a = new JsonObject();
        a.addProperty("fallback", attachmentTitle + ": " + attachmentText);
        a.addProperty("title", attachmentTitle);
        a.addProperty("text", attachmentText);
        a.addProperty("color", "danger");
        attachments.add(a);
        e.add("attachments", attachments);
        return e;
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
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("subtype", "message_changed");
        e.addProperty("channel", channel);
        e.addProperty("hidden", true);
        e.addProperty("ts", eventTs);
        e.addProperty("event_ts", eventTs);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("user", user);
        message.addProperty("text", newText);
        message.addProperty("ts", ts);
        JsonObject edited = new JsonObject();
        edited.addProperty("user", user);
        edited.addProperty("ts", editTs);
        message.add("edited", edited);
        e.add("message", message);
        JsonObject previous = new JsonObject();
        previous.addProperty("type", "message");
        previous.addProperty("user", user);
        previous.addProperty("text", oldText);
        previous.addProperty("ts", ts);
        e.add("previous_message", previous);
        return e;
    }

    public static JsonObject messageDeleted(
            String channel, String user, String deletedTs, String oldText, String eventTs) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("subtype", "message_deleted");
        e.addProperty("channel", channel);
        e.addProperty("hidden", true);
        e.addProperty("ts", eventTs);
        e.addProperty("event_ts", eventTs);
        e.addProperty("deleted_ts", deletedTs);
        JsonObject previous = new JsonObject();
        previous.addProperty("type", "message");
        previous.addProperty("user", user);
        previous.addProperty("text", oldText);
        previous.addProperty("ts", deletedTs);
        e.add("previous_message", previous);
        return e;
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
        JsonObject e = new JsonObject();
        e.addProperty("type", "member_joined_channel");
        e.addProperty("user", user);
        e.addProperty("channel", channel);
        e.addProperty("channel_type", "C");
        e.addProperty("team", FakeSlack.TEAM_ID);
        if (inviter != null) {
            e.addProperty("inviter", inviter);
        }
        return e;
    }

    public static JsonObject channelJoin(String channel, String user, String ts) {
        JsonObject e = message(channel, user, "<@" + user + "> has joined the channel", ts);
        e.addProperty("subtype", "channel_join");
        return e;
    }
}
