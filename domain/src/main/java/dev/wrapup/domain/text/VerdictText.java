package dev.wrapup.domain.text;

import dev.wrapup.domain.MaintenanceWindow.Verdict;

/**
 * A maintenance window's verdict in words: a headline to stress, then the facts behind it. Slack
 * and the report stress the headline each in their own markup.
 */
public record VerdictText(String headline, String rest) {
    public static VerdictText of(Verdict v) {
        String facts =
                "Planned steps done: "
                        + v.stepsDone()
                        + " of "
                        + v.stepsPlanned()
                        + (v.stepsFailed() > 0 ? " (" + v.stepsFailed() + " failed)" : "")
                        + ". "
                        + (v.impact()
                                ? "Production impact was recorded. "
                                : "No production impact was recorded. ")
                        + (v.onTime()
                                ? "Ended on time."
                                : "Overran the window by "
                                        + Durations.humanAtLeastAMinute(v.overrun())
                                        + ".");
        return v.success()
                ? new VerdictText("A success.", " " + facts)
                : new VerdictText(
                        "Not everything went to plan",
                        ", and that is worth learning from too. " + facts);
    }
}
