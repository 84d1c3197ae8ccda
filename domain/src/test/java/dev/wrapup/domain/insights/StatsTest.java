package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static List<Duration> minutes(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofMinutes).toList();
    }

    @Test
    void theMedianIsTheMiddleOrHalfwayBetweenTheTwoMiddles() {
        assertEquals(Optional.of(Duration.ofMinutes(30)), Stats.median(minutes(90, 10, 30)));
        assertEquals(Optional.of(Duration.ofMinutes(45)), Stats.median(minutes(90, 10, 30, 60)));
        assertEquals(Optional.of(Duration.ofMinutes(7)), Stats.median(minutes(7)));
        assertEquals(Optional.empty(), Stats.median(List.of()));
    }

    @Test
    void theP90IsAValueThatHappened() {
        List<Duration> ten = minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 100);
        assertEquals(Optional.of(Duration.ofMinutes(9)), Stats.percentile(ten, 90));
        assertEquals(Optional.of(Duration.ofMinutes(100)), Stats.percentile(minutes(5, 100), 90));
        assertEquals(
                Optional.of(Duration.ofMinutes(100)), Stats.percentile(minutes(100, 1, 2), 90));
        assertEquals(Optional.of(Duration.ofMinutes(1)), Stats.percentile(minutes(1, 2), 50));
        assertEquals(Optional.empty(), Stats.percentile(List.of(), 90));
    }
}
