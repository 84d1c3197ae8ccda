package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.ACTION_ITEM;
import static dev.wrapup.persistence.jooq.Tables.COMMENT_REQUEST;
import static dev.wrapup.persistence.jooq.Tables.PUBLICATION;
import static dev.wrapup.persistence.jooq.Tables.WRAPUP_COMMENT;
import static dev.wrapup.persistence.jooq.Tables.WRAPUP_MILESTONE;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.jooq.tables.records.ActionItemRecord;
import dev.wrapup.persistence.jooq.tables.records.PublicationRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * Comments, comment requests, milestones, action items and publications of wrap-ups.
 *
 * <p>One repository though over 250 lines: each table's queries are a few short methods keyed by
 * the incident, and the wrap-up flow uses them together. Action items, the one part with a life of
 * its own (owners, due dates, reminders), are the part to move out when it grows.
 */
public final class WrapUps {
    private final DSLContext dsl;

    public WrapUps(Database database) {
        this.dsl = database.dsl();
    }

    // ---------------------------------------------------------------- comments

    public void addComment(
            Tx tx,
            long incidentId,
            String userId,
            AgendaItem item,
            String text,
            String source,
            Instant at) {
        tx.dsl()
                .insertInto(WRAPUP_COMMENT)
                .set(WRAPUP_COMMENT.INCIDENT_ID, incidentId)
                .set(WRAPUP_COMMENT.USER_ID, userId)
                .set(WRAPUP_COMMENT.ITEM, item.word())
                .set(WRAPUP_COMMENT.TEXT, text)
                .set(WRAPUP_COMMENT.SOURCE, source)
                .set(WRAPUP_COMMENT.CREATED_AT, at)
                .execute();
    }

    public List<WrapUpComment> comments(long incidentId) {
        return dsl.selectFrom(WRAPUP_COMMENT)
                .where(WRAPUP_COMMENT.INCIDENT_ID.eq(incidentId))
                .orderBy(WRAPUP_COMMENT.ID)
                .fetch(
                        r ->
                                new WrapUpComment(
                                        r.getId(),
                                        r.getIncidentId(),
                                        r.getUserId(),
                                        AgendaItem.parse(r.getItem()).orElseThrow(),
                                        r.getText(),
                                        r.getSource(),
                                        r.getCreatedAt()));
    }

    /** Of those incidents, the ones the user has commented on, in one query. */
    public Set<Long> commentedOn(String userId, Collection<Long> incidentIds) {
        return new HashSet<>(
                dsl.selectDistinct(WRAPUP_COMMENT.INCIDENT_ID)
                        .from(WRAPUP_COMMENT)
                        .where(
                                WRAPUP_COMMENT
                                        .USER_ID
                                        .eq(userId)
                                        .and(WRAPUP_COMMENT.INCIDENT_ID.in(incidentIds)))
                        .fetch(WRAPUP_COMMENT.INCIDENT_ID));
    }

    /** Of those incidents, the ones whose wrap-up is published, in one query. */
    public Set<Long> published(Collection<Long> incidentIds) {
        return new HashSet<>(
                dsl.select(PUBLICATION.INCIDENT_ID)
                        .from(PUBLICATION)
                        .where(PUBLICATION.INCIDENT_ID.in(incidentIds))
                        .fetch(PUBLICATION.INCIDENT_ID));
    }

    /**
     * Claims the right to announce the milestone (such as "everyone has commented") of the wrap-up:
     * true for the first caller only, across every replica.
     */
    public boolean reached(Tx tx, long incidentId, String milestone, Instant at) {
        try {
            return tx.dsl()
                            .insertInto(WRAPUP_MILESTONE)
                            .set(WRAPUP_MILESTONE.INCIDENT_ID, incidentId)
                            .set(WRAPUP_MILESTONE.MILESTONE, milestone)
                            .set(WRAPUP_MILESTONE.REACHED_AT, at)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        } catch (IntegrityConstraintViolationException claimedMeanwhile) {
            return false; // H2's MERGE let two callers past the check; the key stopped the second
        }
    }

    /** Whether the milestone was reached (e.g. the reminders were turned off). */
    public boolean hasReached(long incidentId, String milestone) {
        return dsl.fetchExists(WRAPUP_MILESTONE, milestone(incidentId, milestone));
    }

    /** Undoes a milestone that can be undone (the reminders turned back on). */
    public void forget(long incidentId, String milestone) {
        dsl.deleteFrom(WRAPUP_MILESTONE).where(milestone(incidentId, milestone)).execute();
    }

    private static Condition milestone(long incidentId, String milestone) {
        return WRAPUP_MILESTONE
                .INCIDENT_ID
                .eq(incidentId)
                .and(WRAPUP_MILESTONE.MILESTONE.eq(milestone));
    }

