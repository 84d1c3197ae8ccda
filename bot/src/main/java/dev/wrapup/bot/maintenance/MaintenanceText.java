package dev.wrapup.bot.maintenance;

import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.MaintenanceWindow.Step;
import dev.wrapup.domain.MaintenanceWindow.Verdict;
import dev.wrapup.domain.text.VerdictText;

/** How a window's plan and verdict read in Slack. */
public final class MaintenanceText {
    private MaintenanceText() {}

    public static String state(Step step) {
        return switch (step.state()) {
            case PLANNED -> ":white_circle: planned";
            case DONE -> ":white_check_mark: done";
            case FAILED -> ":x: failed" + (step.failure() != null ? " — " + step.failure() : "");
        };
    }

    /** The plan as Slack mrkdwn: the window in date tokens, then the numbered steps. */
    public static String plan(Incident incident, MaintenanceWindow w) {
        StringBuilder text = new StringBuilder();
        text.append("*Window:* ")
                .append(SlackText.date(w.plannedStart()))
                .append(" → ")
                .append(SlackText.date(w.plannedEnd()))
                .append(" (planned in ")
                .append(w.zone())
                .append(")\n");
        text.append("*Status:* ").append(incident.status().label());
        if (w.beganAt() != null) {
            text.append(" · began ").append(SlackText.date(w.beganAt()));
        }
        if (w.endedAt() != null) {
            text.append(" · ended ").append(SlackText.date(w.endedAt()));
        }
        text.append("\n*Steps*");
        if (w.steps().isEmpty()) {
            text.append("\n_No steps yet: `/maintenance step @owner <text>` adds step 1._");
        }
        for (Step s : w.steps()) {
            text.append("\n")
                    .append(s.number())
                    .append(". ")
                    .append(SlackText.escape(s.text()))
                    .append(" — ")
                    .append(SlackText.mention(s.ownerId()))
                    .append(" — ")
                    .append(state(s));
        }
        if (!w.impacts().isEmpty()) {
            text.append("\n*Production impact reported:* ").append(w.impacts().size());
        }
        return text.toString();
    }

    /** The verdict as Slack mrkdwn, its headline stressed. */
    public static String verdict(Verdict v) {
        VerdictText text = VerdictText.of(v);
        return (v.success() ? ":trophy: *" : ":mag: *") + text.headline() + "*" + text.rest();
    }
}
