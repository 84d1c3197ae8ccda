package dev.wrapup.domain;

/** A file shared in the channel: what it was and where it is, never its bytes. */
public record FileRef(String id, String name, String type, String permalink) {}