    // ---------------------------------------------------------------- requests

    /** Records that the person was asked; false when they had been asked before. */
    public boolean asked(Tx tx, long incidentId, String userId, Instant at) {
        return tx.dsl()
                        .insertInto(COMMENT_REQUEST)
                        .set(COMMENT_REQUEST.INCIDENT_ID, incidentId)
                        .set(COMMENT_REQUEST.USER_ID, userId)
                        .set(COMMENT_REQUEST.ASKED_AT, at)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Marks the one reminder sent; false when it had been sent already. */
    public boolean reminded(Tx tx, long incidentId, String userId, Instant at) {
        int updated =
                tx.dsl()
                        .update(COMMENT_REQUEST)
                        .set(COMMENT_REQUEST.REMINDED_AT, at)
                        .where(
                                COMMENT_REQUEST
                                        .INCIDENT_ID
                                        .eq(incidentId)
                                        .and(COMMENT_REQUEST.USER_ID.eq(userId)))
                        .and(COMMENT_REQUEST.REMINDED_AT.isNull())
                        .execute();
        if (updated == 1) {
            return true;
        }
        // Never asked (joined later): asked and reminded at once.
        return tx.dsl()
                        .insertInto(COMMENT_REQUEST)
                        .set(COMMENT_REQUEST.INCIDENT_ID, incidentId)
                        .set(COMMENT_REQUEST.USER_ID, userId)
                        .set(COMMENT_REQUEST.ASKED_AT, at)
                        .set(COMMENT_REQUEST.REMINDED_AT, at)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Who was asked for a comment on the incident's wrap-up, in the order they were asked. */
    public List<String> askedFor(long incidentId) {
        return dsl.select(COMMENT_REQUEST.USER_ID)
                .from(COMMENT_REQUEST)
                .where(COMMENT_REQUEST.INCIDENT_ID.eq(incidentId))
                .orderBy(COMMENT_REQUEST.ASKED_AT, COMMENT_REQUEST.USER_ID)
                .fetch(COMMENT_REQUEST.USER_ID);
    }

    // ---------------------------------------------------------------- action items

    public ActionItem addAction(
            Tx tx,
            long incidentId,
            String ownerId,
            String text,
            LocalDate dueOn,
            ActionKind kind,
            String createdBy,
            Instant at) {
        Integer last =
                tx.dsl()
                        .select(DSL.max(ACTION_ITEM.NUMBER))
                        .from(ACTION_ITEM)
                        .where(ACTION_ITEM.INCIDENT_ID.eq(incidentId))
                        .fetchOne()
                        .value1();
        ActionItemRecord r =
                tx.dsl()
                        .insertInto(ACTION_ITEM)
                        .set(ACTION_ITEM.INCIDENT_ID, incidentId)
                        .set(ACTION_ITEM.NUMBER, last == null ? 1 : last + 1)
                        .set(ACTION_ITEM.OWNER_ID, ownerId)
                        .set(ACTION_ITEM.TEXT, text)
                        .set(ACTION_ITEM.DUE_ON, dueOn)
                        .set(ACTION_ITEM.CREATED_BY, createdBy)
                        .set(ACTION_ITEM.CREATED_AT, at)
                        .set(ACTION_ITEM.KIND, kind.word())
                        .returning()
                        .fetchOne();
        return map(r);
    }

    public Optional<ActionItem> action(long id) {
        return dsl.selectFrom(ACTION_ITEM)
                .where(ACTION_ITEM.ID.eq(id))
                .fetchOptional()
                .map(WrapUps::map);
    }

    public Optional<ActionItem> action(long incidentId, int number) {
        return dsl.selectFrom(ACTION_ITEM)
                .where(ACTION_ITEM.INCIDENT_ID.eq(incidentId))
                .and(ACTION_ITEM.NUMBER.eq(number))
                .fetchOptional()
                .map(WrapUps::map);
    }

    /**
     * Closes an open item as done or won't do (with its reason); false when it was closed already.
     */
    public boolean closeAction(Tx tx, long id, ActionState state, String reason, Instant at) {
        if (!state.closed()) {
            throw new IllegalArgumentException("closing as " + state);
        }
        return tx.dsl()
                        .update(ACTION_ITEM)
                        .set(ACTION_ITEM.STATE, state.code())
                        .set(
                                ACTION_ITEM.WONT_DO_REASON,
                                state == ActionState.WONT_DO ? reason : null)
                        .set(ACTION_ITEM.DONE_AT, at)
                        .where(ACTION_ITEM.ID.eq(id))
                        .and(ACTION_ITEM.STATE.eq(ActionState.OPEN.code()))
                        .execute()
                == 1;
    }

    /** Opens a closed item again; false when it was open. */
    public boolean reopenAction(Tx tx, long id) {
        return tx.dsl()
                        .update(ACTION_ITEM)
                        .set(ACTION_ITEM.STATE, ActionState.OPEN.code())
                        .setNull(ACTION_ITEM.WONT_DO_REASON)
                        .setNull(ACTION_ITEM.DONE_AT)
                        .where(ACTION_ITEM.ID.eq(id))
                        .and(ACTION_ITEM.STATE.ne(ActionState.OPEN.code()))
                        .execute()
                == 1;
    }

    /** Marks the due-date reminder sent, once. */
    public boolean actionReminded(Tx tx, long id, Instant at) {
        return tx.dsl()
                        .update(ACTION_ITEM)
                        .set(ACTION_ITEM.REMINDED_AT, at)
                        .where(ACTION_ITEM.ID.eq(id))
                        .and(ACTION_ITEM.REMINDED_AT.isNull())
                        .execute()
                == 1;
    }

    public List<ActionItem> actions(long incidentId) {
        return dsl.selectFrom(ACTION_ITEM)
                .where(ACTION_ITEM.INCIDENT_ID.eq(incidentId))
                .orderBy(ACTION_ITEM.NUMBER)
                .fetch(WrapUps::map);
    }

    public List<ActionItem> openActionsOf(String ownerId) {
        return dsl.selectFrom(ACTION_ITEM)
                .where(ACTION_ITEM.OWNER_ID.eq(ownerId))
                .and(ACTION_ITEM.STATE.eq(ActionState.OPEN.code()))
                .orderBy(ACTION_ITEM.DUE_ON.asc().nullsLast(), ACTION_ITEM.ID)
                .fetch(WrapUps::map);
    }

    /** Every open action item, whoever owns it, oldest first. */
    public List<ActionItem> openActions() {
        return dsl.selectFrom(ACTION_ITEM)
                .where(ACTION_ITEM.STATE.eq(ActionState.OPEN.code()))
                .orderBy(ACTION_ITEM.ID)
                .fetch(WrapUps::map);
    }

    static ActionItem map(ActionItemRecord r) {
        return new ActionItem(
                r.getId(),
                r.getIncidentId(),
                r.getNumber(),
                r.getOwnerId(),
                r.getText(),
                r.getDueOn(),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getDoneAt(),
                ActionKind.parse(r.getKind()).orElse(ActionKind.FIX),
                ActionState.ofCode(r.getState()),
                r.getWontDoReason());
    }

    // ---------------------------------------------------------------- publications

    /** Where a wrap-up was published. */
    public record Publication(
            long incidentId,
            String channelId,
            String messageTs,
            String fileId,
            Instant publishedAt,
            boolean includeTimeline) {}

    public Optional<Publication> publication(long incidentId) {
        return dsl.selectFrom(PUBLICATION)
                .where(PUBLICATION.INCIDENT_ID.eq(incidentId))
                .fetchOptional()
                .map(
                        r ->
                                new Publication(
                                        r.getIncidentId(),
                                        r.getChannelId(),
                                        r.getMessageTs(),
                                        r.getFileId(),
                                        r.getPublishedAt(),
                                        r.getIncludeTimeline()));
    }

    public void savePublication(
            long incidentId,
            String channelId,
            String messageTs,
            String fileId,
            boolean includeTimeline,
            Instant at) {
        savePublication(dsl, incidentId, channelId, messageTs, fileId, includeTimeline, at);
    }

    /** Notes where the wrap-up was published, in the caller's transaction. */
    public void savePublication(
            Tx tx,
            long incidentId,
            String channelId,
            String messageTs,
            String fileId,
            boolean includeTimeline,
            Instant at) {
        savePublication(tx.dsl(), incidentId, channelId, messageTs, fileId, includeTimeline, at);
    }

    private static void savePublication(
            DSLContext on,
            long incidentId,
            String channelId,
            String messageTs,
            String fileId,
            boolean includeTimeline,
            Instant at) {
        PublicationRecord r =
                on.selectFrom(PUBLICATION).where(PUBLICATION.INCIDENT_ID.eq(incidentId)).fetchOne();
        if (r == null) {
            r = on.newRecord(PUBLICATION);
            r.setIncidentId(incidentId);
            r.setPublishedAt(at);
        }
        r.setChannelId(channelId);
        r.setMessageTs(messageTs);
        r.setFileId(fileId);
        r.setIncludeTimeline(includeTimeline);
        r.setUpdatedAt(at);
        r.store();
    }
}
