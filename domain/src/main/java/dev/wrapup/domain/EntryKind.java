package dev.wrapup.domain;

import java.util.Locale;

/** What a timeline entry records. */
public enum EntryKind {
    MESSAGE,
    THREAD_REPLY,
    FILE,
    STATUS,
    SEVERITY,
    COMMANDER,
    NOTE,
    PIN,
    REACTION_HIGHLIGHT,
    JOIN,
    SYSTEM;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EntryKind parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
