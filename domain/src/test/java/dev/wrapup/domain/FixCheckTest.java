package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which earlier incidents' fixes are worth asking about, and the answers' words. */
class FixCheckTest {
    private static ActionItem item(int number, ActionState state) {
        return new ActionItem(
                number,
                1,
                number,
                "U1",
                "fix " + number,
                null,
                "U1",
                Instant.EPOCH,
                state == ActionState.OPEN ? null : Instant.EPOCH,
                ActionKind.FIX,
                state,
                state == ActionState.WONT_DO ? "no longer needed" : null);
    }

    @Test
    void askedWhenSomethingIsDoneAndNothingIsOpen() {
        assertTrue(FixCheck.worthAsking(List.of(item(1, ActionState.DONE))));
        assertTrue(
                FixCheck.worthAsking(
                        List.of(item(1, ActionState.DONE), item(2, ActionState.WONT_DO))),
                "won't do counts neither way");
    }

    @Test
    void notAskedWhileSomethingIsOpenOrNothingWasDone() {
        assertFalse(FixCheck.worthAsking(List.of()));
        assertFalse(FixCheck.worthAsking(List.of(item(1, ActionState.WONT_DO))));
        assertFalse(
                FixCheck.worthAsking(
                        List.of(item(1, ActionState.DONE), item(2, ActionState.OPEN))));
    }

    @Test
    void answersRoundTripThroughTheirCodes() {
        for (FixAnswer a : FixAnswer.values()) {
            assertEquals(a, FixAnswer.ofCode(a.code()));
        }
        assertEquals("did_not_hold", FixAnswer.DID_NOT_HOLD.code());
        assertEquals("the fixes did not hold", FixAnswer.DID_NOT_HOLD.cameBack());
        assertThrows(IllegalArgumentException.class, () -> FixAnswer.ofCode("maybe"));
    }
}
