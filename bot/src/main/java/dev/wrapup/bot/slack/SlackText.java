package dev.wrapup.bot.slack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack mrkdwn helpers: mentions in; date tokens, escaped text and harmless broadcasts out. */
public final class SlackText {
    private static final Pattern USER_MENTION =
            Pattern.compile("^<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>$");
    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Blocks are sent as written: no HTML escaping of their '<' and '>'. */
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    private SlackText() {}

    /** The user id in a mention as Slack escapes it: &lt;@U123&gt; or &lt;@U123|name&gt;. */
    public static Optional<String> userId(String mention) {
        Matcher m = USER_MENTION.matcher(mention == null ? "" : mention.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static String mention(String userId) {
        return userId == null ? "someone" : "<@" + userId + ">";
    }

    /** A date every reader sees in their own timezone, with a UTC fallback for old clients. */
    public static String date(Instant at) {
        return "<!date^"
                + at.getEpochSecond()
                + "^{date_short_pretty} at {time}|"
                + FALLBACK.format(at)
                + ">";
    }

    private static final Pattern BROADCAST =
            Pattern.compile("<!(channel|here|everyone)(?:\\|[^>]*)?>");
    private static final Pattern SUBTEAM =
            Pattern.compile("<!subteam\\^([A-Z0-9]+)(?:\\|@?([^>]*))?>");

    /**
     * Text bound for a company-wide channel can never ping everyone: @channel, @here,
     *
     * @everyone and user-group mentions become plain words (a zero-width space after the @ keeps
     *     Slack from turning them back into mentions).
     */
    public static String neutraliseBroadcasts(String text) {
        if (text == null) {
            return null;
        }
        String out = BROADCAST.matcher(text).replaceAll("@\u200B$1");
        Matcher m = SUBTEAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null && !m.group(2).isBlank() ? m.group(2) : "group";
            m.appendReplacement(sb, Matcher.quoteReplacement("@\u200B" + name));
        }
        m.appendTail(sb);
        // Typed without Slack's markup, these still ping when a message is posted with link_names.
        return sb.toString().replaceAll("(?i)@(channel|here|everyone)\\b", "@\u200B$1");
    }

    /**
     * Block Kit JSON with every text's broadcasts made harmless, read as JSON so that escaped '<'
     * count too.
     */
    static String neutraliseBlocks(String blocks) {
        if (blocks == null) {
            return null;
        }
        try {
            return JSON.toJson(neutralise(JsonParser.parseString(blocks)));
        } catch (JsonParseException e) {
            return neutraliseBroadcasts(blocks);
        }
    }

    private static JsonElement neutralise(JsonElement json) {
        if (json.isJsonArray()) {
            JsonArray out = new JsonArray();
            json.getAsJsonArray().forEach(e -> out.add(neutralise(e)));
            return out;
        }
        if (json.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                JsonElement value = e.getValue();
                out.add(
                        e.getKey(),
                        e.getKey().equals("text")
                                        && value.isJsonPrimitive()
                                        && value.getAsJsonPrimitive().isString()
                                ? new JsonPrimitive(neutraliseBroadcasts(value.getAsString()))
                                : neutralise(value));
            }
            return out;
        }
        return json;
    }

    /** Cuts text to Slack's limits, marking the cut. */
    public static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Escapes the three characters Slack's mrkdwn treats as control characters. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
