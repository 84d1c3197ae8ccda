package dev.wrapup.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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
    public ZoneId zone() {
        try {
            return tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
