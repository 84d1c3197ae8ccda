package dev.wrapup.bot.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.WrapUps.Publication;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The record of an incident as JSON, in the format docs/export-format.md describes: incident,
 * participants, every timeline entry in order, the wrap-up's comments and action items, the
 * analysis call, a maintenance window's plan and verdict, and the publication. With {@code full},
 * deleted text and earlier versions of edits too; without, each entry as the channel shows it now.
 * Everything else is the wrap-up's own record, with no deletions or earlier versions to hold back,
 * so it is the same either way.
 *
 * <p>Longer than most classes: it is one document's format, written field by field in the order the
 * format's documentation gives, so that the two can be checked against each other side by side.
 */
public final class RecordJson {
    /**
     * Raised when a field is removed or changes meaning; new fields may appear within a version.
     */
    public static final int FORMAT_VERSION = 2;

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    /**
     * Everything the record is made from; the call, the window and the publication are null when
     * there is none.
     */
    public record Contents(
            Incident incident,
            List<Participant> participants,
            List<TimelineEntry> timeline,
            List<WrapUpComment> comments,
            List<ActionItem> actions,
            AnalysisCall call,
            MaintenanceWindow maintenance,
            Publication publication) {}

    private RecordJson() {}

    public static JsonObject build(Contents c, boolean full) {
        JsonObject root = new JsonObject();
        root.addProperty("format_version", FORMAT_VERSION);
        root.add("incident", incident(c.incident()));
        JsonArray people = new JsonArray();
        for (Participant p : c.participants()) {
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
        c.timeline().forEach(e -> timeline.add(entry(e, full)));
        root.add("timeline", timeline);
        root.add("comments", comments(c.comments(), c.participants()));
        root.add("action_items", actions(c.actions()));
        root.add("analysis_call", c.call() == null ? JsonNull.INSTANCE : call(c.call()));
        root.add(
                "maintenance",
                c.maintenance() == null ? JsonNull.INSTANCE : maintenance(c.maintenance()));
        root.add(
                "publication",
                c.publication() == null ? JsonNull.INSTANCE : publication(c.publication()));
        return root;
    }

    public static String render(JsonObject record) {
        return GSON.toJson(record);
    }

    private static JsonObject incident(Incident i) {
        JsonObject incident = new JsonObject();
        incident.addProperty("id", i.id());
        incident.addProperty("kind", i.kind().name().toLowerCase(Locale.ROOT));
        incident.addProperty("title", i.title());
        incident.addProperty("description", i.description());
        incident.addProperty(
                "severity",
                i.severity() == null ? null : i.severity().label().toLowerCase(Locale.ROOT));
        incident.addProperty("status", i.status().label());
        incident.addProperty("channel_id", i.channelId());
        incident.addProperty("channel_name", i.channelName());
        incident.addProperty("commander_id", i.commanderId());
        incident.addProperty("facilitator_id", i.facilitatorId());
        incident.addProperty("declared_by", i.declaredBy());
        incident.addProperty("summary", i.summary());
        incident.addProperty("started_at", iso(i.startedAt()));
        incident.addProperty("resolved_at", iso(i.resolvedAt()));
        return incident;
    }

    private static JsonObject entry(TimelineEntry e, boolean full) {
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
        o.add("links", hidden ? new JsonArray() : strings(e.links()));
        if (full) {
            JsonArray versions = new JsonArray();
            for (TimelineEntry.Version v : e.versions()) {
                JsonObject version = new JsonObject();
                version.addProperty("text", v.text());
                version.addProperty("replaced_at", iso(v.replacedAt()));
                versions.add(version);
            }
            o.add("previous_versions", versions);
        }
        return o;
    }

    private static JsonArray comments(
            List<WrapUpComment> comments, List<Participant> participants) {
        Map<String, String> names =
                participants.stream()
                        .filter(p -> p.displayName() != null)
                        .collect(
                                Collectors.toMap(
                                        Participant::userId,
                                        Participant::displayName,
                                        (a, b) -> a));
        JsonArray array = new JsonArray();
        for (WrapUpComment comment : comments) {
            JsonObject o = new JsonObject();
            o.addProperty("id", comment.id());
            o.addProperty("user_id", comment.userId());
            o.addProperty("display_name", names.get(comment.userId()));
            o.addProperty("item", comment.item().word());
            o.addProperty("text", comment.text());
            o.addProperty("source", comment.source());
            o.addProperty("created_at", iso(comment.createdAt()));
            array.add(o);
        }
        return array;
    }

    private static JsonArray actions(List<ActionItem> actions) {
        JsonArray array = new JsonArray();
        for (ActionItem a : actions) {
            JsonObject o = new JsonObject();
            o.addProperty("number", a.number());
            o.addProperty("owner_id", a.ownerId());
            o.addProperty("text", a.text());
            o.addProperty("due_on", a.dueOn() == null ? null : a.dueOn().toString());
            o.addProperty("created_by", a.createdBy());
            o.addProperty("created_at", iso(a.createdAt()));
            o.addProperty("kind", a.kind().word());
            o.addProperty("state", a.state().code());
            o.addProperty("wont_do_reason", a.wontDoReason());
            o.addProperty("closed_at", iso(a.closedAt()));
            o.addProperty("done_at", iso(a.done() ? a.closedAt() : null));
            array.add(o);
        }
        return array;
    }

    private static JsonObject call(AnalysisCall call) {
        JsonObject o = new JsonObject();
        o.addProperty("status", call.status().name().toLowerCase(Locale.ROOT));
        o.addProperty("scheduled_at", iso(call.scheduledAt()));
        o.addProperty("started_at", iso(call.startedAt()));
        o.add("suited", strings(call.suited()));
        o.add("not_suited", strings(call.notSuited()));
        o.addProperty("sequence", call.sequence());
        o.addProperty("announcement_ts", call.announcementTs());
        o.addProperty("call_ts", call.callTs());
        return o;
    }

    private static JsonObject maintenance(MaintenanceWindow w) {
        JsonObject o = new JsonObject();
        o.addProperty("planned_start", iso(w.plannedStart()));
        o.addProperty("planned_end", iso(w.plannedEnd()));
        o.addProperty("zone", w.zone());
        o.addProperty("began_at", iso(w.beganAt()));
        o.addProperty("ended_at", iso(w.endedAt()));
        o.addProperty("heads_up_at", iso(w.headsUpAt()));
        o.addProperty("overrun_at", iso(w.overrunAt()));
        JsonArray steps = new JsonArray();
        for (MaintenanceWindow.Step s : w.steps()) {
            JsonObject step = new JsonObject();
            step.addProperty("number", s.number());
            step.addProperty("owner_id", s.ownerId());
            step.addProperty("text", s.text());
            step.addProperty("state", s.state().name().toLowerCase(Locale.ROOT));
            step.addProperty("failure", s.failure());
            steps.add(step);
        }
        o.add("steps", steps);
        JsonArray impacts = new JsonArray();
        for (MaintenanceWindow.Impact i : w.impacts()) {
            JsonObject impact = new JsonObject();
            impact.addProperty("user_id", i.userId());
            impact.addProperty("text", i.text());
            impact.addProperty("recorded_at", iso(i.at()));
            impacts.add(impact);
        }
        o.add("impacts", impacts);
        // As the report has it: a verdict once the window has ended, none while it is open.
        o.add("verdict", w.endedAt() == null ? JsonNull.INSTANCE : verdict(w.verdict(w.endedAt())));
        return o;
    }

    private static JsonObject verdict(MaintenanceWindow.Verdict v) {
        JsonObject o = new JsonObject();
        o.addProperty("success", v.success());
        o.addProperty("steps_planned", v.stepsPlanned());
        o.addProperty("steps_done", v.stepsDone());
        o.addProperty("steps_failed", v.stepsFailed());
        o.addProperty("impact", v.impact());
        o.addProperty("on_time", v.onTime());
        o.addProperty("overrun_seconds", v.overrun().toSeconds());
        return o;
    }

    private static JsonObject publication(Publication p) {
        JsonObject o = new JsonObject();
        o.addProperty("channel_id", p.channelId());
        o.addProperty("message_ts", p.messageTs());
        o.addProperty("file_id", p.fileId());
        o.addProperty("published_at", iso(p.publishedAt()));
        o.addProperty("include_timeline", p.includeTimeline());
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
