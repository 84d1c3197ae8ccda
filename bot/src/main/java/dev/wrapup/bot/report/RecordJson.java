package dev.wrapup.bot.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * The record of an incident as JSON: incident, participants, every timeline entry in
 * order. With {@code full}, deleted text and earlier versions of edits too; without, each
 * entry as the channel shows it now.
 */
public final class RecordJson {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    private RecordJson() {
    }

    public static JsonObject build(Incident i, List<Participant> participants, List<TimelineEntry> entries,
                                   boolean full) {
        JsonObject root = new JsonObject();
        JsonObject incident = new JsonObject();
        incident.addProperty("id", i.id());
        incident.addProperty("kind", i.kind().name().toLowerCase());
        incident.addProperty("title", i.title());
        incident.addProperty("description", i.description());
        incident.addProperty("severity", i.severity() == null ? null : i.severity().label().toLowerCase());
        incident.addProperty("status", i.status().label());
        incident.addProperty("channel_id", i.channelId());
        incident.addProperty("channel_name", i.channelName());
        incident.addProperty("commander_id", i.commanderId());
        incident.addProperty("declared_by", i.declaredBy());
        incident.addProperty("summary", i.summary());
        incident.addProperty("started_at", iso(i.startedAt()));
        incident.addProperty("resolved_at", iso(i.resolvedAt()));
        root.add("incident", incident);

        JsonArray people = new JsonArray();
        for (Participant p : participants) {
            JsonObject o = new JsonObject();
            o.addProperty("user_id", p.userId());
            o.addProperty("display_name", p.displayName());
            o.addProperty("tz", p.tz());
            o.addProperty("joined_by", p.joinedBy());
            o.addProperty("first_seen", iso(p.firstSeen()));
            people.add(o);
        }
        root.add("participants", people);

        JsonArray timeline = new JsonArray();
        for (TimelineEntry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id());
            o.addProperty("kind", e.kind().label());
            o.addProperty("subtype", e.subtype());
            o.addProperty("ts", e.ts());
            o.addProperty("thread_ts", e.threadTs());
            o.addProperty("author_id", e.authorId());
            o.addProperty("author_name", e.authorName());
            boolean hidden = e.deleted() && !full;
            o.addProperty("text", hidden ? null : e.text());
            o.addProperty("occurred_at", iso(e.occurredAt()));
            o.addProperty("recorded_at", iso(e.recordedAt()));
            o.addProperty("edited_at", iso(e.editedAt()));
            o.addProperty("deleted", e.deleted());
            o.addProperty("deleted_at", iso(e.deletedAt()));
            o.addProperty("target_ts", e.targetTs());
            o.addProperty("key_moment", e.keyMoment());
            o.addProperty("pinned", e.pinned());
            o.addProperty("highlighted", e.highlighted());
            JsonArray files = new JsonArray();
            for (FileRef f : hidden ? List.<FileRef>of() : e.files()) {
                JsonObject file = new JsonObject();
                file.addProperty("id", f.id());
                file.addProperty("name", f.name());
                file.addProperty("type", f.type());
                file.addProperty("permalink", f.permalink());
                files.add(file);
            }
            o.add("files", files);
            JsonArray links = new JsonArray();
            if (!hidden) {
                e.links().forEach(links::add);
            }
            o.add("links", links);
            JsonArray versions = new JsonArray();
            for (TimelineEntry.Version v : full ? e.versions() : List.<TimelineEntry.Version>of()) {
                JsonObject version = new JsonObject();
                version.addProperty("text", v.text());
                version.addProperty("replaced_at", iso(v.replacedAt()));
                versions.add(version);
            }
            if (full) {
                o.add("previous_versions", versions);
            }
            timeline.add(o);
        }
        root.add("timeline", timeline);
        return root;
    }

    public static String render(JsonObject record) {
        return GSON.toJson(record);
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
