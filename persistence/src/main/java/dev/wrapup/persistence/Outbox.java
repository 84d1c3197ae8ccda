package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SLACK_OUTBOX;

import dev.wrapup.persistence.jooq.tables.records.SlackOutboxRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The bot's Slack work waiting to be done: messages to post, and the other Web API calls a change
 * promised. Each item is written in the transaction of the change it follows, so that neither is
 * kept without the other; the items of one conversation are done in the order they were written,
 * each conversation apart from the others.
 */
public final class Outbox {
    /** The kind of a plain message to post. */
    public static final String POST = "post";

    /**
     * Work to queue: {@code kind} says what to do, {@code conversation} what it keeps its order
     * with; {@code topic} and {@code subjectId} name what wants to know once it is done (both may
     * be null).
     */
    public record Work(
            String kind,
            String conversation,
            String channelId,
            String text,
            String blocks,
            String args,
            String topic,
            Long subjectId) {
        /**
         * A message to the channel (or, with a user id, a direct message), in order with the rest
         * of it.
         */
        public static Work post(String channelId, String text) {
            return new Work(POST, channelId, channelId, text, null, null, null, null);
        }

        public Work withBlocks(String blocks) {
            return new Work(kind, conversation, channelId, text, blocks, args, topic, subjectId);
        }

        /** Whoever handles the topic is told, with the subject, once this is done. */
        public Work about(String topic, long subjectId) {
            return new Work(kind, conversation, channelId, text, blocks, args, topic, subjectId);
        }
    }

    /** An item of work, as stored. */
    public record Item(
            long id,
            String kind,
            String conversation,
            String channelId,
            String text,
            String blocks,
            String args,
            String progress,
            String topic,
            Long subjectId,
            Instant createdAt,
            int attempts,
            Instant nextAttemptAt,
            Instant postedAt,
            String postedTs,
            Instant failedAt,
            String error) {}

    private static final Condition PENDING =
            SLACK_OUTBOX.POSTED_AT.isNull().and(SLACK_OUTBOX.FAILED_AT.isNull());

    /**
     * Quartz's list of live replicas: each checks in every few seconds, and the others delete the
     * row of one that stopped checking in once they have taken over its jobs.
     */
    private static final Table<?> LIVE_REPLICAS = DSL.table(DSL.name("qrtz_scheduler_state"));

    private static final Field<String> REPLICA = DSL.field(DSL.name("instance_name"), String.class);

    private final DSLContext dsl;

    /** Whether other replicas may hold claims, whose holders may die. */
    private final boolean replicas;

    public Outbox(Database database) {
        this.dsl = database.dsl();
        this.replicas = database.vendor().supportsReplicas();
    }

    /**
     * Held by no worker now: never claimed, its claim ran out, or (with replicas) it was claimed by
     * a replica that is gone.
     */
    private Condition unclaimed(Instant now) {
        Condition free = SLACK_OUTBOX.CLAIMED_UNTIL.isNull().or(SLACK_OUTBOX.CLAIMED_UNTIL.le(now));
        if (!replicas) {
            return free;
        }
        return free.or(
                SLACK_OUTBOX
                        .CLAIMED_BY
                        .isNotNull()
                        .and(
                                SLACK_OUTBOX.CLAIMED_BY.notIn(
                                        DSL.select(REPLICA).from(LIVE_REPLICAS))));
    }

