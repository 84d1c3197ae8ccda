package dev.wrapup.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether someone from a configured role group took part in an incident and commented on its
 * wrap-up, as the group's members stood at {@code recordedAt}.
 */
public record RoleGroupPresence(
        String role, boolean participated, boolean commented, Instant recordedAt) {
    public RoleGroupPresence {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
