package dev.wrapup.bot.slack;

import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Item;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's worker loop: claims each conversation's next due item, has its performer do it on
 * one of a few threads, and notes what came of it. Waiting is scheduling, never a sleeping thread.
 */
final class OutboxWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration CLAIM = Duration.ofMinutes(2);

    /** How long close waits for the tries under way. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** Conversations worked on at once. */
    private static final int WORKERS = 4;

    /** The outbox's reason column holds this many characters. */
    private static final int MAX_WHY = 255;

    private final Database database;
    private final Outbox outbox;
    private final OutboxHandlers handlers;
    private final Clock clock;

    /** Conversations with an item being done by this worker now. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    private final AtomicInteger working = new AtomicInteger();

    /** A look for work is queued on the dispatcher: wakes meanwhile need not queue another. */
    private final AtomicBoolean woken = new AtomicBoolean();

    /**
     * Set by close: what fails from then on (the database going away) is not worth a stack trace.
     */
    private volatile boolean closing;

    /** Set by start, once every kind of work has its performer. */
    private volatile boolean started;

    /** This replica's name on its claims: its scheduler's instance, set by start. */
    private volatile String claimant;

    private final ScheduledExecutorService dispatcher = BackgroundThreads.scheduled("slack-outbox");
    private final ExecutorService workers =
            Executors.newFixedThreadPool(
                    WORKERS,
                    r -> {
                        Thread t = new Thread(r, "slack-work");
                        t.setDaemon(true);
                        return t;
                    });

    OutboxWorker(Database database, Outbox outbox, OutboxHandlers handlers, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.handlers = handlers;
        this.clock = clock;
    }

    /**
     * Starts working, as the replica named {@code claimant} (its scheduler's instance, which the
     * other replicas know to be dead once it stops checking in): what was left from before a
     * restart first.
     */
    void start(String claimant) {
        this.claimant = claimant;
        if (!database.vendor().supportsReplicas()) {
            int released = outbox.releaseClaims();
            if (released > 0) {
                log.info("resuming {} Slack work items a stopped bot had begun", released);
            }
        }
        started = true;
        dispatcher.scheduleWithFixedDelay(
                this::dispatch, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Something was queued or finished: look for work now rather than at the next poll. */
    void wake() {
        if (!started || !woken.compareAndSet(false, true)) {
            return; // a look is due already, and will see this too
        }
        try {
            dispatcher.execute(this::dispatch);
        } catch (RejectedExecutionException stopping) {
            // shutting down: the work stays queued for the next start
        }
    }

    /** Hands each conversation's next due item to a worker thread, as many as are free. */
    private void dispatch() {
        woken.set(false);
        try {
            int free = WORKERS - working.get();
            if (free <= 0) {
                return;
            }
            Instant now = clock.instant();
            for (Item item : outbox.due(now, free)) {
                if (working.get() >= WORKERS) {
                    return;
                }
                if (busy.contains(item.conversation())
                        || !outbox.claim(item.id(), now, now.plus(CLAIM), claimant)) {
                    continue;
                }
                busy.add(item.conversation());
                working.incrementAndGet();
                try {
                    workers.execute(
                            () -> {
                                try {
                                    work(item);
                                } finally {
                                    busy.remove(item.conversation());
                                    working.decrementAndGet();
                                    wake();
                                }
                            });
                } catch (RejectedExecutionException stopping) {
                    busy.remove(item.conversation());
                    working.decrementAndGet();
                    return; // shutting down: the claim runs out, or the next start lets go of it
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                log.error(
                        "looking for Slack work",
                        e); // the database may be gone; the next poll tries again
            }
        }
    }

    private void work(Item item) {
        Outcome outcome;
        try {
            // A kind this bot does not know may be a newer replica's: left for one that does.
            outcome =
                    handlers.performer(item.kind())
                            .map(performer -> performer.perform(item))
                            .orElseGet(
                                    () ->
                                            new Outcome.Again(
                                                    null,
                                                    "no work of kind " + item.kind() + " here"));
        } catch (RuntimeException e) {
            if (!closing) {
                log.error("Slack work {} ({}) failed", item.id(), item.kind(), e);
            }
            outcome = new Outcome.Again(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            settle(item, outcome);
        } catch (RuntimeException e) {
            // The database is gone: the claim runs out (or the next start on H2 lets go of it) and
            // the item is done again.
            if (!closing) {
                log.error("noting Slack work {} ({})", item.id(), item.kind(), e);
            }
        }
    }

    private void settle(Item item, Outcome outcome) {
        Instant now = clock.instant();
        if (outcome instanceof Outcome.Done done) {
            database.transaction(
                    tx -> {
                        outbox.done(tx, item.id(), done.ts(), now);
                        done.then().accept(tx, done.ts());
                        if (done.ts() != null) {
                            handlers.posted(item.topic())
                                    .ifPresent(h -> h.posted(tx, item.subjectId(), done.ts()));
                        }
                        return null;
                    });
        } else if (outcome instanceof Outcome.Refused refused) {
            log.error(
                    "Slack work {} ({} in {}) not done: {}",
                    item.id(),
                    item.kind(),
                    item.channelId(),
                    refused.why());
            outbox.failed(item.id(), truncate(refused.why()), now);
        } else if (outcome instanceof Outcome.Again again) {
            if (RetryPolicy.givenUp(item, now)) {
                log.error(
                        "Slack work {} ({} in {}) not done: gave up after {} h: {}",
                        item.id(),
                        item.kind(),
                        item.channelId(),
                        RetryPolicy.GIVE_UP_AFTER.toHours(),
                        again.why());
                outbox.failed(item.id(), truncate("gave up: " + again.why()), now);
                return;
            }
            Duration wait = RetryPolicy.wait(item, again.after());
            log.warn(
                    "Slack work {} ({} in {}) not done yet ({}); trying again in {} s",
                    item.id(),
                    item.kind(),
                    item.channelId(),
                    again.why(),
                    wait.toSeconds());
            outbox.retryAt(item.id(), now.plus(wait), truncate(again.why()));
            try {
                dispatcher.schedule(this::dispatch, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // shutting down: it stays queued for the next start
            }
        }
    }

    private static String truncate(String why) {
        return why == null ? null : why.length() <= MAX_WHY ? why : why.substring(0, MAX_WHY);
    }

    /**
     * Takes no new work and lets the tries under way finish (each is one Slack call and a write):
     * an embedded H2 database closes itself when a thread writing to it is interrupted, which would
     * fail everything else still stopping. Only a try that outlasts the wait is interrupted; what
     * it was doing stays queued for the next start.
     */
    void close() {
        closing = true;
        dispatcher.shutdown();
        BackgroundThreads.stop(workers, STOP_WAIT);
        BackgroundThreads.stop(dispatcher, Duration.ofSeconds(1));
    }
}
