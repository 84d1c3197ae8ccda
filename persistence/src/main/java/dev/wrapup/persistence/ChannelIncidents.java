package dev.wrapup.persistence;

import dev.wrapup.domain.Incident;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which incident records a channel, remembered briefly: every Slack event asks it, and it changes
 * only on a declare, a status change or a window's begin. It is used only where nothing else writes
 * (H2); the short lifetime also covers a change made straight in the database.
 *
 * <p>A change made through {@link Incidents} forgets everything when the change is written and
 * again when its transaction ends: until then other threads still read the old row, and what they
 * read meanwhile must not outlive the commit. For the same reason a value read before a change
 * ended is not kept.
 */
final class ChannelIncidents {
    private static final Duration LIFETIME = Duration.ofSeconds(2);

    private record Cached(Optional<Incident> incident, long until) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Counts forgettings: a value read across one is not kept. */
    private long generation;

    /** Set on the thread whose transaction changed an incident, until that transaction ends. */
    private final ThreadLocal<Boolean> changedHere = new ThreadLocal<>();

    Optional<Incident> get(String channelId, Supplier<Optional<Incident>> load) {
        long now = System.nanoTime();
        Cached cached = cache.get(channelId);
        if (cached != null && cached.until() - now > 0) {
            return cached.incident();
        }
        long before = generation();
        Optional<Incident> loaded = load.get();
        if (loaded.isPresent()) { // a channel with no incident is asked about rarely enough
            keep(channelId, new Cached(loaded, now + LIFETIME.toNanos()), before);
        }
        return loaded;
    }

    /** An incident was written on this thread: in a transaction, or committed already. */
    void changed() {
        changedHere.set(Boolean.TRUE);
        forgetAll();
    }

    /** A transaction on this thread committed or rolled back. */
    void transactionEnded() {
        if (changedHere.get() != null) {
            changedHere.remove();
            forgetAll();
        }
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void keep(String channelId, Cached value, long readAt) {
        if (generation == readAt) {
            cache.put(channelId, value);
        }
    }

    private synchronized void forgetAll() {
        generation++;
        cache.clear();
    }
}
