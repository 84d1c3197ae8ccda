package dev.wrapup.scheduler.slots;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Someone invited to the analysis call, in their own timezone.
 *
 * @param userId the Slack user id
 * @param zone their Slack timezone; callers pass {@link ZoneOffset#UTC} when it is unknown
 */
public record Attendee(String userId, ZoneId zone) {
    public Attendee {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * An attendee from Slack's {@code tz} field ("Europe/Berlin"). A missing or unrecognised zone
     * becomes UTC: the person still counts, and UTC is at least the zone the schedule is announced
     * in, rather than a guess from someone else's zone.
     */
    public static Attendee withSlackTz(String userId, String tz) {
        if (tz == null || tz.isBlank()) {
            return new Attendee(userId, ZoneOffset.UTC);
        }
        try {
            return new Attendee(userId, ZoneId.of(tz.strip()));
        } catch (DateTimeException unknown) {
            return new Attendee(userId, ZoneOffset.UTC);
        }
    }
}
