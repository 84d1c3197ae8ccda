package dev.wrapup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** An incident and where it stands. */
public record Incident(
        long id,
        IncidentKind kind,
        String channelId,
        String channelName,
        String title,
        String description,
        Severity severity,
        IncidentStatus status,
        String commanderId,
        String facilitatorId,
        String declaredBy,
        String headerTs,
        String webKey,
        String summary,
        Instant startedAt,
        Instant resolvedAt) {

    /** Who runs the wrap-up: the facilitator if one was named, else the commander. */
    public String facilitator() {
        return facilitatorId != null ? facilitatorId : commanderId;
    }

    /** Still under way: neither resolved nor (a maintenance window) ended. */
    public boolean isOpen() {
        return !isResolved() && status != IncidentStatus.ENDED;
    }

    public boolean isResolved() {
        return status == IncidentStatus.RESOLVED;
    }

    public Optional<Duration> timeToResolve() {
        return resolvedAt == null
                ? Optional.empty()
                : Optional.of(Duration.between(startedAt, resolvedAt));
    }
}
