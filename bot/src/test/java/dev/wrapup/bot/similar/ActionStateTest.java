package dev.wrapup.bot.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionStateTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void openItemsAreCountedFirst() {
        assertEquals("no action items", SimilarIncidents.actionState(List.of()));
        assertEquals(
                "2 of 3 action items still open",
                SimilarIncidents.actionState(
                        List.of(
                                item(1, ActionState.OPEN),
                                item(2, ActionState.DONE),
                                item(3, ActionState.OPEN))));
        assertEquals(
                "1 of 2 action items still open",
                SimilarIncidents.actionState(
                        List.of(item(1, ActionState.WONT_DO), item(2, ActionState.OPEN))));
    }

    @Test
    void closedItemsSayWhetherTheyWereDoneOrDecidedAgainst() {
        assertEquals(
                "its action item done",
                SimilarIncidents.actionState(List.of(item(1, ActionState.DONE))));
        assertEquals(
                "all action items done",
                SimilarIncidents.actionState(
                        List.of(item(1, ActionState.DONE), item(2, ActionState.DONE))));
        assertEquals(
                "1 done, 2 won't do",
                SimilarIncidents.actionState(
                        List.of(
                                item(1, ActionState.WONT_DO),
                                item(2, ActionState.DONE),
                                item(3, ActionState.WONT_DO))));
    }

    private static ActionItem item(int number, ActionState state) {
        return new ActionItem(
                number,
                7,
                number,
                "U1",
                "item " + number,
                null,
                "U1",
                AT,
                state == ActionState.OPEN ? null : AT,
                ActionKind.FIX,
                state,
                state == ActionState.WONT_DO ? "not worth it" : null);
    }
}
