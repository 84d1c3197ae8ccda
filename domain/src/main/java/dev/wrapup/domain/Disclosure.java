package dev.wrapup.domain;

/** How much of an incident's record a report shows. */
public enum Disclosure {
    /**
     * Everything the channel keeps: every earlier version of an edit, deleted text (the operator's
     * export --full).
     */
    FULL(true, true),
    /**
     * What may leave the channel: current text only, mentions as names, real link targets; the full
     * timeline too.
     */
    PUBLIC(false, true),
    /**
     * The same without the full timeline: a private channel's wrap-up, unless its facilitator chose
     * to include it.
     */
    PUBLIC_WITHOUT_TIMELINE(false, false);

    private final boolean history;
    private final boolean timeline;

    Disclosure(boolean history, boolean timeline) {
        this.history = history;
        this.timeline = timeline;
    }

    /** Deleted text and earlier versions of edits. */
    public boolean history() {
        return history;
    }

    /** The full timeline section. */
    public boolean timeline() {
        return timeline;
    }

    /** What may be published, with or without the full timeline. */
    public static Disclosure published(boolean includeTimeline) {
        return includeTimeline ? PUBLIC : PUBLIC_WITHOUT_TIMELINE;
    }
}
