package dev.wrapup.domain;

import java.time.Instant;
import java.util.List;

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

    /** Where the call stands. */
    public enum Status {
        SCHEDULED,
        STARTED,
        CANCELLED
    }
}
