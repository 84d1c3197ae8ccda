package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SLACK_OUTBOX;

import dev.wrapup.persistence.jooq.tables.records.SlackOutboxRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Messages waiting to be posted to Slack, oldest first. They are written in the
 * transaction of what they announce, so that neither is kept without the other.
 */
public final class Outbox {
    /** A message to post; topic and subjectId name what wants its ts once posted (both may be null). */
    public record NewMessage(String channelId, String text, String blocks, String topic, Long subjectId) {
        public static NewMessage of(String channelId, String text) {
            return new NewMessage(channelId, text, null, null, null);
        }
    }

    /** A message not yet posted. */
    public record Message(long id, String channelId, String text, String blocks, String topic, Long subjectId,
                          Instant createdAt, int attempts, Instant nextAttemptAt, Instant postedAt, String postedTs,
                          Instant failedAt, String error) {
    }

    private final DSLContext dsl;

    public Outbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    public long add(DSLContext tx, NewMessage m, Instant now) {
        return tx.insertInto(SLACK_OUTBOX)
                .set(SLACK_OUTBOX.CHANNEL_ID, m.channelId())
                .set(SLACK_OUTBOX.TEXT, m.text())
                .set(SLACK_OUTBOX.BLOCKS, m.blocks())
                .set(SLACK_OUTBOX.TOPIC, m.topic())
                .set(SLACK_OUTBOX.SUBJECT_ID, m.subjectId())
                .set(SLACK_OUTBOX.CREATED_AT, now)
                .set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, now)
                .returning(SLACK_OUTBOX.ID)
                .fetchOne(SLACK_OUTBOX.ID);
    }

    /** The oldest message neither posted nor given up: messages go out in the order they were written. */
    public Optional<Message> next() {
        return dsl.selectFrom(SLACK_OUTBOX)
                .where(SLACK_OUTBOX.POSTED_AT.isNull().and(SLACK_OUTBOX.FAILED_AT.isNull()))
                .orderBy(SLACK_OUTBOX.ID)
                .limit(1)
                .fetchOptional()
                .map(Outbox::map);
    }

    /** Takes the message to post it, until {@code until}; false when another worker holds it. */
    public boolean claim(long id, Instant now, Instant until) {
        return dsl.update(SLACK_OUTBOX).set(SLACK_OUTBOX.CLAIMED_UNTIL, until)
                .where(SLACK_OUTBOX.ID.eq(id))
                .and(SLACK_OUTBOX.POSTED_AT.isNull().and(SLACK_OUTBOX.FAILED_AT.isNull()))
                .and(SLACK_OUTBOX.CLAIMED_UNTIL.isNull().or(SLACK_OUTBOX.CLAIMED_UNTIL.le(now)))
                .execute() == 1;
    }

    public void posted(long id, String ts, Instant at) {
        dsl.update(SLACK_OUTBOX).set(SLACK_OUTBOX.POSTED_AT, at).set(SLACK_OUTBOX.POSTED_TS, ts)
                .set(SLACK_OUTBOX.ATTEMPTS, SLACK_OUTBOX.ATTEMPTS.plus(1)).setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .where(SLACK_OUTBOX.ID.eq(id)).execute();
    }

    /** Slack could not be reached, or asked us to wait: tried again at {@code at}. */
    public void retryAt(long id, Instant at, String error) {
        dsl.update(SLACK_OUTBOX).set(SLACK_OUTBOX.NEXT_ATTEMPT_AT, at).set(SLACK_OUTBOX.ERROR, error)
                .set(SLACK_OUTBOX.ATTEMPTS, SLACK_OUTBOX.ATTEMPTS.plus(1)).setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .where(SLACK_OUTBOX.ID.eq(id)).execute();
    }

    /** Given up: Slack refused the message for good, or could not be reached for too long. */
    public void failed(long id, String error, Instant at) {
        dsl.update(SLACK_OUTBOX).set(SLACK_OUTBOX.FAILED_AT, at).set(SLACK_OUTBOX.ERROR, error)
                .set(SLACK_OUTBOX.ATTEMPTS, SLACK_OUTBOX.ATTEMPTS.plus(1)).setNull(SLACK_OUTBOX.CLAIMED_UNTIL)
                .where(SLACK_OUTBOX.ID.eq(id)).execute();
    }

    public Optional<Message> find(long id) {
        return dsl.selectFrom(SLACK_OUTBOX).where(SLACK_OUTBOX.ID.eq(id)).fetchOptional().map(Outbox::map);
    }

    private static Message map(SlackOutboxRecord r) {
        return new Message(r.getId(), r.getChannelId(), r.getText(), r.getBlocks(), r.getTopic(), r.getSubjectId(),
                r.getCreatedAt(), r.getAttempts(), r.getNextAttemptAt(), r.getPostedAt(), r.getPostedTs(),
                r.getFailedAt(), r.getError());
    }
}
