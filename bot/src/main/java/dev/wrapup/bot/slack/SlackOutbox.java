package dev.wrapup.bot.slack;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Message;
import dev.wrapup.persistence.Outbox.NewMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the messages the bot must not lose (the analysis call starting, prompts and
 * reminders, heads-ups) through Slack outages and restarts. A message is written to
 * the database with what it announces, in one transaction; this worker posts them one
 * at a time in the order they were written, and when Slack cannot be reached or asks
 * to wait, tries the same message again later (backing off to every five minutes, for
 * a day), so none overtakes another. A message Slack refuses for good (an archived
 * channel, say) is set aside with the reason and logged.
 *
 * <p>With several replicas, a worker claims a message for two minutes before posting
 * it; a replica killed between posting and noting it may post that one message twice.
 */
public final class SlackOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackOutbox.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final Database database;
    private final Outbox outbox;
    private final SlackCalls slack;
    private final Clock clock;
    private final Map<String, BiConsumer<Long, String>> onPosted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-outbox");
        t.setDaemon(true);
        return t;
    });

    public SlackOutbox(Database database, SlackCalls slack, Clock clock) {
        this.database = database;
        this.outbox = new Outbox(database.dsl());
        this.slack = slack;
        this.clock = clock;
    }

    /** Told the message's ts once a message of the topic is posted, with its subject id. */
    public void onPosted(String topic, BiConsumer<Long, String> handler) {
        onPosted.put(topic, handler);
    }

    /** Starts posting: what was left from before a restart first. */
    public void start() {
        worker.scheduleWithFixedDelay(this::drain, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Queues the message in the caller's transaction. Call {@link #wake()} after it
     * commits, or it waits for the next poll (a second).
     */
    public void add(DSLContext tx, NewMessage message) {
        outbox.add(tx, message, clock.instant());
    }

    /**
     * Queues the message in the same transaction as the claim that says it is to be sent
     * (the call started, the heads-up marked sent…), and only if the claim is this
     * caller's; then posts it soon. True when claimed.
     */
    public boolean sendIf(Predicate<DSLContext> claim, NewMessage message) {
        boolean claimed = database.transaction(tx -> {
            if (!claim.test(tx)) {
                return false;
            }
            add(tx, message);
            return true;
        });
        if (claimed) {
            wake();
        }
        return claimed;
    }

    /** Something was queued: post it now rather than at the next poll. */
    public void wake() {
        try {
            worker.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            // shutting down: the message stays queued for the next start
        }
    }

    /** Posts every message that is due, oldest first; stops at one that must wait. */
    private void drain() {
        try {
            while (postNext()) {
                // next
            }
        } catch (RuntimeException e) {
            log.error("posting queued Slack messages", e); // the database may be gone; the next poll tries again
        }
    }

    /** True when a message was dealt with and the next may follow at once. */
    private boolean postNext() {
        Optional<Message> next = outbox.next();
        Instant now = clock.instant();
        if (next.isEmpty() || next.get().nextAttemptAt().isAfter(now)
                || !outbox.claim(next.get().id(), now, now.plus(CLAIM))) {
            return false;
        }
        Message m = next.get();
        SlackCalls.Attempt<ChatPostMessageResponse> attempt = slack.attempt("chat.postMessage",
                methods -> methods.chatPostMessage(r -> r.channel(m.channelId()).text(m.text())
                        .blocksAsString(m.blocks()).unfurlLinks(false)));
        now = clock.instant();
        if (attempt.response() != null && attempt.response().isOk()) {
            outbox.posted(m.id(), attempt.response().getTs(), now);
            BiConsumer<Long, String> handler = m.topic() == null ? null : onPosted.get(m.topic());
            if (handler != null) {
                handler.accept(m.subjectId(), attempt.response().getTs());
            }
            return true;
        }
        if (!attempt.retry() || now.isAfter(m.createdAt().plus(GIVE_UP_AFTER))) {
            String why = attempt.retry() ? "gave up after " + GIVE_UP_AFTER.toHours() + " h: " + attempt.why()
                    : attempt.why();
            log.error("Slack message {} to {} not posted: {}", m.id(), m.channelId(), why);
            outbox.failed(m.id(), truncate(why), now);
            return true;
        }
        Duration wait = attempt.retryAfter() != null ? attempt.retryAfter() : backoff(m.attempts());
        log.warn("Slack message {} to {} not posted ({}); trying again in {} s", m.id(), m.channelId(),
                attempt.why(), wait.toSeconds());
        outbox.retryAt(m.id(), now.plus(wait), truncate(attempt.why()));
        try {
            worker.schedule(this::drain, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // shutting down: it stays queued for the next start
        }
        return false;
    }

    /** 1 s, 2 s, 4 s… up to five minutes. */
    private static Duration backoff(int attemptsBefore) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(attemptsBefore, 16);
        return seconds >= MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    private static String truncate(String why) {
        return why == null ? null : why.length() <= 255 ? why : why.substring(0, 255);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
