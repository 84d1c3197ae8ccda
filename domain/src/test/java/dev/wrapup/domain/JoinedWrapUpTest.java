package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinedWrapUpTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Incident incident(long id, IncidentStatus status) {
        return new Incident(
                id,
                status == IncidentStatus.REVIEWING ? IncidentKind.WRAPUP : IncidentKind.INCIDENT,
                "C" + id,
                "inc-" + id,
                "Incident " + id,
                null,
                null,
                status,
                "U1",
                null,
                "U1",
                null,
                "k",
                null,
                T0.plus(Duration.ofHours(id)),
                null);
    }

    @Test
    void aParticipantOwesACommentOnceTheWrapUpIsUnderWay() {
        assertFalse(
                new JoinedWrapUp(
                                incident(1, IncidentStatus.INVESTIGATING),
                                true,
                                false,
                                false,
                                false)
                        .owesComment(),
                "still firefighting");
        assertTrue(
                new JoinedWrapUp(incident(1, IncidentStatus.RESOLVED), true, false, false, false)
                        .owesComment());
        assertTrue(
                new JoinedWrapUp(incident(1, IncidentStatus.REVIEWING), true, false, false, false)
                        .owesComment());
        assertTrue(
                new JoinedWrapUp(incident(1, IncidentStatus.MONITORING), false, true, false, false)
                        .owesComment(),
                "asked, so owed whatever the status");
    }

    @Test
    void aCommentOrAPublicationSettlesIt() {
        assertFalse(
                new JoinedWrapUp(incident(1, IncidentStatus.RESOLVED), true, true, true, false)
                        .owesComment());
        assertFalse(
                new JoinedWrapUp(incident(1, IncidentStatus.RESOLVED), true, true, false, true)
                        .owesComment());
    }

    @Test
    void owedComeFirstThenTheRestNewestFirst() {
        JoinedWrapUp oldDone =
                new JoinedWrapUp(incident(1, IncidentStatus.RESOLVED), true, false, true, true);
        JoinedWrapUp oldOwed =
                new JoinedWrapUp(incident(2, IncidentStatus.RESOLVED), true, false, false, false);
        JoinedWrapUp newDone =
                new JoinedWrapUp(incident(3, IncidentStatus.RESOLVED), true, false, true, false);
        JoinedWrapUp newOwed =
                new JoinedWrapUp(incident(4, IncidentStatus.RESOLVED), false, true, false, false);
        assertEquals(
                List.of(newOwed, oldOwed, newDone, oldDone),
                JoinedWrapUp.owedFirst(List.of(oldDone, oldOwed, newDone, newOwed)));
    }
}
