package dev.wrapup.domain;

import java.util.Locale;
import java.util.Optional;

/** Where an incident (or a wrap-up, or a maintenance window) stands. */
public enum IncidentStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED,
    /** A wrap-up for something that was not an incident. */
    REVIEWING,
    /** Maintenance windows. */
    PLANNED,
    IN_PROGRESS,
    ENDED;

    /** The statuses `/incident status` accepts. */
    public static Optional<IncidentStatus> parseResponse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "INVESTIGATING" -> Optional.of(INVESTIGATING);
            case "IDENTIFIED" -> Optional.of(IDENTIFIED);
            case "MONITORING" -> Optional.of(MONITORING);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
