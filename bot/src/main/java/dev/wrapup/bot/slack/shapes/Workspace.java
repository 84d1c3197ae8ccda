package dev.wrapup.bot.slack.shapes;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The workspace a request to the bot comes from (its team id and domain), and the bodies Slack
 * posts to the bot on its behalf: slash commands, event deliveries, interactivity payloads.
 */
public record Workspace(String teamId, String domain) {
    /** The app the requests are for, as Slack names it in api_app_id. */
    public static final String APP_ID = "A0WRAPUP";

    /** The deprecated verification token Slack still sends; the bot checks signatures instead. */
    private static final String TOKEN = "unused";

    /**
     * A slash command's form body. Slack gives each invocation its own response_url, so the same
     * command sent twice is two requests, not a replay.
     */
    public String slashCommand(
            String command,
            String text,
            String userId,
            String userName,
            String channelId,
            String channelName,
            String responseUrl,
            String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", TOKEN);
        form.put("team_id", teamId);
        form.put("team_domain", domain);
        form.put("channel_id", channelId);
        form.put("channel_name", channelName);
        form.put("user_id", userId);
        form.put("user_name", userName);
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return FormBody.encode(form);
    }

    /** An Events API delivery (event_callback) wrapping the event. */
    public JsonObject eventCallback(JsonObject event, String eventId, Instant eventTime) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("token", TOKEN);
        envelope.addProperty("team_id", teamId);
        envelope.addProperty("api_app_id", APP_ID);
        envelope.add("event", event);
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("event_id", eventId);
        envelope.addProperty("event_time", eventTime.getEpochSecond());
        envelope.addProperty("event_context", UUID.randomUUID().toString());
        return envelope;
    }

    /**
     * The part every interactivity payload shares (type, team, user, app); the caller adds the
     * actions or the view.
     */
    public JsonObject interaction(String type, String userId, String userName) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", type);
        JsonObject team = new JsonObject();
        team.addProperty("id", teamId);
        team.addProperty("domain", domain);
        payload.add("team", team);
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", userName);
        user.addProperty("team_id", teamId);
        payload.add("user", user);
        payload.addProperty("api_app_id", APP_ID);
        payload.addProperty("token", TOKEN);
        return payload;
    }

    /** A click on a button, as a block_actions payload carries it. */
    public JsonObject buttonClick(
            String userId,
            String userName,
            String triggerId,
            String actionId,
            String blockId,
            String value,
            String actionTs) {
        JsonObject payload = interaction("block_actions", userId, userName);
        payload.addProperty("trigger_id", triggerId);
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", blockId);
        action.addProperty("type", "button");
        action.addProperty("value", value);
        action.addProperty("action_ts", actionTs);
        JsonArray actions = new JsonArray();
        actions.add(action);
        payload.add("actions", actions);
        return payload;
    }

    /** A person's message in a channel, as the Events API delivers it. */
    public JsonObject message(String channel, String user, String text, String ts) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("channel", channel);
        e.addProperty("user", user);
        e.addProperty("text", text);
        e.addProperty("ts", ts);
        e.addProperty("event_ts", ts);
        e.addProperty("channel_type", channel.startsWith("G") ? "group" : "channel");
        e.addProperty("client_msg_id", UUID.randomUUID().toString());
        e.addProperty("team", teamId);
        return e;
    }

    /** Someone joined a channel; the inviter is null when they joined by themselves. */
    public JsonObject memberJoined(String channel, String user, String inviter) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "member_joined_channel");
        e.addProperty("user", user);
        e.addProperty("channel", channel);
        e.addProperty("channel_type", "C");
        e.addProperty("team", teamId);
        if (inviter != null) {
            e.addProperty("inviter", inviter);
        }
        return e;
    }
}
