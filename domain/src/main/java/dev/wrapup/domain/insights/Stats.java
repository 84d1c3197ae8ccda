package dev.wrapup.domain.insights;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The middle and the tail of a set of durations. */
public final class Stats {
    private Stats() {}

    /** The middle value; of an even count, halfway between the two middle ones. */
    public static Optional<Duration> median(Collection<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        Duration upper = sorted.get(n / 2);
        return Optional.of(n % 2 == 1 ? upper : sorted.get(n / 2 - 1).plus(upper).dividedBy(2));
    }

    /**
     * The nearest-rank percentile: the smallest value that at least {@code percent}% of the values
     * do not exceed. Always one of the values, so a p90 of few incidents is one that happened
     * rather than a blend of two.
     */
    public static Optional<Duration> percentile(Collection<Duration> values, int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percentile " + percent);
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Optional.of(sorted.get(rank - 1));
    }
}
