package dev.wrapup.domain;

import java.time.Instant;
import java.util.List;

/**
 * What an incident says, for finding others like it: its title, the current text of what people
 * wrote (deleted messages left out), its key moments and its wrap-up comments.
 */
public record IncidentText(
        long id,
        IncidentKind kind,
        String channelId,
        Instant startedAt,
        String title,
        List<String> timeline,
        List<String> moments,
        List<String> comments) {
    public IncidentText {
        timeline = List.copyOf(timeline);
        moments = List.copyOf(moments);
        comments = List.copyOf(comments);
    }
}
