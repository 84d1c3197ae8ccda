package dev.wrapup.domain;

/** What gets a wrap-up: an incident, something else worth reviewing, or a maintenance window. */
public enum IncidentKind {
    INCIDENT,
    WRAPUP,
    MAINTENANCE
}
