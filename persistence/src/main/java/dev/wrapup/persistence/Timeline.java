package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.TIMELINE_ENTRY;
import static dev.wrapup.persistence.jooq.Tables.TIMELINE_ENTRY_VERSION;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.jooq.tables.records.TimelineEntryRecord;
import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Timeline entries: added once per Slack message, edited with history, never removed.
 *
 * <p>One class though over 250 lines: it holds the queries of one table and of its versions, which
 * an edit writes together and a read joins; the rules for fitting text and files are apart, in
 * {@link TimelineFit}.
 */
public final class Timeline {
    private static final Gson GSON = new Gson();
    private static final Type FILES = new TypeToken<List<FileRef>>() {}.getType();

    /** SQL's "unique violation", on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Field<?>[] ADD_COLUMNS = {
        TIMELINE_ENTRY.INCIDENT_ID, TIMELINE_ENTRY.CHANNEL_ID, TIMELINE_ENTRY.KIND,
                TIMELINE_ENTRY.SUBTYPE,
        TIMELINE_ENTRY.TS, TIMELINE_ENTRY.THREAD_TS, TIMELINE_ENTRY.AUTHOR_ID,
                TIMELINE_ENTRY.AUTHOR_NAME,
        TIMELINE_ENTRY.TEXT, TIMELINE_ENTRY.FILES, TIMELINE_ENTRY.OCCURRED_AT,
                TIMELINE_ENTRY.RECORDED_AT,
        TIMELINE_ENTRY.TARGET_TS
    };

    private final DSLContext dsl;
    private final String addSql;

    public Timeline(Database database) {
        this.dsl = database.dsl();
        this.addSql = addStatement(dsl);
    }

    /**
     * An entry to add. ts is null for entries that are not Slack messages (status changes, pins…).
     */
    public record NewEntry(
            long incidentId,
            String channelId,
            EntryKind kind,
            String subtype,
            String ts,
            String threadTs,
            String authorId,
            String authorName,
            String text,
            List<FileRef> files,
            Instant occurredAt,
            String targetTs) {
        public NewEntry {
            files = files == null ? List.of() : List.copyOf(files);
        }

        /** An entry the bot makes for a command or a change of state. */
        public static NewEntry of(
                long incidentId,
                String channelId,
                EntryKind kind,
                String authorId,
                String authorName,
                String text,
                Instant at) {
            return new NewEntry(
                    incidentId,
                    channelId,
                    kind,
                    null,
                    null,
                    null,
                    authorId,
                    authorName,
                    text,
                    List.of(),
                    at,
                    null);
        }
    }

