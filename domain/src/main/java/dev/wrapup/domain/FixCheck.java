package dev.wrapup.domain;

import java.time.Instant;
import java.util.List;

/**
 * Whether the fixes from an earlier incident held, asked in a later, similar incident's call.
 *
 * @param incidentId the later incident, where it was asked
 * @param earlierIncidentId the earlier incident whose fixes are in question
 * @param answer null until someone answers
 * @param answeredBy who gave the last answer, or null
 * @param answeredAt when, or null
 */
public record FixCheck(
        long incidentId,
        long earlierIncidentId,
        FixAnswer answer,
        String answeredBy,
        Instant answeredAt) {

    public boolean answered() {
        return answer != null;
    }

    /**
     * Whether the earlier incident's fixes are worth asking about: at least one action item done
     * and none still open; those decided against (won't do) count neither way.
     */
    public static boolean worthAsking(List<ActionItem> earlierActions) {
        return earlierActions.stream().anyMatch(ActionItem::done)
                && earlierActions.stream().noneMatch(ActionItem::open);
    }
}
