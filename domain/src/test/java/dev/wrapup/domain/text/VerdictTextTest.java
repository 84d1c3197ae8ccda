package dev.wrapup.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.MaintenanceWindow.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerdictTextTest {
    @Test
    void aSuccessSaysSoAndGivesTheFacts() {
        assertEquals(
                new VerdictText(
                        "A success.",
                        " Planned steps done: 2 of 2. No production impact was recorded. Ended on"
                                + " time."),
                VerdictText.of(new Verdict(2, 2, 0, false, Duration.ZERO)));
    }

    @Test
    void aWindowThatDidNotGoToPlanIsWorthLearningFrom() {
        assertEquals(
                new VerdictText(
                        "Not everything went to plan",
                        ", and that is worth learning from too. Planned steps done: 1 of 3 (1"
                                + " failed). Production impact was recorded. Overran the window"
                                + " by 1 min."),
                VerdictText.of(new Verdict(1, 3, 1, true, Duration.ofSeconds(20))));
    }
}
