package dev.wrapup.bot.web.insights;

import dev.wrapup.bot.web.insights.Chart.Series;
import dev.wrapup.bot.web.insights.Table.Cell;
import dev.wrapup.bot.web.insights.Table.Column;
import dev.wrapup.bot.web.insights.Table.Row;
import dev.wrapup.domain.insights.BarChart;
import dev.wrapup.domain.insights.RecurrenceTrend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * "Recurrence": per week, the incidents that started and those whose facilitator said the fixes
 * from an earlier, similar incident did not hold; the period's rate stated as a sentence.
 */
final class RecurrenceChart {
    private static final String RED = "#a50e0e";

    private RecurrenceChart() {}

    static Chart of(List<String> weeks, RecurrenceTrend trend) {
        BarChart.Builder picture =
                BarChart.stacked(weeks, List.of("Fixes did not hold", "Other incidents")).whole();
        List<Row> rows = new ArrayList<>();
        for (RecurrenceTrend.Row r : trend.rows()) {
            picture.values(List.of((double) r.recurred(), (double) (r.started() - r.recurred())));
            rows.add(row(Cell.of(r.week().label()), r.started(), r.recurred()));
        }
        return new Chart(
                "recurrence",
                "Recurrence",
                "Stacked bars: the incidents that started each week; in red those that came back"
                        + " after the fixes from an earlier incident did not hold.",
                List.of(
                        new Series("Fixes did not hold", RED),
                        new Series("Other incidents", Charts.BLUE)),
                picture.build(),
                new Table(
                        "Incidents that started each week, and those with a \"did not hold\" link",
                        List.of(
                                new Column("Week from", "week"),
                                new Column("Incidents", "incidents"),
                                new Column("Fixes did not hold", "did_not_hold"),
                                new Column("Recurrence rate", "recurrence_percent")),
                        rows,
                        row(new Cell("Whole period", "total"), trend.started(), trend.recurred())),
                sentence(trend));
    }

    /** The period's rate in words. */
    static String sentence(RecurrenceTrend trend) {
        OptionalDouble rate = trend.percent();
        if (rate.isEmpty()) {
            return "No incident started in this period, so there is no recurrence rate.";
        }
        return "Recurrence rate: "
                + number(rate.getAsDouble())
                + "% — "
                + trend.recurred()
                + " of "
                + trend.started()
                + (trend.started() == 1 ? " incident" : " incidents")
                + " came back after the fixes from an earlier incident did not hold.";
    }

    private static Row row(Cell header, int started, int recurred) {
        return new Row(
                List.of(
                        header,
                        Cell.of(started),
                        Cell.of(recurred),
                        started == 0
                                ? new Cell(Charts.NONE, "")
                                : new Cell(
                                        number(100.0 * recurred / started) + "%",
                                        number(100.0 * recurred / started))));
    }

    /** One decimal at most, as the other charts write shares: 60, 66.7. */
    private static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
