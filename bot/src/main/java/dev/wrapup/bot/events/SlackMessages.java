package dev.wrapup.bot.events;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.persistence.Timeline.NewEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns a Slack message (as events and conversations.history carry it) into a timeline entry. */
public final class SlackMessages {
    /**
     * Subtypes that are not messages of their own: edits and deletions change an existing entry,
     * pins are recorded from pin events, message_replied only announces a reply.
     */
    private static final Set<String> NOT_ENTRIES =
            Set.of(
                    "message_changed",
                    "message_deleted",
                    "message_replied",
                    "pinned_item",
                    "unpinned_item",
                    "ekm_access_denied",
                    "assistant_app_thread");

    private static final Set<String> SYSTEM_SUBTYPES =
            Set.of(
                    "channel_leave",
                    "channel_topic",
                    "channel_purpose",
                    "channel_name",
                    "channel_archive",
                    "channel_unarchive",
                    "group_join",
                    "group_leave",
                    "group_topic",
                    "group_purpose",
                    "group_name",
                    "channel_convert_to_private",
                    "channel_convert_to_public");

    private SlackMessages() {}

    static String string(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    static JsonObject object(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** The entry for a message, or empty for subtypes that are not entries of their own. */
    public static Optional<NewEntry> entry(
            long incidentId,
            String channelId,
            JsonObject msg,
            Function<String, Optional<String>> nameOf) {
        String subtype = string(msg, "subtype");
        String ts = string(msg, "ts");
        if ((subtype != null && NOT_ENTRIES.contains(subtype)) || !SlackTs.valid(ts)) {
            return Optional.empty();
        }
        String threadTs = string(msg, "thread_ts");
        String user = string(msg, "user");
        String botId = string(msg, "bot_id");
        String author = user != null ? user : botId;
        String authorName = user != null ? nameOf.apply(user).orElse(null) : null;
        if (authorName == null) {
            authorName = string(msg, "username");
        }
        if (authorName == null) {
            authorName = string(object(msg, "bot_profile"), "name");
        }
        List<FileRef> files = files(msg);
        EntryKind kind;
        if ("channel_join".equals(subtype) || "group_join".equals(subtype)) {
            kind = EntryKind.JOIN;
        } else if (subtype != null && SYSTEM_SUBTYPES.contains(subtype)) {
            kind = EntryKind.SYSTEM;
        } else if (!files.isEmpty()) {
            kind = EntryKind.FILE;
        } else if (threadTs != null && !threadTs.equals(ts)) {
            kind = EntryKind.THREAD_REPLY;
        } else {
            kind = EntryKind.MESSAGE;
        }
        return Optional.of(
                new NewEntry(
                        incidentId,
                        channelId,
                        kind,
                        subtype,
                        ts,
                        threadTs,
                        author,
                        authorName,
                        text(msg),
                        files,
                        SlackTs.toInstant(ts),
                        null));
    }

    /**
     * The message's words. Alerts from integrations often say everything in attachments, so their
     * pretext, title, text and fallback are kept too.
     */
    public static String text(JsonObject msg) {
        StringBuilder text = new StringBuilder(nullToEmpty(string(msg, "text")));
        JsonElement attachments = msg.get("attachments");
        if (attachments != null && attachments.isJsonArray()) {
            for (JsonElement a : attachments.getAsJsonArray()) {
                if (!a.isJsonObject()) {
                    continue;
                }
                JsonObject att = a.getAsJsonObject();
                List<String> parts = new ArrayList<>();
                for (String field : List.of("pretext", "title", "text")) {
                    String value = string(att, field);
                    if (value != null && !value.isBlank()) {
                        parts.add(value);
                    }
                }
                if (parts.isEmpty() && string(att, "fallback") != null) {
                    parts.add(string(att, "fallback"));
                }
                String link = string(att, "title_link");
                if (link != null) {
                    parts.add("<" + link + ">");
                }
                if (!parts.isEmpty()) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(String.join("\n", parts));
                }
            }
        }
        return text.toString();
    }

    public static List<FileRef> files(JsonObject msg) {
        JsonElement files = msg.get("files");
        if (files == null || !files.isJsonArray()) {
            return List.of();
        }
        List<FileRef> refs = new ArrayList<>();
        for (JsonElement f : (JsonArray) files) {
            if (!f.isJsonObject()) {
                continue;
            }
            JsonObject file = f.getAsJsonObject();
            String name =
                    string(file, "name") != null ? string(file, "name") : string(file, "title");
            String type =
                    string(file, "filetype") != null
                            ? string(file, "filetype")
                            : string(file, "mimetype");
            refs.add(new FileRef(string(file, "id"), name, type, string(file, "permalink")));
        }
        return refs;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
