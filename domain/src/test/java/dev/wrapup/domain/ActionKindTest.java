package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionKindTest {
    @Test
    void kindsAreReadByTheirWordInAnyCase() {
        assertEquals(Optional.of(ActionKind.GUARDRAIL), ActionKind.parse("guardrail"));
        assertEquals(Optional.of(ActionKind.TRAINING), ActionKind.parse(" Training "));
        assertEquals(Optional.of(ActionKind.FIX), ActionKind.parse("FIX"));
        assertEquals(Optional.empty(), ActionKind.parse("fix the retry loop"));
        assertEquals(Optional.empty(), ActionKind.parse("bugfix"));
        assertEquals(Optional.empty(), ActionKind.parse(""));
        assertEquals(Optional.empty(), ActionKind.parse(null));
    }

    @Test
    void theFiveKindsAreListedAsASentence() {
        assertEquals("fix, guardrail, detection, process or training", ActionKind.words());
        assertEquals(
                List.of("Fix", "Guardrail", "Detection", "Process", "Training"),
                List.of(ActionKind.values()).stream().map(ActionKind::label).toList());
    }

    @Test
    void onlyProcessAndTrainingAreSoft() {
        assertEquals(
                List.of(ActionKind.PROCESS, ActionKind.TRAINING),
                List.of(ActionKind.values()).stream().filter(ActionKind::soft).toList());
    }

    @Test
    void theMixCountsEachKindInOrderLeavingOutTheAbsent() {
        assertEquals(
                "3 fix, 1 guardrail, 1 training",
                ActionKind.mix(
                        List.of(
                                ActionKind.TRAINING,
                                ActionKind.FIX,
                                ActionKind.GUARDRAIL,
                                ActionKind.FIX,
                                ActionKind.FIX)));
        assertEquals("", ActionKind.mix(List.of()));
    }

    @Test
    void statesAreStoredByCodeAndReadAsWords() {
        assertEquals("wont_do", ActionState.WONT_DO.code());
        assertEquals(ActionState.WONT_DO, ActionState.ofCode("wont_do"));
        assertEquals(ActionState.OPEN, ActionState.ofCode("open"));
        assertEquals("won't do", ActionState.WONT_DO.label());
        assertFalse(ActionState.OPEN.closed());
        assertTrue(ActionState.DONE.closed());
        assertTrue(ActionState.WONT_DO.closed());
    }

    @Test
    void aWontDoItemIsClosedButNotDoneAndSaysWhy() {
        Instant t = Instant.parse("2026-11-10T10:00:00Z");
        ActionItem item =
                new ActionItem(
                        1,
                        2,
                        3,
                        "U1",
                        "Retrain",
                        null,
                        "U1",
                        t,
                        t,
                        ActionKind.TRAINING,
                        ActionState.WONT_DO,
                        "The runbook covers it");
        assertTrue(item.closed());
        assertFalse(item.done());
        assertFalse(item.open());
        assertEquals("won't do: The runbook covers it", item.stateText());
        ActionItem old = new ActionItem(1, 2, 3, "U1", "Fix", null, "U1", t, null);
        assertEquals(ActionKind.FIX, old.kind());
        assertTrue(old.open());
    }
}
