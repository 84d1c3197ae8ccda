package dev.wrapup.domain;

import java.time.Instant;

/** A Slack user as users.info last described them. */
public record SlackUser(
        String id,
        String displayName,
        String realName,
        String tz,
        Integer tzOffset,
        boolean bot,
        Instant fetchedAt) {

    /** Their Slack timezone; UTC when Slack gave none or one Java does not know. */
    public java.time.ZoneId zone() {
        try {
            return tz == null || tz.isBlank() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }
}
