package dev.wrapup.bot.web.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Slack's answers about a channel, reused for at most a given age: a page and the pages right after
 * it cost one request, and someone removed from a channel loses access within that age. A question
 * Slack did not answer is not remembered, so the next request asks again.
 */
final class RecentAnswers<K, V> {
    /** Beyond this many channels, stale answers are dropped when a new one comes in. */
    private static final int TIDY_ABOVE = 1000;

    private record Answer<V>(V value, Instant at) {}

    private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;

    RecentAnswers(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    Optional<V> get(K key, Function<K, Optional<V>> ask) {
        Instant now = clock.instant();
        Answer<V> known = answers.get(key);
        if (known != null && fresh(known, now)) {
            return Optional.of(known.value());
        }
        Optional<V> answer = ask.apply(key);
        answer.ifPresent(
                value -> {
                    if (answers.size() > TIDY_ABOVE) {
                        answers.values().removeIf(a -> !fresh(a, now));
                    }
                    answers.put(key, new Answer<>(value, now));
                });
        return answer;
    }

    private boolean fresh(Answer<V> answer, Instant now) {
        return answer.at().plus(maxAge).isAfter(now);
    }
}
