package dev.wrapup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A planned change: its window, its numbered steps, and what happened. */
public record MaintenanceWindow(
        long incidentId,
        Instant plannedStart,
        Instant plannedEnd,
        String zone,
        Instant beganAt,
        Instant endedAt,
        Instant headsUpAt,
        Instant overrunAt,
        List<Step> steps,
        List<Impact> impacts) {

    /** One numbered step with its owner. */
    public record Step(int number, String ownerId, String text, State state, String failure) {}

    /** Where a step stands. */
    public enum State {
        PLANNED,
        DONE,
        FAILED
    }

    /** Production impact someone reported during the window. */
    public record Impact(String userId, String text, Instant at) {}

    /** The success verdict: changes made, no production impact, ended on time. */
    public record Verdict(
            int stepsDone, int stepsPlanned, int stepsFailed, boolean impact, Duration overrun) {
        public boolean allStepsDone() {
            return stepsDone == stepsPlanned;
        }

        public boolean onTime() {
            return overrun.isZero() || overrun.isNegative();
        }

        public boolean success() {
            return allStepsDone() && !impact && onTime();
        }
    }

    /** The verdict as of the given end (the actual end, or now for a window still open). */
    public Verdict verdict(Instant end) {
        int done = (int) steps.stream().filter(s -> s.state() == State.DONE).count();
        int failed = (int) steps.stream().filter(s -> s.state() == State.FAILED).count();
        Duration overrun = Duration.between(plannedEnd, end);
        return new Verdict(
                done,
                steps.size(),
                failed,
                !impacts.isEmpty(),
                overrun.isNegative() ? Duration.ZERO : overrun);
    }
}
