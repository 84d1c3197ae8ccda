package dev.wrapup.bot.maintenance;

import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.MaintenanceWindow.Step;
import dev.wrapup.domain.MaintenanceWindow.Verdict;
import dev.wrapup.domain.text.Durations;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** How a window's plan and verdict read, in Slack and in the Markdown report. */
public final class MaintenanceText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

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

    public static String verdict(Verdict v) {
        return (v.success()
                        ? ":trophy: *A success.* "
                        : ":mag: *Not everything went to plan*, and that is worth "
                                + "learning from too. ")
                + "Planned steps done: "
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
    }

    /** The report's section: the plan with numbers, owners and states, and the verdict. */
    public static String markdown(MaintenanceWindow w, Function<String, String> name) {
        ZoneId zone = ZoneId.of(w.zone());
        StringBuilder md = new StringBuilder("## Plan\n\n");
        md.append("Window: ")
                .append(LOCAL.format(w.plannedStart().atZone(zone)))
                .append(" to ")
                .append(LOCAL.format(w.plannedEnd().atZone(zone)))
                .append(' ')
                .append(w.zone())
                .append("\n\n");
        if (w.steps().isEmpty()) {
            md.append("_No steps were planned._\n");
        }
        for (Step s : w.steps()) {
            md.append(s.number())
                    .append(". ")
                    .append(s.text().replace('\n', ' '))
                    .append(" — owner: ")
                    .append(name.apply(s.ownerId()))
                    .append(" — ")
                    .append(s.state().name().toLowerCase());
            if (s.failure() != null) {
                md.append(" (").append(s.failure().replace('\n', ' ')).append(')');
            }
            md.append('\n');
        }
        if (!w.impacts().isEmpty()) {
            md.append("\nProduction impact reported:\n\n");
            w.impacts()
                    .forEach(
                            i ->
                                    md.append("- ")
                                            .append(i.text().replace('\n', ' '))
                                            .append(" — ")
                                            .append(name.apply(i.userId()))
                                            .append('\n'));
        }
        md.append("\n## Verdict\n\n");
        if (w.endedAt() == null) {
            md.append("_The window has not ended yet._\n");
        } else {
            md.append(
                            verdict(w.verdict(w.endedAt()))
                                    .replaceAll(":[a-z_]+: ", "")
                                    .replace("*", "**"))
                    .append('\n');
        }
        return md.toString();
    }
}
