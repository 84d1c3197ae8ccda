package dev.wrapup.bot.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that a test moves forward: time goes on as usual (retry back-offs
 * still pass), and {@link #advance} jumps to tomorrow without waiting for it. Thread-safe; its
 * views in other zones move with it.
 */
public final class MovableClock extends Clock {
    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public MovableClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves the clock forward; it never goes back. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + by);
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Moves the clock forward to the given time, if it is not already past it. */
    public void advanceTo(Instant when) {
        offset.updateAndGet(
                current -> {
                    Duration by = Duration.between(Instant.now().plus(current), when);
                    return by.isNegative() ? current : current.plus(by);
                });
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MovableClock(offset, zone);
    }
}
