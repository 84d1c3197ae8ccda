package dev.wrapup.domain;

import java.util.Locale;
import java.util.Optional;

/** How bad an incident is, SEV1 the worst. */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4;

    /** Reads "sev2", "SEV2" or "2"; empty for anything else. */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.matches("[1-4]")) {
            t = "SEV" + t;
        }
        try {
            return Optional.of(valueOf(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String label() {
        return name();
    }
}
