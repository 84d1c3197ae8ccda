package dev.wrapup.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The synchronous analysis call of an incident: when it is, and whom that time suits. */
public record AnalysisCall(
        long incidentId,
        Status status,
        Instant scheduledAt,
        int sequence,
        List<String> suited,
        List<String> notSuited,
        String announcementTs,
        Instant startedAt,
        String callTs) {

    /**
     * When the call is or was held: when it started, or before that when it is scheduled; none once
     * it is cancelled.
     */
    public Optional<Instant> time() {
        return switch (status) {
            case STARTED -> Optional.of(startedAt);
            case SCHEDULED -> Optional.of(scheduledAt);
            case CANCELLED -> Optional.empty();
        };
    }

    /** Where the call stands. */
    public enum Status {
        SCHEDULED,
        STARTED,
        CANCELLED
    }
}
