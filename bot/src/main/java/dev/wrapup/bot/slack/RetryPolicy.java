package dev.wrapup.bot.slack;

import dev.wrapup.persistence.Outbox.Item;
import java.time.Duration;
import java.time.Instant;

/**
 * When an outbox item Slack could not take is tried again, and when it is given up: Slack's
 * Retry-After when it gave one, else 1 s doubling to five minutes, for a day.
 */
final class RetryPolicy {
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private RetryPolicy() {}

    /** Whether the item has been tried long enough. */
    static boolean givenUp(Item item, Instant now) {
        return now.isAfter(item.createdAt().plus(GIVE_UP_AFTER));
    }

    /**
     * How long the item waits before its next try; {@code asked} is Slack's Retry-After, if any.
     */
    static Duration wait(Item item, Duration asked) {
        return asked != null ? asked : backoff(item.attempts());
    }

    /** 1 s, 2 s, 4 s… up to five minutes. */
    private static Duration backoff(int attemptsBefore) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(attemptsBefore, 16);
        return seconds >= MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }
}
