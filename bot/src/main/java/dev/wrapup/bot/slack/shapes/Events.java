package dev.wrapup.bot.slack.shapes;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Message events that name no workspace, shaped as the Events API sends them (message subtypes);
 * {@link Workspace} builds the ones that do.
 */
public final class Events {
    private Events() {}

    /** An integration's message (bot_message), its details in one attachment. */
    public static JsonObject botMessage(
            String channel,
            String botId,
            String username,
            String text,
            String ts,
            JsonObject attachment) {
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
        attachments.add(attachment);
        e.add("attachments", attachments);
        return e;
    }

    /** A legacy message attachment, as alerting integrations still send them. */
    public static JsonObject attachment(String title, String text, String color) {
        JsonObject a = new JsonObject();
        a.addProperty("fallback", title + ": " + text);
        a.addProperty("title", title);
        a.addProperty("text", text);
        a.addProperty("color", color);
        return a;
    }

    /** The message at ts was edited from oldText to newText; editTs is when. */
    public static JsonObject messageChanged(
            String channel,
            String user,
            String ts,
            String oldText,
            String newText,
            String editTs,
            String eventTs) {
        JsonObject e = hidden("message_changed", channel, eventTs);
        JsonObject message = shortMessage(user, newText, ts);
        JsonObject edited = new JsonObject();
        edited.addProperty("user", user);
        edited.addProperty("ts", editTs);
        message.add("edited", edited);
        e.add("message", message);
        e.add("previous_message", shortMessage(user, oldText, ts));
        return e;
    }

    /** The message at deletedTs, which said oldText, was deleted. */
    public static JsonObject messageDeleted(
            String channel, String user, String deletedTs, String oldText, String eventTs) {
        JsonObject e = hidden("message_deleted", channel, eventTs);
        e.addProperty("deleted_ts", deletedTs);
        e.add("previous_message", shortMessage(user, oldText, deletedTs));
        return e;
    }

    private static JsonObject hidden(String subtype, String channel, String eventTs) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("subtype", subtype);
        e.addProperty("channel", channel);
        e.addProperty("hidden", true);
        e.addProperty("ts", eventTs);
        e.addProperty("event_ts", eventTs);
        return e;
    }

    /** A message as an edit or a deletion carries it: who, what, when. */
    private static JsonObject shortMessage(String user, String text, String ts) {
        JsonObject m = new JsonObject();
        m.addProperty("type", "message");
        m.addProperty("user", user);
        m.addProperty("text", text);
        m.addProperty("ts", ts);
        return m;
    }
}
