package dev.wrapup.bot.slack;

import com.slack.api.methods.SlackApiTextResponse;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Tx;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Does the bot's Slack work after the ack, through Slack outages, rate limits and restarts. Work is
 * written to the database in the transaction of the change it follows ({@link SlackWork}), so what
 * a command promised is kept before it is acknowledged; this worker does it afterwards. The items
 * of one conversation are done one at a time, in the order they were written; conversations are
 * independent, so a channel (or a method) Slack asks to wait holds up only its own conversation.
 * Waiting is scheduling, never a sleeping thread: an item Slack cannot take now gets a time to try
 * again (its Retry-After, or 1 s doubling to five minutes), for a day. An item Slack refuses for
 * good (an archived channel, say) is set aside with the reason and logged.
 *
 * <p>Every message and update goes out through {@link #post} and {@link #update}, which make
 * broadcasts (@channel, @here, @everyone, user groups) in its text and blocks harmless: the bot
 * never echoes one typed into a command.
 *
 * <p>With several replicas, a worker claims an item for two minutes before doing it; a replica
 * killed between doing it and noting it may do that one item twice. A bot on H2 owns its file
 * alone, so at start it lets go of the claims a killed predecessor left.
 *
 * <p>This class is what the rest of the bot sees; the loop is {@link OutboxWorker}, the waits
 * {@link RetryPolicy}, the Slack calls {@link OutboxRequests}.
 */
public final class SlackOutbox implements AutoCloseable {
    /** What doing an item came to. */
    public sealed interface Outcome {
        /**
         * Done; ts is the message Slack posted, if any; {@code then} runs in the transaction that
         * notes it.
         */
        record Done(String ts, BiConsumer<Tx, String> then) implements Outcome {}

        /** Slack could not take it now: try again after this long (null: the backoff). */
        record Again(Duration after, String why) implements Outcome {}

        /** Slack refused it for good. */
        record Refused(String why) implements Outcome {}

        static Outcome done() {
            return new Done(null, (tx, ts) -> {});
        }

        /**
         * What a try that did not succeed comes to: again later when Slack asked to wait, else
         * refused.
         */
        static Outcome of(String method, SlackApi.Attempt<?> stopped) {
            return stopped.retry()
                    ? new Again(stopped.retryAfter(), method + ": " + stopped.why())
                    : new Refused(method + ": " + stopped.why());
        }

        /** Once done, also this, in the same transaction, with the ts Slack gave. */
        default Outcome then(BiConsumer<Tx, String> more) {
            return this instanceof Done d ? new Done(d.ts(), d.then().andThen(more)) : this;
        }
    }

    /** Does the items of one kind: one try each time, never waiting for Slack. */
    @FunctionalInterface
    public interface Performer {
        Outcome perform(Item item);
    }

    /**
     * Told, in the transaction that notes a message of its topic posted, the subject and the
     * message's ts.
     */
    @FunctionalInterface
    public interface Posted {
        void posted(Tx tx, long subjectId, String ts);
    }

    private final Database database;
    private final Outbox outbox;
    private final Clock clock;
    private final OutboxHandlers handlers = new OutboxHandlers();
    private final OutboxRequests requests;
    private final OutboxWorker worker;

    public SlackOutbox(Database database, SlackApi slack, Clock clock) {
        this.database = database;
        this.outbox = new Outbox(database);
        this.clock = clock;
        this.requests = new OutboxRequests(slack, outbox);
        this.worker = new OutboxWorker(database, outbox, handlers, clock);
        requests.registerOn(handlers);
    }

    /** Items of the kind are done by the performer; register every kind before {@link #start()}. */
    public void perform(String kind, Performer performer) {
        handlers.perform(kind, performer);
    }

    /**
     * Told the message's ts once a message of the topic is posted, in the transaction that notes
     * it.
     */
    public void onPosted(String topic, Posted handler) {
        handlers.onPosted(topic, handler);
    }

    /**
     * Starts working, as the replica whose scheduler instance is {@code replica}: what was left
     * from before a restart first.
     */
    public void start(String replica) {
        worker.start(replica);
    }

    /**
     * Queues the work in the caller's transaction. Call {@link #wake()} after it commits, or it
     * waits for the next poll (a second).
     */
    public void add(Tx tx, Work work) {
        outbox.add(tx, work, clock.instant());
    }

    /** Queues the work in a transaction of its own, and does it soon. */
    public void send(Work work) {
        database.transaction(
                tx -> {
                    add(tx, work);
                    return null;
                });
        wake();
    }

    /**
     * Queues the work in the same transaction as the claim that says it is to be done (the call
     * started, the heads-up marked sent…), and only if the claim is this caller's; then does it
     * soon. True when claimed.
     */
    public boolean sendIf(Predicate<Tx> claim, Work work) {
        boolean claimed =
                database.transaction(
                        tx -> {
                            if (!claim.test(tx)) {
                                return false;
                            }
                            add(tx, work);
                            return true;
                        });
        if (claimed) {
            wake();
        }
        return claimed;
    }

    /** Something was queued or finished: look for work now rather than at the next poll. */
    public void wake() {
        worker.wake();
    }

    /**
     * Whether a later item of the same kind and subject makes this one moot (a header shown as it
     * stands now).
     */
    public boolean superseded(Item item) {
        return outbox.superseded(item);
    }

    /**
     * Notes a step of the item done, at once: the item goes on from there if it is resumed after a
     * crash.
     */
    public void progress(Item item, String progress) {
        outbox.progress(item.id(), progress);
    }

    /** Posts a message, broadcasts made harmless. */
    public Outcome post(String channelId, String text, String blocks) {
        return requests.post(channelId, text, blocks);
    }

    /** Updates a message the bot posted, broadcasts made harmless. */
    public Outcome update(String channelId, String ts, String text, String blocks) {
        return requests.update(channelId, ts, text, blocks);
    }

    /**
     * Keeps one pinned message up to date: updated when it exists ({@code ts}), else posted and
     * pinned, its ts handed to {@code noteTs} in the transaction that ends the work, so that it is
     * never posted twice.
     */
    public Outcome pinned(
            String channelId,
            String ts,
            String text,
            String blocks,
            BiConsumer<Tx, String> noteTs) {
        if (ts != null) {
            return update(channelId, ts, text, blocks);
        }
        return post(channelId, text, blocks)
                .then(
                        (tx, posted) -> {
                            noteTs.accept(tx, posted);
                            add(tx, SlackWork.pin(channelId, posted));
                        });
    }

    /**
     * One try of a request: done (errors in {@code fine} count as done), again later, or refused.
     */
    public <T extends SlackApiTextResponse> Outcome attempt(
            String method, SlackApi.Request<T> request, Function<T, String> ts, Set<String> fine) {
        return requests.attempt(method, request, ts, fine);
    }

    /** Lets the tries under way finish; what is left stays queued for the next start. */
    @Override
    public void close() {
        worker.close();
    }
}
