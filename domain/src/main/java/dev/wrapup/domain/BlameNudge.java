package dev.wrapup.domain;

import java.util.Objects;

/**
 * A phrase that blames a person, exactly as written in a message, and a systems question to offer
 * instead.
 */
public record BlameNudge(String phrase, String suggestion) {
    public BlameNudge {
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(suggestion, "suggestion");
    }
}
