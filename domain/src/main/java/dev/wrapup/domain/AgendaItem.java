package dev.wrapup.domain;

import java.util.Locale;
import java.util.Optional;

/** The three questions of a wrap-up. */
public enum AgendaItem {
    WELL("What went well"),
    WRONG("What went wrong"),
    BETTER("What we could do better next time");

    private final String question;

    AgendaItem(String question) {
        this.question = question;
    }

    public String question() {
        return question;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgendaItem> parse(String word) {
        try {
            return Optional.of(valueOf(word.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
