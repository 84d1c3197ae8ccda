package dev.wrapup.bot.slack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class SlackOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackOutbox.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Duration CLAIM = Duration.ofMinutes(2);

    /** How long close waits for the tries under way. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** Conversations worked on at once. */
    private static final int WORKERS = 4;

    /** Blocks are sent as written: no HTML escaping of their '<' and '>'. */
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

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
        static Outcome of(String method, SlackCalls.Attempt<?> stopped) {
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
    private final SlackCalls slack;
    private final Clock clock;
    private final Map<String, Performer> performers = new ConcurrentHashMap<>();
    private final Map<String, Posted> onPosted = new ConcurrentHashMap<>();

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

    private final ScheduledExecutorService dispatcher = BackgroundThreads.scheduled("slack-outbox");
    private final ExecutorService workers =
            Executors.newFixedThreadPool(
                    WORKERS,
                    r -> {
                        Thread t = new Thread(r, "slack-work");
                        t.setDaemon(true);
                        return t;
                    });

    public SlackOutbox(Database database, SlackCalls slack, Clock clock) {
        this.database = database;
        this.outbox = new Outbox(database);
        this.slack = slack;
        this.clock = clock;
        perform(SlackWork.POST, item -> post(item.channelId(), item.text(), item.blocks()));
        perform(SlackWork.EPHEMERAL, this::ephemeral);
        perform(
                SlackWork.INVITE,
                item ->
                        attempt(
                                "conversations.invite",
                                m ->
                                        m.conversationsInvite(
                                                r ->
                                                        r.channel(item.channelId())
                                                                .users(
                                                                        List.of(
                                                                                item.args()
                                                                                        .split(
                                                                                                ",")))),
                                r -> null,
                                Set.of("already_in_channel")));
        perform(
                SlackWork.JOIN,
                item ->
                        attempt(
                                "conversations.join",
                                m -> m.conversationsJoin(r -> r.channel(item.channelId())),
                                r -> null,
                                Set.of()));
        perform(
                SlackWork.PURPOSE,
                item ->
                        attempt(
                                "conversations.setPurpose",
                                m ->
                                        m.conversationsSetPurpose(
                                                r ->
                                                        r.channel(item.channelId())
                                                                .purpose(item.text())),
                                r -> null,
                                Set.of()));
        perform(
                SlackWork.PIN,
                item ->
                        attempt(
                                "pins.add",
                                m ->
                                        m.pinsAdd(
                                                r ->
                                                        r.channel(item.channelId())
                                                                .timestamp(item.args())),
                                r -> null,
                                Set.of("already_pinned")));
    }

    /** Items of the kind are done by the performer; register every kind before {@link #start()}. */
    public void perform(String kind, Performer performer) {
        performers.put(kind, performer);
    }

    /**
     * Told the message's ts once a message of the topic is posted, in the transaction that notes
     * it.
     */
    public void onPosted(String topic, Posted handler) {
        onPosted.put(topic, handler);
    }

    /** Starts working: what was left from before a restart first. */
    public void start() {
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
        if (!started || !woken.compareAndSet(false, true)) {
            return; // a look is due already, and will see this too
        }
        try {
            dispatcher.execute(this::dispatch);
        } catch (RejectedExecutionException stopping) {
            // shutting down: the work stays queued for the next start
        }
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

    // ---------------------------------------------------------------- the worker

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
                        || !outbox.claim(item.id(), now, now.plus(CLAIM))) {
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
        Performer performer = performers.get(item.kind());
        try {
            // A kind this bot does not know may be a newer replica's: left for one that does.
            outcome =
                    performer == null
                            ? new Outcome.Again(null, "no work of kind " + item.kind() + " here")
                            : performer.perform(item);
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
                        Posted handler = item.topic() == null ? null : onPosted.get(item.topic());
                        if (handler != null && done.ts() != null) {
                            handler.posted(tx, item.subjectId(), done.ts());
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
            if (now.isAfter(item.createdAt().plus(GIVE_UP_AFTER))) {
                log.error(
                        "Slack work {} ({} in {}) not done: gave up after {} h: {}",
                        item.id(),
                        item.kind(),
                        item.channelId(),
                        GIVE_UP_AFTER.toHours(),
                        again.why());
                outbox.failed(item.id(), truncate("gave up: " + again.why()), now);
                return;
            }
            Duration wait = again.after() != null ? again.after() : backoff(item.attempts());
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

    // ---------------------------------------------------------------- Slack calls for performers

    /** Posts a message, broadcasts made harmless. */
    public Outcome post(String channelId, String text, String blocks) {
        String safeText = SlackText.neutraliseBroadcasts(text);
        String safeBlocks = neutraliseBlocks(blocks);
        return attempt(
                "chat.postMessage",
                m ->
                        m.chatPostMessage(
                                r ->
                                        r.channel(channelId)
                                                .text(safeText)
                                                .blocksAsString(safeBlocks)
                                                .unfurlLinks(false)),
                ChatPostMessageResponse::getTs,
                Set.of());
    }

    /** Updates a message the bot posted, broadcasts made harmless. */
    public Outcome update(String channelId, String ts, String text, String blocks) {
        String safeText = SlackText.neutraliseBroadcasts(text);
        String safeBlocks = neutraliseBlocks(blocks);
        return attempt(
                "chat.update",
                m ->
                        m.chatUpdate(
                                r ->
                                        r.channel(channelId)
                                                .ts(ts)
                                                .text(safeText)
                                                .blocksAsString(safeBlocks)),
                r -> ts,
                Set.of());
    }

    /** One try of a call: done (errors in {@code fine} count as done), again later, or refused. */
    public <T extends SlackApiTextResponse> Outcome attempt(
            String method, SlackCalls.Call<T> call, Function<T, String> ts, Set<String> fine) {
        SlackCalls.Attempt<T> attempt = slack.attempt(method, call);
        T response = attempt.response();
        if (response != null && response.isOk()) {
            return new Outcome.Done(ts.apply(response), (tx, t) -> {});
        }
        if (response != null && fine.contains(response.getError())) {
            return Outcome.done();
        }
        return Outcome.of(method, attempt);
    }

    /** To the user in the channel; once the channel has refused, as a direct message. */
    private Outcome ephemeral(Item item) {
        String userId = item.args();
        if (!item.channelId().equals(userId) && item.progress() == null) {
            String text = SlackText.neutraliseBroadcasts(item.text());
            Outcome inChannel =
                    attempt(
                            "chat.postEphemeral",
                            m ->
                                    m.chatPostEphemeral(
                                            r ->
                                                    r.channel(item.channelId())
                                                            .user(userId)
                                                            .text(text)),
                            r -> null,
                            Set.of());
            if (!(inChannel instanceof Outcome.Refused)) {
                return inChannel;
            }
            progress(item, "refused in the channel");
        }
        return post(userId, item.text(), null);
    }

    /**
     * Block Kit JSON with every text's broadcasts made harmless, read as JSON so that escaped '<'
     * count too.
     */
    static String neutraliseBlocks(String blocks) {
        if (blocks == null) {
            return null;
        }
        try {
            return JSON.toJson(neutralise(JsonParser.parseString(blocks)));
        } catch (JsonParseException e) {
            return SlackText.neutraliseBroadcasts(blocks);
        }
    }

    private static JsonElement neutralise(JsonElement json) {
        if (json.isJsonArray()) {
            JsonArray out = new JsonArray();
            json.getAsJsonArray().forEach(e -> out.add(neutralise(e)));
            return out;
        }
        if (json.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                JsonElement value = e.getValue();
                out.add(
                        e.getKey(),
                        e.getKey().equals("text")
                                        && value.isJsonPrimitive()
                                        && value.getAsJsonPrimitive().isString()
                                ? new JsonPrimitive(
                                        SlackText.neutraliseBroadcasts(value.getAsString()))
                                : neutralise(value));
            }
            return out;
        }
        return json;
    }

    /** 1 s, 2 s, 4 s… up to five minutes. */
    private static Duration backoff(int attemptsBefore) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(attemptsBefore, 16);
        return seconds >= MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    private static String truncate(String why) {
        return why == null ? null : why.length() <= 255 ? why : why.substring(0, 255);
    }

    /**
     * Takes no new work and lets the tries under way finish (each is one Slack call and a write):
     * an embedded H2 database closes itself when a thread writing to it is interrupted, which would
     * fail everything else still stopping. Only a try that outlasts the wait is interrupted; what
     * it was doing stays queued for the next start.
     */
    @Override
    public void close() {
        closing = true;
        dispatcher.shutdown();
        BackgroundThreads.stop(workers, STOP_WAIT);
        BackgroundThreads.stop(dispatcher, Duration.ofSeconds(1));
    }
}
