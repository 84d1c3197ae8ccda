package dev.wrapup.domain.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One week of a reporting period, Monday to Sunday in UTC, cut to the period where it begins or
 * ends within a week.
 *
 * @param first its first day in the period
 * @param last its last day in the period
 */
public record Week(LocalDate first, LocalDate last) {
    public Instant start() {
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after it. */
    public Instant end() {
        return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    /** How it is named in tables and files: its first day, as 2026-11-16. */
    public String label() {
        return first.toString();
    }
}
