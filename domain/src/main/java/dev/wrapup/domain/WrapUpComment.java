package dev.wrapup.domain;

import java.time.Instant;

/** One participant's comment on one agenda item, as written. */
public record WrapUpComment(
        long id,
        long incidentId,
        String userId,
        AgendaItem item,
        String text,
        String source,
        Instant createdAt) {}