    public long add(Tx tx, Work w, Instant now) {
        return tx.dsl()
                .insertInto(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.KIND, w.kind())
                .set(SLACK_OUTBOX.CONVERSATION, w.conversation())
                .set(SLACK_OUTBOX.CHANNEL_ID, w.channelId())
                .set(SLACK_OUTBOX.TEXT, w.text())
                .set(SLACK_OUTBOX.BLOCKS, w.blocks())
                .set(SLACK_OUTBOX.ARGS, w.args())
                .set(SLACK_OUTBOX.TOPIC, w.topic())
                .set(SLACK_OUTBOX.SUBJECT_ID, w.subjectId())
                .set(SLACK_OUTBOX.CREATED_AT, now)
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, now)
                .returning(SLACK_OUTBOX.ID)
                .fetchOne(SLACK_OUTBOX.ID);
    }

    /**
     * What may be done now, oldest first: of each conversation only its oldest item still to do,
     * and only when its time has come and no worker holds it.
     */
    public List<Item> due(Instant now, int limit) {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(
                        SLACK_OUTBOX.ID.in(
                                DSL.select(DSL.min(SLACK_OUTBOX.ID))
                                        .from(SLACK_OUTBOX)
                                        .where(PENDING)
                                        .groupBy(SLACK_OUTBOX.CONVERSATION)))
                .and(SLACK_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .and(unclaimed(now))
                .orderBy(SLACK_OUTBOX.ID)
                .limit(limit)
                .fetch(Outbox::map);
    }

    /** The oldest item still to do, whatever its conversation. */
    public Optional<Item> next() {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(PENDING)
                .orderBy(SLACK_OUTBOX.ID)
                .limit(1)
                .fetchOptional()
                .map(Outbox::map);
    }

    /** How much work waits: the items still to do, and when the oldest of them was written. */
    public record Backlog(int depth, Optional<Instant> oldest) {}

    /** The backlog in one query: a count and the oldest item's time, never the items. */
    public Backlog backlog() {
        var row =
                dsl.select(DSL.count(), DSL.min(SLACK_OUTBOX.CREATED_AT))
                        .from(SLACK_OUTBOX)
                        .where(PENDING)
                        .fetchOne();
        return new Backlog(row.value1(), Optional.ofNullable(row.value2()));
    }

    /** Every item still to do, oldest first. */
    public List<Item> pending() {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(PENDING)
                .orderBy(SLACK_OUTBOX.ID)
                .fetch(Outbox::map);
    }

    /**
     * Whether a later item of the same kind, subject and conversation is still to do, and makes
     * this one moot.
     */
    public boolean superseded(Item item) {
        return dsl.fetchExists(
                SLACK_OUTBOX,
                PENDING.and(SLACK_OUTBOX.CONVERSATION.eq(item.conversation()))
                        .and(SLACK_OUTBOX.KIND.eq(item.kind()))
                        .and(
                                item.subjectId() == null
                                        ? SLACK_OUTBOX.SUBJECT_ID.isNull()
                                        : SLACK_OUTBOX.SUBJECT_ID.eq(item.subjectId()))
                        .and(SLACK_OUTBOX.ID.gt(item.id())));
    }

    /**
     * Takes the item to do it, until {@code until}, for the replica named {@code claimant} (its
     * Quartz instance); false when another worker holds it.
     */
    public boolean claim(long id, Instant now, Instant until, String claimant) {
        return dsl.update(SLACK_OUTBOX)
                        .set(SLACK_OUTBOX.CLAIMED_UNTIL, until)
                        .set(SLACK_OUTBOX.CLAIMED_BY, claimant)
                        .where(SLACK_OUTBOX.ID.eq(id))
                        .and(PENDING)
                        .and(unclaimed(now))
                        .execute()
                == 1;
    }

    /** Lets go of every claim: for a worker that knows it is the only one, at its start. */
    public int releaseClaims() {
        return dsl.update(SLACK_OUTBOX)
                .setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .setNull(SLACK_OUTBOX.CLAIMED_BY)
                .where(SLACK_OUTBOX.CLAIMED_UNTIL.isNotNull())
                .and(PENDING)
                .execute();
    }

    /** Done, in the caller's transaction; ts is the message Slack posted, if it posted one. */
    public void done(Tx tx, long id, String ts, Instant at) {
        tx.dsl()
                .update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.POSTED_AT, at)
                .set(SLACK_OUTBOX.POSTED_TS, ts)
                .set(SLACK_OUTBOX.ATTEMPTS, SLACK_OUTBOX.ATTEMPTS.plus(1))
                .setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .setNull(SLACK_OUTBOX.CLAIMED_BY)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Slack could not be reached, or asked us to wait: tried again at {@code at}. */
    public void retryAt(long id, Instant at, String error) {
        dsl.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, at)
                .set(SLACK_OUTBOX.ERROR, error)
                .set(SLACK_OUTBOX.ATTEMPTS, SLACK_OUTBOX.ATTEMPTS.plus(1))
                .setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .setNull(SLACK_OUTBOX.CLAIMED_BY)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Given up: Slack refused the item for good, or could not be reached for too long. */
    public void failed(long id, String error, Instant at) {
        dsl.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.FAILED_AT, at)
                .set(SLACK_OUTBOX.ERROR, error)
                .set(SLACK_OUTBOX.ATTEMPTS, SLACK_OUTBOX.ATTEMPTS.plus(1))
                .setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .setNull(SLACK_OUTBOX.CLAIMED_BY)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Notes what a step of the item did, at once: a resumed item goes on from there. */
    public void progress(long id, String progress) {
        dsl.update(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.PROGRESS, progress)
                .where(SLACK_OUTBOX.ID.eq(id))
                .execute();
    }

    public Optional<Item> find(long id) {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.ID.eq(id))
                .fetchOptional()
                .map(Outbox::map);
    }

    private static Item map(SlackOutboxRecord r) {
        return new Item(
                r.getId(),
                r.getKind(),
                r.getConversation(),
                r.getChannelId(),
                r.getText(),
                r.getBlocks(),
                r.getArgs(),
                r.getProgress(),
                r.getTopic(),
                r.getSubjectId(),
                r.getCreatedAt(),
                r.getAttempts(),
                r.getNextAttemptAt(),
                r.getPostedAt(),
                r.getPostedTs(),
                r.getFailedAt(),
                r.getError());
    }
}
