package dev.wrapup.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void minutesThenHoursThenDays() {
        assertEquals("0 min", Durations.human(Duration.ofSeconds(59)));
        assertEquals("59 min", Durations.human(Duration.ofMinutes(59).plusSeconds(59)));
        assertEquals("1 h 0 min", Durations.human(Duration.ofHours(1)));
        assertEquals("47 h 59 min", Durations.human(Duration.ofHours(48).minusMinutes(1)));
        assertEquals("2 d 0 h", Durations.human(Duration.ofHours(48)));
        assertEquals("3 d 5 h", Durations.human(Duration.ofHours(77).plusMinutes(30)));
    }

    @Test
    void anOverrunIsRoundedUpAndNeverNothing() {
        assertEquals("1 min", Durations.humanAtLeastAMinute(Duration.ofSeconds(1)));
        assertEquals("1 min", Durations.humanAtLeastAMinute(Duration.ZERO));
        assertEquals("2 min", Durations.humanAtLeastAMinute(Duration.ofSeconds(61)));
        assertEquals(
                "1 h 1 min", Durations.humanAtLeastAMinute(Duration.ofMinutes(60).plusSeconds(1)));
    }
}
