package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompletenessTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Participant participant(String userId) {
        return new Participant(userId, null, "UTC", "posted", T0);
    }

    private static WrapUpComment comment(String userId, AgendaItem item) {
        return new WrapUpComment(0, 7, userId, item, "text", "command", T0);
    }

    @Test
    void botsAreNeitherCountedNorMissing() {
        Completeness c =
                Completeness.of(
                        List.of(
                                participant("U1"),
                                participant("B1"),
                                participant("U2"),
                                participant("U3")),
                        Set.of("B1")::contains,
                        List.of(comment("U2", AgendaItem.WELL)));
        assertEquals(List.of("U1", "U2", "U3"), c.participants());
        assertEquals(List.of("U2"), c.commented());
        assertEquals(List.of("U1", "U3"), c.missing());
        assertFalse(c.complete());
    }

    @Test
    void aPersonCountsOnceInTheOrderOfTheirFirstComment() {
        Completeness c =
                Completeness.of(
                        List.of(participant("U1"), participant("U2")),
                        id -> false,
                        List.of(
                                comment("U2", AgendaItem.WRONG),
                                comment("U1", AgendaItem.WELL),
                                comment("U2", AgendaItem.BETTER)));
        assertEquals(List.of("U2", "U1"), c.commented());
        assertEquals(List.of(), c.missing());
        assertTrue(c.complete());
    }

    @Test
    void aBotsCommentDoesNotCount() {
        Completeness c =
                Completeness.of(
                        List.of(participant("U1"), participant("B1")),
                        "B1"::equals,
                        List.of(comment("B1", AgendaItem.WELL)));
        assertEquals(List.of(), c.commented());
        assertEquals(List.of("U1"), c.missing());
    }

    @Test
    void withOnlyBotsTakingPartNobodyIsMissing() {
        Completeness c = Completeness.of(List.of(participant("B1")), "B1"::equals, List.of());
        assertEquals(List.of(), c.participants());
        assertTrue(c.complete());
    }

    @Test
    void fromUserIdsAloneTheSameRulesHold() {
        Completeness c =
                Completeness.ofUsers(
                        List.of("U1", "B1", "U2", "U1"),
                        "B1"::equals,
                        List.of("B1", "U9", "U2", "U2"));
        assertEquals(new Completeness(List.of("U1", "U2"), List.of("U2"), List.of("U1")), c);
    }
}
