package dev.wrapup.bot.http;

import dev.wrapup.persistence.SeenRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells a slash command or interaction acted on already: each is claimed by its signature, which
 * covers its timestamp and body, so a byte-for-byte replay within the window finds it claimed.
 */
final class Replays {
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final SeenRequests seen;
    private final Clock clock;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    Replays(SeenRequests seen, Clock clock) {
        this.seen = seen;
        this.clock = clock;
    }

    /** True the first time a signature is seen; claims past their window are purged in passing. */
    boolean firstTime(String signature, String timestamp) {
        Instant now = clock.instant();
        Instant due = nextPurge.get();
        if (now.isAfter(due) && nextPurge.compareAndSet(due, now.plus(PURGE_EVERY))) {
            seen.purge(now);
        }
        return seen.claim(
                signature.strip().toLowerCase(Locale.ROOT),
                SlackSignatures.acceptedUntil(timestamp));
    }
}
