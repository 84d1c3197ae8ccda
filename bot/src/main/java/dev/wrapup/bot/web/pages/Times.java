package dev.wrapup.bot.web.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the pages show them: in UTC on the server, each also machine-readable so that
 * /assets/local-time.js can show it in the reader's own timezone.
 */
public final class Times {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private Times() {}

    /** For a datetime attribute. */
    public static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }

    /** For a title attribute: the exact time in UTC. */
    public static String utc(Instant at) {
        return FULL.format(at);
    }

    /** A time of day, within a day's heading. */
    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** A time on its own, with its day. */
    public static String when(Instant at) {
        return WHEN.format(at);
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }
}
