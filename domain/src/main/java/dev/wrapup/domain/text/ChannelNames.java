package dev.wrapup.domain.text;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/** Incident channel names: prefix, date and a slug of the title, within Slack's rules. */
public final class ChannelNames {
    /** Slack channel names: at most 80 characters, lower case, no spaces or periods. */
    static final int MAX = 80;

    private ChannelNames() {}

    /** The name to try on the given attempt: 1 is the plain name, 2 adds "-2", and so on. */
    public static String forIncident(String prefix, LocalDate date, String title, int attempt) {
        String base = prefix + date + "-";
        String suffix = attempt <= 1 ? "" : "-" + attempt;
        String slug = slug(title);
        int room = MAX - base.length() - suffix.length();
        if (slug.length() > room) {
            slug = slug.substring(0, room).replaceAll("-+$", "");
        }
        return base + slug + suffix;
    }

    /**
     * Lower-case ASCII letters and digits joined by single dashes; "incident" when nothing is left.
     */
    static String slug(String title) {
        String ascii =
                Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "incident" : slug;
    }
}
