package dev.wrapup.domain;

import java.time.Instant;
import java.time.LocalDate;

/** Something to change, with an owner and perhaps a due date. */
public record ActionItem(
        long id,
        long incidentId,
        int number,
        String ownerId,
        String text,
        LocalDate dueOn,
        String createdBy,
        Instant createdAt,
        Instant doneAt) {
    public boolean done() {
        return doneAt != null;
    }
}
