package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.TIMELINE_ENTRY;
import static dev.wrapup.persistence.jooq.Tables.TIMELINE_ENTRY_VERSION;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.jooq.tables.records.TimelineEntryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Timeline entries: added once per Slack message, edited with history, never removed. */
public final class Timeline {
    private static final Gson GSON = new Gson();
    private static final java.lang.reflect.Type FILES = new TypeToken<List<FileRef>>() { }.getType();

    private final DSLContext dsl;

    public Timeline(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** An entry to add. ts is null for entries that are not Slack messages (status changes, pins…). */
    public record NewEntry(long incidentId, String channelId, EntryKind kind, String subtype, String ts,
                           String threadTs, String authorId, String authorName, String text, List<FileRef> files,
                           Instant occurredAt, String targetTs) {
        public NewEntry {
            files = files == null ? List.of() : List.copyOf(files);
        }

        /** An entry the bot makes for a command or a change of state. */
        public static NewEntry of(long incidentId, String channelId, EntryKind kind, String authorId,
                                  String authorName, String text, Instant at) {
            return new NewEntry(incidentId, channelId, kind, null, null, null, authorId, authorName, text,
                    List.of(), at, null);
        }
    }

    /** Adds the entry; false when a message with the same (channel, ts) is already recorded. */
    public boolean add(DSLContext tx, NewEntry e, Instant now) {
        return tx.insertInto(TIMELINE_ENTRY)
                .set(TIMELINE_ENTRY.INCIDENT_ID, e.incidentId())
                .set(TIMELINE_ENTRY.CHANNEL_ID, e.channelId())
                .set(TIMELINE_ENTRY.KIND, e.kind().label())
                .set(TIMELINE_ENTRY.SUBTYPE, e.subtype())
                .set(TIMELINE_ENTRY.TS, e.ts())
                .set(TIMELINE_ENTRY.THREAD_TS, e.threadTs())
                .set(TIMELINE_ENTRY.AUTHOR_ID, e.authorId())
                .set(TIMELINE_ENTRY.AUTHOR_NAME, e.authorName())
                .set(TIMELINE_ENTRY.TEXT, e.text())
                .set(TIMELINE_ENTRY.FILES, e.files().isEmpty() ? null : GSON.toJson(e.files()))
                .set(TIMELINE_ENTRY.OCCURRED_AT, e.occurredAt())
                .set(TIMELINE_ENTRY.RECORDED_AT, now)
                .set(TIMELINE_ENTRY.TARGET_TS, e.targetTs())
                // The key named: a bare onConflictDoNothing() also matches on the id, and H2's
                // MERGE cannot use an index for "id = ? OR (channel_id, ts) = (?, ?)", so it
                // scanned the whole table on every insert. Entries without a ts never conflict.
                .onConflict(TIMELINE_ENTRY.CHANNEL_ID, TIMELINE_ENTRY.TS)
                .doNothing()
                .execute() == 1;
    }

    /**
     * The message now reads newText: the text it replaces is kept as a version. Nothing
     * changes when the text is the same (Slack also sends message_changed for unfurls
     * and thread replies). False when the message is not recorded.
     */
    public boolean edit(DSLContext tx, String channelId, String ts, String newText, List<FileRef> files, Instant at) {
        TimelineEntryRecord r = tx.selectFrom(TIMELINE_ENTRY)
                .where(TIMELINE_ENTRY.CHANNEL_ID.eq(channelId).and(TIMELINE_ENTRY.TS.eq(ts)))
                .forUpdate().fetchOne();
        if (r == null) {
            return false;
        }
        if (!Objects.equals(r.getText(), newText)) {
            tx.insertInto(TIMELINE_ENTRY_VERSION)
                    .set(TIMELINE_ENTRY_VERSION.ENTRY_ID, r.getId())
                    .set(TIMELINE_ENTRY_VERSION.TEXT, r.getText())
                    .set(TIMELINE_ENTRY_VERSION.REPLACED_AT, at)
                    .execute();
            r.setText(newText);
            r.setEditedAt(at);
        }
        if (files != null && !files.isEmpty()) {
            r.setFiles(GSON.toJson(files));
        }
        r.store();
        return true;
    }

    /** Marks the message deleted, keeping its text. False when it is not recorded. */
    public boolean markDeleted(DSLContext tx, String channelId, String ts, Instant at) {
        return tx.update(TIMELINE_ENTRY).set(TIMELINE_ENTRY.DELETED_AT, at)
                .where(TIMELINE_ENTRY.CHANNEL_ID.eq(channelId).and(TIMELINE_ENTRY.TS.eq(ts)))
                .and(TIMELINE_ENTRY.DELETED_AT.isNull())
                .execute() == 1;
    }

    public boolean setPinned(DSLContext tx, String channelId, String ts, boolean pinned) {
        return tx.update(TIMELINE_ENTRY).set(TIMELINE_ENTRY.PINNED, pinned)
                .where(TIMELINE_ENTRY.CHANNEL_ID.eq(channelId).and(TIMELINE_ENTRY.TS.eq(ts))).execute() == 1;
    }

    public boolean setHighlighted(DSLContext tx, String channelId, String ts, boolean highlighted) {
        return tx.update(TIMELINE_ENTRY).set(TIMELINE_ENTRY.HIGHLIGHTED, highlighted)
                .where(TIMELINE_ENTRY.CHANNEL_ID.eq(channelId).and(TIMELINE_ENTRY.TS.eq(ts))).execute() == 1;
    }

    public Optional<TimelineEntry> find(String channelId, String ts) {
        return dsl.selectFrom(TIMELINE_ENTRY)
                .where(TIMELINE_ENTRY.CHANNEL_ID.eq(channelId).and(TIMELINE_ENTRY.TS.eq(ts)))
                .fetchOptional()
                .map(r -> map(r, versions(List.of(r.getId())).getOrDefault(r.getId(), List.of())));
    }

    /** Entries whose author's name was not known when they were recorded get it now. */
    public void fillAuthorName(String userId, String name) {
        dsl.update(TIMELINE_ENTRY).set(TIMELINE_ENTRY.AUTHOR_NAME, name)
                .where(TIMELINE_ENTRY.AUTHOR_ID.eq(userId).and(TIMELINE_ENTRY.AUTHOR_NAME.isNull())).execute();
    }

    /** Every entry of the incident in the order things happened, each with its earlier versions. */
    public List<TimelineEntry> entries(long incidentId) {
        List<TimelineEntryRecord> records = dsl.selectFrom(TIMELINE_ENTRY)
                .where(TIMELINE_ENTRY.INCIDENT_ID.eq(incidentId))
                .orderBy(TIMELINE_ENTRY.OCCURRED_AT, TIMELINE_ENTRY.ID)
                .fetch();
        Map<Long, List<TimelineEntry.Version>> versions = versions(records.stream().map(TimelineEntryRecord::getId).toList());
        return records.stream().map(r -> map(r, versions.getOrDefault(r.getId(), List.of()))).toList();
    }

    public int count(long incidentId) {
        return dsl.fetchCount(TIMELINE_ENTRY, TIMELINE_ENTRY.INCIDENT_ID.eq(incidentId));
    }

    private Map<Long, List<TimelineEntry.Version>> versions(List<Long> entryIds) {
        if (entryIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(TIMELINE_ENTRY_VERSION)
                .where(TIMELINE_ENTRY_VERSION.ENTRY_ID.in(entryIds))
                .orderBy(TIMELINE_ENTRY_VERSION.ID)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(v -> v.getEntryId(), java.util.LinkedHashMap::new,
                        Collectors.mapping(v -> new TimelineEntry.Version(v.getText(), v.getReplacedAt()),
                                Collectors.toList())));
    }

    private static TimelineEntry map(TimelineEntryRecord r, List<TimelineEntry.Version> versions) {
        List<FileRef> files = r.getFiles() == null ? List.of() : GSON.fromJson(r.getFiles(), FILES);
        return new TimelineEntry(r.getId(), r.getIncidentId(), EntryKind.parse(r.getKind()), r.getSubtype(),
                r.getTs(), r.getThreadTs(), r.getAuthorId(), r.getAuthorName(), r.getText(), files,
                r.getOccurredAt(), r.getRecordedAt(), r.getEditedAt(), r.getDeletedAt(), r.getTargetTs(),
                r.getPinned(), r.getHighlighted(), versions);
    }
}
