package dev.wrapup.bot.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each participant saw, printed as it happens under a heading of who saw it ("#inc-…
 * (everyone)", "Alice (only you)", "DM to Bob", "Modal: …"), every line labelled as the stand-in's.
 */
final class Transcript {
    static final String PREFIX = "[stand-in] ";
    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern SPECIAL =
            Pattern.compile("<!([a-z]+)(?:\\^[^|>]*)*(?:\\|([^>]*))?>");
    private static final Pattern LINK = Pattern.compile("<([^|>]+)(?:\\|([^>]*))?>");

    private final PrintStream out;
    private String heading = "";
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private volatile SlackStandIn slack;

    Transcript(PrintStream out) {
        this.out = out;
    }

    void readingNamesFrom(SlackStandIn slack) {
        this.slack = slack;
    }

    /** The bot's answer to a command, seen only by whoever typed it. */
    synchronized void answered(String audience, String text) {
        line(audience, "Wrapup: " + readable(text));
    }

    /** A line of the story's own, without a heading: what is about to happen. */
    synchronized void narrate(String text) {
        heading = "";
        out.println(PREFIX);
        out.println(PREFIX + "── " + text);
    }

    /** What a person did that the audience saw. */
    synchronized void saw(String audience, String who, String text) {
        line(audience, who + ": " + readable(text));
    }

    synchronized void show(SlackStandIn.Call call) {
        String channel = call.param("channel");
        switch (call.method()) {
            case "chat.postMessage" -> {
                String where = slack.where(channel);
                String audience = where.startsWith("#") ? where + " (everyone)" : where;
                if (!call.param("thread_ts").isEmpty()) {
                    audience += ", in a thread";
                }
                line(audience, "Wrapup: " + message(call));
            }
            case "chat.update" ->
                    line(
                            slack.where(channel) + " (everyone)",
                            "Wrapup updated its message: " + firstLine(message(call)));
            case "chat.postEphemeral" ->
                    line(
                            slack.name(call.param("user"))
                                    + " (only you, in "
                                    + slack.where(channel)
                                    + ")",
                            "Wrapup: " + message(call));
            case "views.open" -> {
                JsonObject view = JsonParser.parseString(call.param("view")).getAsJsonObject();
                line(
                        "Modal: " + view.getAsJsonObject("title").get("text").getAsString(),
                        blocks(view.getAsJsonArray("blocks")));
            }
            case "conversations.create" -> line("Slack", "Wrapup created #" + call.param("name"));
            case "conversations.invite" -> {
                List<String> names = new ArrayList<>();
                for (String user : call.param("users").split(",")) {
                    names.add(slack.name(user));
                }
                line(
                        "Slack",
                        "Wrapup invited "
                                + String.join(", ", names)
                                + " to "
                                + slack.where(channel));
            }
            case "pins.add" -> line("Slack", "Wrapup pinned its header in " + slack.where(channel));
            case "files.completeUploadExternal" -> {
                JsonObject file =
                        JsonParser.parseString(call.param("files"))
                                .getAsJsonArray()
                                .get(0)
                                .getAsJsonObject();
                StringBuilder shown =
                        new StringBuilder(
                                "Wrapup shared a file: " + file.get("title").getAsString());
                String content = uploads.getOrDefault(file.get("id").getAsString(), "");
                if (content.startsWith("# ")) {
                    String[] lines = content.split("\n");
                    for (int i = 0; i < Math.min(14, lines.length); i++) {
                        shown.append("\n  | ").append(lines[i]);
                    }
                    if (lines.length > 14) {
                        shown.append("\n  | … (").append(lines.length - 14).append(" more lines)");
                    }
                }
                line(slack.where(call.param("channel_id")) + " (everyone)", shown.toString());
            }
            default -> {
                // Look-ups (users.info, conversations.members…), sign-in and the Home tab are
                // not something a participant sees in a channel.
            }
        }
    }

    /** A file's bytes as they were uploaded, shown when it is shared. */
    void uploaded(String fileId, String content) {
        uploads.put(fileId, content);
    }

    private void line(String audience, String text) {
        if (!audience.equals(heading)) {
            heading = audience;
            out.println(PREFIX);
            out.println(PREFIX + audience);
        }
        for (String l : text.split("\n")) {
            out.println(PREFIX + "    " + l);
        }
    }

    private String message(SlackStandIn.Call call) {
        String blocks = call.param("blocks");
        if (!blocks.isEmpty()) {
            String rendered = blocks(JsonParser.parseString(blocks).getAsJsonArray());
            if (!rendered.isBlank()) {
                return rendered;
            }
        }
        return readable(call.param("text"));
    }

    private String blocks(JsonArray blocks) {
        List<String> lines = new ArrayList<>();
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            switch (block.get("type").getAsString()) {
                case "header", "section" -> {
                    if (block.has("text")) {
                        lines.add(text(block.get("text")));
                    }
                    if (block.has("fields")) {
                        List<String> fields = new ArrayList<>();
                        for (JsonElement f : block.getAsJsonArray("fields")) {
                            fields.add(text(f).replace('\n', ' '));
                        }
                        lines.add(String.join(" · ", fields));
                    }
                    if (block.has("accessory")) {
                        lines.add(element(block.getAsJsonObject("accessory")));
                    }
                }
                case "context" -> {
                    List<String> parts = new ArrayList<>();
                    for (JsonElement e : block.getAsJsonArray("elements")) {
                        if (e.getAsJsonObject().has("text")) {
                            parts.add(text(e));
                        }
                    }
                    lines.add(String.join(" · ", parts));
                }
                case "actions" -> {
                    List<String> parts = new ArrayList<>();
                    for (JsonElement e : block.getAsJsonArray("elements")) {
                        parts.add(element(e.getAsJsonObject()));
                    }
                    lines.add(String.join(" ", parts));
                }
                case "input" -> lines.add(text(block.get("label")) + ": [ … ]");
                case "divider" -> lines.add("---");
                default -> {}
            }
        }
        return String.join("\n", lines.stream().filter(l -> !l.isBlank()).toList());
    }

    private String element(JsonObject element) {
        return element.has("text") ? "[" + text(element.get("text")) + "]" : "";
    }

    private String text(JsonElement text) {
        return text.isJsonObject() && text.getAsJsonObject().has("text")
                ? readable(text.getAsJsonObject().get("text").getAsString())
                : "";
    }

    /** Slack's markup as a person reads it: names for mentions, labels for links. */
    private String readable(String mrkdwn) {
        String s = replace(MENTION, mrkdwn, m -> "@" + slack.name(m.group(1)));
        s =
                replace(
                        CHANNEL,
                        s,
                        m -> m.group(2) != null ? "#" + m.group(2) : slack.where(m.group(1)));
        s = replace(SPECIAL, s, m -> m.group(2) != null ? m.group(2) : "@" + m.group(1));
        s =
                replace(
                        LINK,
                        s,
                        m ->
                                m.group(2) != null
                                        ? m.group(2) + " (" + m.group(1) + ")"
                                        : m.group(1));
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String replace(
            Pattern pattern, String text, java.util.function.Function<MatchResult, String> with) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply(m)));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " …";
    }
}
