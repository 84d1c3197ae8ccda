package dev.wrapup.domain.report;

import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.report.Section.Impact;
import dev.wrapup.domain.report.Section.Plan;
import dev.wrapup.domain.report.Section.Step;
import dev.wrapup.domain.report.Section.Verdict;
import dev.wrapup.domain.text.VerdictText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** A maintenance window's part of its report: the plan as it was carried out, and the verdict. */
final class MaintenanceSections {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private MaintenanceSections() {}

    static List<Section> of(
            MaintenanceWindow w, Function<String, String> name, Function<String, String> text) {
        ZoneId zone = ZoneId.of(w.zone());
        String window =
                "Window: "
                        + LOCAL.format(w.plannedStart().atZone(zone))
                        + " to "
                        + LOCAL.format(w.plannedEnd().atZone(zone))
                        + " "
                        + w.zone();
        List<Step> steps =
                w.steps().stream()
                        .map(
                                s ->
                                        new Step(
                                                s.number(),
                                                Report.oneLine(text.apply(s.text())),
                                                name.apply(s.ownerId()),
                                                state(s, text)))
                        .toList();
        List<Impact> impacts =
                w.impacts().stream()
                        .map(
                                i ->
                                        new Impact(
                                                Report.oneLine(text.apply(i.text())),
                                                name.apply(i.userId())))
                        .toList();
        return List.of(new Plan(window, steps, impacts), verdict(w));
    }

    private static String state(MaintenanceWindow.Step s, Function<String, String> text) {
        String state = s.state().name().toLowerCase(Locale.ROOT);
        return s.failure() == null
                ? state
                : state + " (" + Report.oneLine(text.apply(s.failure())) + ")";
    }

    private static Verdict verdict(MaintenanceWindow w) {
        return new Verdict(w.endedAt() == null ? null : VerdictText.of(w.verdict(w.endedAt())));
    }
}
