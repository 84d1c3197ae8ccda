package dev.wrapup.bot.web.insights;

import dev.wrapup.bot.web.insights.Chart.Series;
import dev.wrapup.bot.web.insights.Table.Cell;
import dev.wrapup.bot.web.insights.Table.Column;
import dev.wrapup.bot.web.insights.Table.Row;
import dev.wrapup.domain.insights.BarChart;
import dev.wrapup.domain.insights.BurdenByTimezone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * "Burden by timezone": how many of the period's analysis calls fell outside working hours in each
 * timezone, with the people and the share of calls; by zone only, never a table of people.
 */
final class BurdenChart {
    private static final String ORANGE = "#c24e00";

    private BurdenChart() {}

    static Chart of(BurdenByTimezone burden) {
        List<String> zones = burden.rows().stream().map(r -> city(r.tz())).toList();
        BarChart.Builder picture =
                BarChart.stacked(zones, List.of("Calls outside working hours")).whole();
        List<Row> rows = new ArrayList<>();
        for (BurdenByTimezone.Row r : burden.rows()) {
            picture.values(List.of((double) r.outsideHours()));
            rows.add(row(Cell.of(r.tz()), r));
        }
        return new Chart(
                "burden",
                "Burden by timezone",
                "Bars: for each timezone, how many of the analysis calls of the incidents started in"
                        + " the period fell outside the working hours of someone there.",
                List.of(new Series("Calls outside working hours", ORANGE)),
                picture.build(),
                new Table(
                        "Calls outside working hours, by timezone, of "
                                + burden.calls()
                                + " call"
                                + (burden.calls() == 1 ? "" : "s"),
                        List.of(
                                new Column("Timezone", "timezone"),
                                new Column("People", "people"),
                                new Column("Calls", "calls_outside_hours"),
                                new Column("Share", "share_percent")),
                        rows,
                        row(new Cell("Any timezone", "total"), burden.overall())));
    }

    private static Row row(Cell header, BurdenByTimezone.Row r) {
        OptionalDouble share = r.percent();
        return new Row(
                List.of(
                        header,
                        Cell.of(r.people()),
                        Cell.of(r.outsideHours()),
                        share.isPresent()
                                ? new Cell(
                                        number(share.getAsDouble()) + "%",
                                        number(share.getAsDouble()))
                                : new Cell("—", "")));
    }

    /** The chart's short label: "Los Angeles" for America/Los_Angeles; the table says it whole. */
    static String city(String tz) {
        return tz.substring(tz.lastIndexOf('/') + 1).replace('_', ' ');
    }

    /** One decimal at most, as the other charts write shares: 60, 66.7. */
    private static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
