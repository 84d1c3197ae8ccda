package dev.wrapup.bot.slack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack mrkdwn helpers: mentions in, date tokens and escaped text out. */
public final class SlackText {
    private static final Pattern USER_MENTION =
            Pattern.compile("^<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>$");
    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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

    /** Cuts text to Slack's limits, marking the cut. */
    public static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Escapes the three characters Slack's mrkdwn treats as control characters. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
