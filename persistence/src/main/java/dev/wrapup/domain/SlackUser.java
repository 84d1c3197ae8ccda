package dev.wrapup.domain;

import java.time.Instant;

/** A Slack user as users.info last described them. */
public record SlackUser(String id, String displayName, String realName, String tz, Integer tzOffset, boolean bot,
                        Instant fetchedAt) {
}