    /**
     * Adds the entry, its text and files cut to what the columns hold ({@link TimelineFit}); false
     * when a message with the same (channel, ts) is already recorded.
     */
    public boolean add(Tx tx, NewEntry e, Instant now) {
        return tx.dsl()
                .connectionResult(
                        c -> {
                            try (PreparedStatement s = c.prepareStatement(addSql)) {
                                // In the order of ADD_COLUMNS.
                                s.setLong(1, e.incidentId());
                                s.setString(2, e.channelId());
                                s.setString(3, e.kind().label());
                                s.setString(4, TimelineFit.subtype(e.subtype()));
                                s.setString(5, e.ts());
                                s.setString(6, e.threadTs());
                                s.setString(7, e.authorId());
                                s.setString(8, TimelineFit.authorName(e.authorName()));
                                s.setString(9, TimelineFit.text(e.text()));
                                s.setString(10, TimelineFit.files(e.files()));
                                s.setObject(
                                        11,
                                        OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                                s.setObject(12, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                                s.setString(13, e.targetTs());
                                return s.executeUpdate() == 1;
                            } catch (SQLException duplicate) {
                                if (UNIQUE_VIOLATION.equals(duplicate.getSQLState())) {
                                    return false; // H2: the message is already recorded; the
                                    // transaction goes on
                                }
                                throw duplicate;
                            }
                        });
    }

    /**
     * The statement {@link #add} runs, rendered once: every message in an incident channel is one,
     * and jOOQ building "insert unless present" anew each time cost more than the database running
     * it. On PostgreSQL it is an insert that does nothing on a conflict of (channel, ts). On H2,
     * whose form of that is a MERGE costing twice a plain insert, it is a plain insert whose
     * duplicate-key error {@link #add} takes as "already recorded": H2 undoes just the failed
     * statement, not the transaction. Entries without a ts never conflict.
     */
    private static String addStatement(DSLContext dsl) {
        var insert =
                dsl.insertInto(TIMELINE_ENTRY, ADD_COLUMNS)
                        .values(
                                Arrays.stream(ADD_COLUMNS)
                                        .map(f -> (Field<?>) DSL.param(f.getName(), f))
                                        .toList());
        Query query =
                dsl.dialect().family() == SQLDialect.POSTGRES
                        ? insert.onConflict(TIMELINE_ENTRY.CHANNEL_ID, TIMELINE_ENTRY.TS)
                                .doNothing()
                        : insert;
        return dsl.render(query);
    }

    /**
     * The message now reads editedText (cut to fit as {@link #add} cuts it): the text it replaces
     * is kept as a version. Nothing changes when the text is the same (Slack also sends
     * message_changed for unfurls and thread replies). False when the message is not recorded.
     */
    public boolean edit(
            Tx tx,
            String channelId,
            String ts,
            String editedText,
            List<FileRef> files,
            Instant at) {
        String newText = TimelineFit.text(editedText);
        TimelineEntryRecord r =
                tx.dsl()
                        .selectFrom(TIMELINE_ENTRY)
                        .where(entry(channelId, ts))
                        .forUpdate()
                        .fetchOne();
        if (r == null) {
            return false;
        }
        if (!Objects.equals(r.getText(), newText)) {
            tx.dsl()
                    .insertInto(TIMELINE_ENTRY_VERSION)
                    .set(TIMELINE_ENTRY_VERSION.ENTRY_ID, r.getId())
                    .set(TIMELINE_ENTRY_VERSION.TEXT, r.getText())
                    .set(TIMELINE_ENTRY_VERSION.REPLACED_AT, at)
                    .execute();
            r.setText(newText);
            r.setEditedAt(at);
        }
        if (files != null && !files.isEmpty()) {
            r.setFiles(TimelineFit.files(files));
        }
        r.store();
        return true;
    }

    /** Marks the message deleted, keeping its text. False when it is not recorded. */
    public boolean markDeleted(Tx tx, String channelId, String ts, Instant at) {
        return tx.dsl()
                        .update(TIMELINE_ENTRY)
                        .set(TIMELINE_ENTRY.DELETED_AT, at)
                        .where(entry(channelId, ts))
                        .and(TIMELINE_ENTRY.DELETED_AT.isNull())
                        .execute()
                == 1;
    }

    public boolean setPinned(Tx tx, String channelId, String ts, boolean pinned) {
        return tx.dsl()
                        .update(TIMELINE_ENTRY)
                        .set(TIMELINE_ENTRY.PINNED, pinned)
                        .where(entry(channelId, ts))
                        .execute()
                == 1;
    }

    public boolean setHighlighted(Tx tx, String channelId, String ts, boolean highlighted) {
        return tx.dsl()
                        .update(TIMELINE_ENTRY)
                        .set(TIMELINE_ENTRY.HIGHLIGHTED, highlighted)
                        .where(entry(channelId, ts))
                        .execute()
                == 1;
    }

    /** The entry of the message, which is unique by its channel and ts. */
    private static Condition entry(String channelId, String ts) {
        return TIMELINE_ENTRY.CHANNEL_ID.eq(channelId).and(TIMELINE_ENTRY.TS.eq(ts));
    }

    public Optional<TimelineEntry> find(String channelId, String ts) {
        return dsl.selectFrom(TIMELINE_ENTRY)
                .where(entry(channelId, ts))
                .fetchOptional()
                .map(r -> map(r, versions(List.of(r.getId())).getOrDefault(r.getId(), List.of())));
    }

    /** Entries whose author's name was not known when they were recorded get it now. */
    public void fillAuthorName(String userId, String name) {
        dsl.update(TIMELINE_ENTRY)
                .set(TIMELINE_ENTRY.AUTHOR_NAME, name)
                .where(TIMELINE_ENTRY.AUTHOR_ID.eq(userId).and(TIMELINE_ENTRY.AUTHOR_NAME.isNull()))
                .execute();
    }

    /** Every entry of the incident in the order things happened, each with its earlier versions. */
    public List<TimelineEntry> entries(long incidentId) {
        List<TimelineEntryRecord> records =
                dsl.selectFrom(TIMELINE_ENTRY)
                        .where(TIMELINE_ENTRY.INCIDENT_ID.eq(incidentId))
                        .orderBy(TIMELINE_ENTRY.OCCURRED_AT, TIMELINE_ENTRY.ID)
                        .fetch();
        Map<Long, List<TimelineEntry.Version>> versions =
                versions(records.stream().map(TimelineEntryRecord::getId).toList());
        return records.stream()
                .map(r -> map(r, versions.getOrDefault(r.getId(), List.of())))
                .toList();
    }

    public int count(long incidentId) {
        return dsl.fetchCount(TIMELINE_ENTRY, TIMELINE_ENTRY.INCIDENT_ID.eq(incidentId));
    }

    private Map<Long, List<TimelineEntry.Version>> versions(List<Long> entryIds) {
        if (entryIds.isEmpty()) {
            return Map.of();
        }
        return dsl
                .selectFrom(TIMELINE_ENTRY_VERSION)
                .where(TIMELINE_ENTRY_VERSION.ENTRY_ID.in(entryIds))
                .orderBy(TIMELINE_ENTRY_VERSION.ID)
                .fetch()
                .stream()
                .collect(
                        Collectors.groupingBy(
                                v -> v.getEntryId(),
                                LinkedHashMap::new,
                                Collectors.mapping(
                                        v ->
                                                new TimelineEntry.Version(
                                                        v.getText(), v.getReplacedAt()),
                                        Collectors.toList())));
    }

    private static TimelineEntry map(TimelineEntryRecord r, List<TimelineEntry.Version> versions) {
        List<FileRef> files = r.getFiles() == null ? List.of() : GSON.fromJson(r.getFiles(), FILES);
        return new TimelineEntry(
                r.getId(),
                r.getIncidentId(),
                EntryKind.parse(r.getKind()),
                r.getSubtype(),
                r.getTs(),
                r.getThreadTs(),
                r.getAuthorId(),
                r.getAuthorName(),
                r.getText(),
                files,
                r.getOccurredAt(),
                r.getRecordedAt(),
                r.getEditedAt(),
                r.getDeletedAt(),
                r.getTargetTs(),
                r.getPinned(),
                r.getHighlighted(),
                versions);
    }
}
