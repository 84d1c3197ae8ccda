package dev.wrapup.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** Slack's message timestamps ("1700000000.123456"): seconds and microseconds since the epoch. */
public final class SlackTs {
    private SlackTs() {}

    public static Instant toInstant(String ts) {
        BigDecimal value = new BigDecimal(ts);
        long seconds = value.longValue();
        long micros = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(6).longValue();
        return Instant.ofEpochSecond(seconds, micros * 1000);
    }

    public static String of(Instant instant) {
        return String.format("%d.%06d", instant.getEpochSecond(), instant.getNano() / 1000);
    }

    public static boolean valid(String ts) {
        return ts != null && ts.matches("\\d{1,12}(\\.\\d{1,6})?");
    }
}
