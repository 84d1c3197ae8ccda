package dev.wrapup.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An analysis call that falls outside someone's working hours: one line of the ledger that shares
 * the inconvenience.
 *
 * @param tz their Slack timezone when the call was planned ("Europe/Berlin"), "UTC" when unknown
 */
public record Inconvenience(long incidentId, String userId, Instant callAt, String tz) {
    public Inconvenience {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(callAt, "callAt");
        Objects.requireNonNull(tz, "tz");
    }
}
