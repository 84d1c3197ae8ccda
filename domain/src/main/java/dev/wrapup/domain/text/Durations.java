package dev.wrapup.domain.text;

import java.time.Duration;

/** How long something took, said the same way in Slack, in reports and on the web page. */
public final class Durations {
    private Durations() {}

    /** "25 min", "3 h 5 min", "2 d 4 h": whole minutes, rounded down. */
    public static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48
                ? hours + " h " + (minutes % 60) + " min"
                : (hours / 24) + " d " + (hours % 24) + " h";
    }

    /**
     * The same, rounded up to a whole minute and never "0 min": for an overrun, which did happen.
     */
    public static String humanAtLeastAMinute(Duration d) {
        return human(Duration.ofMinutes(Math.max(1, (d.toSeconds() + 59) / 60)));
    }
}
