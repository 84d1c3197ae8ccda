package dev.wrapup.bot.web.insights;

import dev.wrapup.bot.web.insights.Chart.Series;
import dev.wrapup.bot.web.insights.Table.Cell;
import dev.wrapup.bot.web.insights.Table.Column;
import dev.wrapup.bot.web.insights.Table.Row;
import dev.wrapup.domain.insights.BarChart;
import dev.wrapup.domain.insights.RoleGroupCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Coverage by role group: for each configured group, the share of the period's incidents it took
 * part in and the share where someone from it commented. Counts only, never names.
 */
final class RoleGroupChart {
    static final String NAME = "role-groups";

    private RoleGroupChart() {}

    static Chart of(RoleGroupCoverage coverage) {
        List<String> roles = coverage.rows().stream().map(RoleGroupCoverage.Row::role).toList();
        BarChart.Builder picture =
                BarChart.sideBySide(roles, List.of("Took part", "Commented"))
                        .format(Charts::percent)
                        .atLeast(100);
        List<Row> rows = new ArrayList<>();
        for (RoleGroupCoverage.Row r : coverage.rows()) {
            picture.values(List.of(r.tookPartPercent().orElse(0), r.commentedPercent().orElse(0)));
            rows.add(row(Cell.of(r.role()), r));
        }
        return new Chart(
                NAME,
                "Coverage by role group",
                "Bars side by side, one pair per configured role group: of the period's incidents"
                        + " noted for the group (when the call was announced or the wrap-up"
                        + " published), the share where someone from it took part and the share"
                        + " where someone from it commented. Nobody is named.",
                List.of(
                        new Series("Took part", Charts.BLUE),
                        new Series("Commented", Charts.GREEN)),
                picture.build(),
                new Table(
                        "Incidents each role group took part in and commented on",
                        List.of(
                                new Column("Role group", "role_group"),
                                new Column("Incidents", "incidents"),
                                new Column("Took part", "took_part"),
                                new Column("Share took part", "took_part_percent"),
                                new Column("Commented", "commented"),
                                new Column("Share commented", "commented_percent")),
                        rows,
                        row(Cell.of("Every group"), coverage.everyGroup())));
    }

    private static Row row(Cell header, RoleGroupCoverage.Row r) {
        return new Row(
                List.of(
                        header,
                        Cell.of(r.incidents()),
                        Cell.of(r.tookPart()),
                        share(r.tookPartPercent()),
                        Cell.of(r.commented()),
                        share(r.commentedPercent())));
    }

    private static Cell share(OptionalDouble share) {
        return share.isPresent()
                ? new Cell(Charts.percent(share.getAsDouble()), Charts.number(share.getAsDouble()))
                : new Cell(Charts.NONE, "");
    }
}
