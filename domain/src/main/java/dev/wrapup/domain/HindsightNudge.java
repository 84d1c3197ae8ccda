package dev.wrapup.domain;

import java.util.Objects;

/**
 * Hindsight or counterfactual wording, exactly as written in a message, its category (the section
 * of the phrase list) and a question that invites the second story.
 */
public record HindsightNudge(String category, String phrase, String question) {
    public HindsightNudge {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(question, "question");
    }
}
