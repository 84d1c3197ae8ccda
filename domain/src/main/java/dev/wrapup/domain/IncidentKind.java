package dev.wrapup.domain;

/** What gets a wrap-up: an incident, something else worth reviewing, or a maintenance window. */
public enum IncidentKind {
    INCIDENT("Incident"),
    WRAPUP("Wrap-up"),
    MAINTENANCE("Maintenance");

    private final String label;

    IncidentKind(String label) {
        this.label = label;
    }

    /** As a reader sees it, e.g. "Wrap-up". */
    public String label() {
        return label;
    }
}
