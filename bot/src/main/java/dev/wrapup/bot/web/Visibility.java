package dev.wrapup.bot.web;

/** How much of an incident a viewer may see. */
public enum Visibility {
    /** Nothing, not even whether it exists. */
    NONE,
    /** What the channel shows now, as it may be published: no deleted text, no earlier versions. */
    PUBLISHED,
    /** The whole record, earlier versions and deleted text included. */
    FULL
}
