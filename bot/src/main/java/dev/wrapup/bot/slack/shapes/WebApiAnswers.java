package dev.wrapup.bot.slack.shapes;

import com.google.gson.JsonObject;
import java.time.Instant;

/** The Web API's answers as Slack writes them: ok or error bodies and the objects they carry. */
public final class WebApiAnswers {
    private WebApiAnswers() {}

    /** {"ok":true}, for the caller to add the method's fields to. */
    public static JsonObject ok() {
        JsonObject o = new JsonObject();
        o.addProperty("ok", true);
        return o;
    }

    /** {"ok":false,"error":…}: how Slack refuses a request it understood. */
    public static JsonObject error(String error) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.addProperty("error", error);
        return o;
    }

    /** auth.test's answer: who the bot token belongs to. */
    public static JsonObject authTest(
            String url, String team, String teamId, String userId, String botId) {
        JsonObject o = ok();
        o.addProperty("url", url);
        o.addProperty("team", team);
        o.addProperty("user", "wrapup");
        o.addProperty("team_id", teamId);
        o.addProperty("user_id", userId);
        o.addProperty("bot_id", botId);
        return o;
    }

    /** The user object users.info carries; the handle is the display name in lower case. */
    public static JsonObject user(
            String teamId,
            String id,
            String displayName,
            String realName,
            String tz,
            int tzOffset,
            boolean bot) {
        JsonObject u = new JsonObject();
        u.addProperty("id", id);
        u.addProperty("team_id", teamId);
        u.addProperty("name", displayName.toLowerCase().replace(' ', '.'));
        u.addProperty("real_name", realName);
        u.addProperty("tz", tz);
        u.addProperty("tz_label", tz);
        u.addProperty("tz_offset", tzOffset);
        u.addProperty("is_bot", bot);
        JsonObject profile = new JsonObject();
        profile.addProperty("display_name", displayName);
        profile.addProperty("real_name", realName);
        u.add("profile", profile);
        return u;
    }

    /** The channel object conversations.create, .info, .join and .invite carry. */
    public static JsonObject channel(String id, String name, boolean isPrivate, Instant created) {
        JsonObject c = new JsonObject();
        c.addProperty("id", id);
        c.addProperty("name", name);
        c.addProperty("is_channel", !isPrivate);
        c.addProperty("is_group", isPrivate);
        c.addProperty("is_private", isPrivate);
        c.addProperty("created", created.getEpochSecond());
        return c;
    }

    /** openid.connect.token's answer: the access token a sign-in's code was exchanged for. */
    public static JsonObject openIdToken(String accessToken) {
        JsonObject o = ok();
        o.addProperty("access_token", accessToken);
        o.addProperty("token_type", "Bearer");
        o.addProperty("id_token", "header.payload.signature");
        return o;
    }

    /** openid.connect.userInfo's answer: who signed in, in the claims Slack names. */
    public static JsonObject openIdUserInfo(String userId, String teamId, String name) {
        JsonObject o = ok();
        o.addProperty("sub", userId);
        o.addProperty("https://slack.com/user_id", userId);
        o.addProperty("https://slack.com/team_id", teamId);
        o.addProperty("name", name);
        return o;
    }
}
