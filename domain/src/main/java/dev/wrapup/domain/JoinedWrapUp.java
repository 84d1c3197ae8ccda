package dev.wrapup.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One wrap-up in a person's own history: whether they took part or were asked for a comment,
 * whether they commented, and whether it was published.
 */
public record JoinedWrapUp(
        Incident incident,
        boolean participant,
        boolean asked,
        boolean commented,
        boolean published) {
    public JoinedWrapUp {
        Objects.requireNonNull(incident, "incident");
    }

    /**
     * Whether the person still owes a comment: asked, or a participant once the wrap-up is under
     * way (the incident resolved, the window ended, or a wrap-up started for something that was no
     * incident), with no comment yet and nothing published.
     */
    public boolean owesComment() {
        boolean underWay = !incident.isOpen() || incident.status() == IncidentStatus.REVIEWING;
        return !commented && !published && (asked || (participant && underWay));
    }

    /** Those owing a comment first, then the rest; newest first within each. */
    public static List<JoinedWrapUp> owedFirst(List<JoinedWrapUp> history) {
        return history.stream()
                .sorted(
                        Comparator.comparing((JoinedWrapUp w) -> !w.owesComment())
                                .thenComparing(
                                        w -> w.incident().startedAt(), Comparator.reverseOrder())
                                .thenComparing(w -> w.incident().id(), Comparator.reverseOrder()))
                .toList();
    }
}
