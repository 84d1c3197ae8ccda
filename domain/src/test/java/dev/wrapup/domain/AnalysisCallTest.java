package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisCallTest {
    private static final Instant SCHEDULED = Instant.parse("2026-11-24T15:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-11-24T15:00:04Z");

    private static AnalysisCall call(AnalysisCall.Status status, Instant startedAt) {
        return new AnalysisCall(
                7, status, SCHEDULED, 0, List.of(), List.of(), null, startedAt, null);
    }

    @Test
    void aCallIsHeldWhenItStartedOrElseWhenItIsScheduled() {
        assertEquals(Optional.of(STARTED), call(AnalysisCall.Status.STARTED, STARTED).time());
        assertEquals(Optional.of(SCHEDULED), call(AnalysisCall.Status.SCHEDULED, null).time());
        assertEquals(Optional.empty(), call(AnalysisCall.Status.CANCELLED, null).time());
    }
}
