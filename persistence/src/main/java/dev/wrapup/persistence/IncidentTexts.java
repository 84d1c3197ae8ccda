package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.INCIDENT;
import static dev.wrapup.persistence.jooq.Tables.SIMILAR_POST;
import static dev.wrapup.persistence.jooq.Tables.SIMILAR_SHOWN;
import static dev.wrapup.persistence.jooq.Tables.TIMELINE_ENTRY;
import static dev.wrapup.persistence.jooq.Tables.WRAPUP_COMMENT;

import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * The words of incidents, for finding past ones like the current one: what each says, and what
 * changed since a moment, so that a search index outside the database can follow it.
 */
public final class IncidentTexts {
    /** What people wrote, as opposed to what the bot noted (status changes, joins…). */
    private static final List<String> WRITTEN =
            Stream.of(EntryKind.MESSAGE, EntryKind.THREAD_REPLY, EntryKind.FILE, EntryKind.NOTE)
                    .map(EntryKind::label)
                    .toList();

    private final DSLContext dsl;

    public IncidentTexts(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * A row that changed: {@code key} names the row and the change (an entry recorded, edited or
     * deleted, a comment, an incident), so that a follower seeing the same change twice can tell.
     */
    public record Change(long incidentId, String key, Instant at) {}

    /** What the incident says, if it exists. */
    public Optional<IncidentText> text(long id) {
        return texts(List.of(id)).stream().findFirst();
    }

    /** What each of the incidents says, in the order of their ids. */
    public List<IncidentText> texts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> timeline = new HashMap<>();
        Map<Long, List<String>> moments = new HashMap<>();
        dsl.select(
                        TIMELINE_ENTRY.INCIDENT_ID,
                        TIMELINE_ENTRY.KIND,
                        TIMELINE_ENTRY.TEXT,
                        TIMELINE_ENTRY.PINNED,
                        TIMELINE_ENTRY.HIGHLIGHTED)
                .from(TIMELINE_ENTRY)
                .where(TIMELINE_ENTRY.INCIDENT_ID.in(ids))
                .and(TIMELINE_ENTRY.KIND.in(WRITTEN))
                .and(TIMELINE_ENTRY.DELETED_AT.isNull())
                .and(TIMELINE_ENTRY.TEXT.isNotNull())
                .orderBy(TIMELINE_ENTRY.INCIDENT_ID, TIMELINE_ENTRY.OCCURRED_AT, TIMELINE_ENTRY.ID)
                .fetch()
                .forEach(
                        r -> {
                            boolean moment =
                                    EntryKind.NOTE.label().equals(r.value2())
                                            || Boolean.TRUE.equals(r.value4())
                                            || Boolean.TRUE.equals(r.value5());
                            (moment ? moments : timeline)
                                    .computeIfAbsent(r.value1(), k -> new ArrayList<>())
                                    .add(r.value3());
                        });
        Map<Long, List<String>> comments = new HashMap<>();
        dsl.select(WRAPUP_COMMENT.INCIDENT_ID, WRAPUP_COMMENT.TEXT)
                .from(WRAPUP_COMMENT)
                .where(WRAPUP_COMMENT.INCIDENT_ID.in(ids))
                .orderBy(WRAPUP_COMMENT.INCIDENT_ID, WRAPUP_COMMENT.ID)
                .fetch()
                .forEach(
                        r ->
                                comments.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                                        .add(r.value2()));
        return dsl.select(
                        INCIDENT.ID,
                        INCIDENT.KIND,
                        INCIDENT.CHANNEL_ID,
                        INCIDENT.STARTED_AT,
                        INCIDENT.TITLE,
                        INCIDENT.DESCRIPTION)
                .from(INCIDENT)
                .where(INCIDENT.ID.in(ids))
                .orderBy(INCIDENT.ID)
                .fetch(
                        r ->
                                new IncidentText(
                                        r.value1(),
                                        IncidentKind.valueOf(r.value2()),
                                        r.value3(),
                                        r.value4(),
                                        r.value5(),
                                        // The description opens the timeline: it is what the
                                        // declarer wrote first.
                                        Stream.concat(
                                                        Stream.ofNullable(r.value6()),
                                                        timeline
                                                                .getOrDefault(r.value1(), List.of())
                                                                .stream())
                                                .toList(),
                                        moments.getOrDefault(r.value1(), List.of()),
                                        comments.getOrDefault(r.value1(), List.of())));
    }

    /** Up to {@code limit} incident ids above {@code afterId}, in order: for reading them all. */
    public List<Long> ids(long afterId, int limit) {
        return dsl.select(INCIDENT.ID)
                .from(INCIDENT)
                .where(INCIDENT.ID.gt(afterId))
                .orderBy(INCIDENT.ID)
                .limit(limit)
                .fetch(INCIDENT.ID);
    }

