package dev.wrapup.domain;

import java.time.Instant;

/** Someone who took part, with their name and timezone as Slack last told us. */
public record Participant(
        String userId, String displayName, String tz, String joinedBy, Instant firstSeen) {}
