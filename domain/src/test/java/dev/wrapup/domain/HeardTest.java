package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeardTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Participant participant(String userId) {
        return new Participant(userId, null, "UTC", "posted", T0);
    }

    private static WrapUpComment comment(String userId) {
        return new WrapUpComment(0, 7, userId, AgendaItem.WELL, "text", "command", T0);
    }

    @Test
    void commentsAreCountedPerPersonAndBotsAreNoParticipants() {
        Heard heard =
                Heard.of(
                        List.of(
                                participant("U1"),
                                participant("B1"),
                                participant("U2"),
                                participant("U3")),
                        Set.of("B1")::contains,
                        List.of(comment("U2"), comment("U1"), comment("U2")),
                        List.of("U3"));
        assertEquals(List.of("U1", "U2", "U3"), heard.participants());
        assertEquals(List.of("U2", "U1"), List.copyOf(heard.comments().keySet()));
        assertEquals(Map.of("U2", 2, "U1", 1), heard.comments());
        assertEquals(List.of("U3"), heard.silent());
    }

    @Test
    void theSilentAreThoseAskedWhoGaveNoCommentWhetherOrNotTheyTookPart() {
        Heard heard =
                Heard.of(
                        List.of(participant("U1")),
                        id -> false,
                        List.of(comment("U1")),
                        List.of("U1", "U9", "U8", "U9"));
        assertEquals(List.of("U9", "U8"), heard.silent());
    }
}