    /** The latest moment any incident's words changed, if any did. */
    public Optional<Instant> latestChange() {
        return Stream.of(
                        dsl.select(DSL.max(TIMELINE_ENTRY.RECORDED_AT))
                                .from(TIMELINE_ENTRY)
                                .fetchOne(0, Instant.class),
                        dsl.select(DSL.max(TIMELINE_ENTRY.EDITED_AT))
                                .from(TIMELINE_ENTRY)
                                .fetchOne(0, Instant.class),
                        dsl.select(DSL.max(TIMELINE_ENTRY.DELETED_AT))
                                .from(TIMELINE_ENTRY)
                                .fetchOne(0, Instant.class),
                        dsl.select(DSL.max(WRAPUP_COMMENT.CREATED_AT))
                                .from(WRAPUP_COMMENT)
                                .fetchOne(0, Instant.class),
                        dsl.select(DSL.max(INCIDENT.CREATED_AT))
                                .from(INCIDENT)
                                .fetchOne(0, Instant.class))
                .filter(Objects::nonNull)
                .max(Instant::compareTo);
    }

    /**
     * Every change to the words of incidents recorded at or after {@code since}: entries recorded,
     * edited or deleted, comments, incidents opened. Each uses its own index.
     */
    public List<Change> changedSince(Instant since) {
        List<Change> changes = new ArrayList<>();
        changes(changes, "t", TIMELINE_ENTRY.RECORDED_AT, since);
        changes(changes, "e", TIMELINE_ENTRY.EDITED_AT, since);
        changes(changes, "d", TIMELINE_ENTRY.DELETED_AT, since);
        dsl.select(WRAPUP_COMMENT.INCIDENT_ID, WRAPUP_COMMENT.ID, WRAPUP_COMMENT.CREATED_AT)
                .from(WRAPUP_COMMENT)
                .where(WRAPUP_COMMENT.CREATED_AT.ge(since))
                .fetch()
                .forEach(r -> changes.add(new Change(r.value1(), "c" + r.value2(), r.value3())));
        dsl.select(INCIDENT.ID, INCIDENT.CREATED_AT)
                .from(INCIDENT)
                .where(INCIDENT.CREATED_AT.ge(since))
                .fetch()
                .forEach(r -> changes.add(new Change(r.value1(), "i" + r.value1(), r.value2())));
        return changes;
    }

    private void changes(List<Change> into, String prefix, Field<Instant> at, Instant since) {
        dsl.select(TIMELINE_ENTRY.INCIDENT_ID, TIMELINE_ENTRY.ID, at)
                .from(TIMELINE_ENTRY)
                .where(at.ge(since))
                .fetch()
                .forEach(
                        r ->
                                into.add(
                                        new Change(
                                                r.value1(),
                                                prefix + r.value2() + "@" + r.value3(),
                                                r.value3())));
    }

    /** How many timeline entries of the incident people wrote (messages, replies, files, notes). */
    public int writtenEntries(long incidentId) {
        return dsl.fetchCount(
                TIMELINE_ENTRY,
                TIMELINE_ENTRY
                        .INCIDENT_ID
                        .eq(incidentId)
                        .and(TIMELINE_ENTRY.KIND.in(WRITTEN))
                        .and(TIMELINE_ENTRY.DELETED_AT.isNull()));
    }

    /**
     * Claims the post of suggestions on this occasion ("declare" or "ten") for the incident: true
     * for the first caller only, across every replica and restart.
     */
    public boolean claimPost(Tx tx, long incidentId, String occasion, Instant at) {
        try {
            return tx.dsl()
                            .insertInto(SIMILAR_POST)
                            .set(SIMILAR_POST.INCIDENT_ID, incidentId)
                            .set(SIMILAR_POST.OCCASION, occasion)
                            .set(SIMILAR_POST.CLAIMED_AT, at)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException claimedMeanwhile) {
            return false; // H2's MERGE let two callers past the check; the key stopped the second
        }
    }

    /** Notes that a post in the incident's channel showed these past incidents. */
    public void shown(Tx tx, long incidentId, Collection<Long> pastIncidentIds, Instant at) {
        for (long past : pastIncidentIds) {
            try {
                tx.dsl()
                        .insertInto(SIMILAR_SHOWN)
                        .set(SIMILAR_SHOWN.INCIDENT_ID, incidentId)
                        .set(SIMILAR_SHOWN.PAST_INCIDENT_ID, past)
                        .set(SIMILAR_SHOWN.SHOWN_AT, at)
                        .onConflictDoNothing()
                        .execute();
            } catch (IntegrityConstraintViolationException shownMeanwhile) {
                // another replica noted it first: the same fact
            }
        }
    }

    /** The past incidents posts in the incident's channel have shown so far. */
    public Set<Long> shown(long incidentId) {
        return Set.copyOf(
                dsl.select(SIMILAR_SHOWN.PAST_INCIDENT_ID)
                        .from(SIMILAR_SHOWN)
                        .where(SIMILAR_SHOWN.INCIDENT_ID.eq(incidentId))
                        .fetch(SIMILAR_SHOWN.PAST_INCIDENT_ID));
    }
}
