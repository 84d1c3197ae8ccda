package dev.wrapup.persistence;

import dev.wrapup.domain.Incident;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which incident records a channel, remembered briefly: every Slack event asks it, and
 * it changes only on a declare, a status change or a window's begin. Writes through
 * {@link Incidents} forget everything at once; the short lifetime bounds how long
 * another replica's change can go unseen here.
 */
final class ChannelIncidents {
    private static final Duration LIFETIME = Duration.ofSeconds(2);

    private record Cached(Optional<Incident> incident, long until) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Optional<Incident> get(String channelId, Supplier<Optional<Incident>> load) {
        long now = System.nanoTime();
        Cached cached = cache.get(channelId);
        if (cached != null && cached.until() - now > 0) {
            return cached.incident();
        }
        Optional<Incident> loaded = load.get();
        if (loaded.isPresent()) { // a channel with no incident is asked about rarely enough
            cache.put(channelId, new Cached(loaded, now + LIFETIME.toNanos()));
        }
        return loaded;
    }

    void forgetAll() {
        cache.clear();
    }
}
