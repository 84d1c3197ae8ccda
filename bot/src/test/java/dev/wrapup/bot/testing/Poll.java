package dev.wrapup.bot.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping "a bit". */
public final class Poll {
    private Poll() {}

    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, Duration.ofSeconds(10));
    }

    /** Polls a value until it satisfies the check. */
    public static <T> T value(
            String what, Supplier<T> value, Predicate<T> check, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T v = value.get();
            if (check.test(v)) {
                return v;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what + "; last: " + v);
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
