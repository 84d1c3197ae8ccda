package dev.wrapup.bot.web.insights;

import dev.wrapup.bot.web.insights.Chart.Series;
import dev.wrapup.bot.web.insights.Table.Cell;
import dev.wrapup.bot.web.insights.Table.Column;
import dev.wrapup.bot.web.insights.Table.Row;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.insights.ActionKindTrend;
import dev.wrapup.domain.insights.ActionTrend;
import dev.wrapup.domain.insights.BarChart;
import dev.wrapup.domain.insights.CoverageTrend;
import dev.wrapup.domain.insights.DurationTrend;
import dev.wrapup.domain.insights.IncidentFacts;
import dev.wrapup.domain.insights.ReportingPeriod;
import dev.wrapup.domain.insights.SeverityTrend;
import dev.wrapup.domain.insights.Week;
import dev.wrapup.domain.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The insights' seven charts over a period, each with its table, from the incidents and action
 * items a viewer may see.
 *
 * <p>About 300 lines: seven short builders that share the week labels, the colours and the way a
 * cell is written, so that the charts read alike; each is read on its own.
 */
final class Charts {
    /** Dark enough on white for the bars to stand out (3:1 at least), and distinct in print. */
    private static final List<String> SEVERITY_COLORS =
            List.of("#a50e0e", "#c24e00", "#8a6100", "#1a5fb4", "#5f6368");

    static final String BLUE = "#1a5fb4";
    static final String GREEN = "#1e7b34";
    private static final String RED = "#a50e0e";
    private static final String GREY = "#5f6368";

    /**
     * In the order of {@link ActionKind}: the system-changing kinds dark, the soft ones lighter.
     */
    private static final List<String> KIND_COLORS =
            List.of("#1a5fb4", "#1e7b34", "#6b3fa0", "#8a6100", "#c24e00");

    private static final Column WEEK = new Column("Week from", "week");
    private static final Cell PERIOD = new Cell("Whole period", "total");
    static final String NONE = "—";

    /** A duration axis in hours steps by minutes, hours, days or weeks as people count them. */
    private static final double[] HOUR_STEPS = {
        1 / 60.0, 5 / 60.0, 10 / 60.0, 0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 168
    };

    private Charts() {}

    static List<Chart> of(
            ReportingPeriod period,
            List<IncidentFacts> incidents,
            List<ActionItem> actions,
            Instant now) {
        List<String> weeks = period.weeks().stream().map(Week::label).toList();
        return List.of(
                severities(weeks, SeverityTrend.of(period, incidents)),
                durations(
                        "resolve",
                        "Time to resolve",
                        "from an incident's start to its resolution",
                        weeks,
                        DurationTrend.of(period, incidents, IncidentFacts::timeToResolve)),
                durations(
                        "call",
                        "From resolve to the analysis call",
                        "from an incident's resolution to its analysis call, held or scheduled",
                        weeks,
                        DurationTrend.of(period, incidents, IncidentFacts::resolveToCall)),
                durations(
                        "publication",
                        "From resolve to publication",
                        "from an incident's resolution to the first publication of its wrap-up",
                        weeks,
                        DurationTrend.of(period, incidents, IncidentFacts::resolveToPublication)),
                coverage(weeks, CoverageTrend.of(period, incidents)),
                actions(weeks, ActionTrend.of(period, actions, now)),
                kinds(weeks, ActionKindTrend.of(period, actions)));
    }

    private static Chart severities(List<String> weeks, SeverityTrend trend) {
        List<Series> series = new ArrayList<>();
        List<Column> columns = new ArrayList<>(List.of(WEEK));
        for (int i = 0; i < trend.columns().size(); i++) {
            String name = trend.columns().get(i);
            series.add(new Series(name, SEVERITY_COLORS.get(i)));
            columns.add(new Column(name, name.toLowerCase(Locale.ROOT).replace(' ', '_')));
        }
        columns.add(new Column("Total", "total"));
        BarChart.Builder picture = BarChart.stacked(weeks, trend.columns()).whole();
        List<Row> rows = new ArrayList<>();
        for (SeverityTrend.Row r : trend.rows()) {
            picture.values(r.counts().stream().map(Integer::doubleValue).toList());
            rows.add(counts(Cell.of(r.week().label()), r.counts()));
        }
        return new Chart(
                "incidents",
                "Incidents per week by severity",
                "Stacked bars: the incidents that started each week, by severity.",
                series,
                picture.build(),
                new Table(
                        "Incidents that started each week, by severity",
                        columns,
                        rows,
                        counts(PERIOD, trend.totals())));
    }

    private static Row counts(Cell header, List<Integer> counts) {
        List<Cell> cells = new ArrayList<>(List.of(header));
        counts.forEach(n -> cells.add(Cell.of(n)));
        cells.add(Cell.of(counts.stream().mapToInt(Integer::intValue).sum()));
        return new Row(cells);
    }

    private static Chart durations(
            String name, String title, String measure, List<String> weeks, DurationTrend trend) {
        BarChart.Builder picture =
                BarChart.stacked(weeks, List.of("Median"))
                        .format(Charts::hours)
                        .steps(HOUR_STEPS)
                        .rule("median", trend.median().map(Charts::inHours).orElse(null))
                        .rule("p90", trend.p90().map(Charts::inHours).orElse(null));
        List<Row> rows = new ArrayList<>();
        for (DurationTrend.Row r : trend.rows()) {
            picture.values(List.of(r.median().map(Charts::inHours).orElse(0.0)));
            rows.add(durations(Cell.of(r.week().label()), r.count(), r.median(), r.p90()));
        }
        return new Chart(
                name,
                title,
                "Bars: the median time "
                        + measure
                        + ", by the week the incident started. Dashed lines: the median and the"
                        + " 90th percentile over the whole period.",
                List.of(new Series("Median of the week", BLUE)),
                picture.build(),
                new Table(
                        title + ", by the week the incident started",
                        List.of(
                                WEEK,
                                new Column("Incidents", "incidents"),
                                new Column("Median", "median_minutes"),
                                new Column("90th percentile", "p90_minutes")),
                        rows,
                        durations(PERIOD, trend.count(), trend.median(), trend.p90())));
    }

    private static Row durations(
            Cell header, int count, Optional<Duration> median, Optional<Duration> p90) {
        return new Row(List.of(header, Cell.of(count), duration(median), duration(p90)));
    }

    /** Read as "2 h 30 min"; in the CSV in whole minutes, rounded down like the text. */
    private static Cell duration(Optional<Duration> d) {
        return d.map(v -> new Cell(Durations.human(v), String.valueOf(v.toMinutes())))
                .orElse(new Cell(NONE, ""));
    }

    private static double inHours(Duration d) {
        return d.toSeconds() / 3600.0;
    }

    /** Said short on the chart: "2 h" and "3 d" where the table says "2 h 0 min" and "3 d 0 h". */
    private static String hours(double hours) {
        return Durations.human(Duration.ofSeconds(Math.round(hours * 3600)))
                .replace(" 0 min", "")
                .replace(" 0 h", "");
    }

    private static Chart coverage(List<String> weeks, CoverageTrend trend) {
        BarChart.Builder picture =
                BarChart.stacked(weeks, List.of("Commented")).format(Charts::percent).atLeast(100);
        List<Row> rows = new ArrayList<>();
        for (CoverageTrend.Row r : trend.rows()) {
            picture.values(List.of(r.coverage().percent().orElse(0)));
            rows.add(coverage(Cell.of(r.week().label()), r.coverage()));
        }
        return new Chart(
                "coverage",
                "Comment coverage",
                "Bars: of the people asked for a wrap-up comment in the resolved incidents that"
                        + " started each week, the share who gave one. Bots are not asked.",
                List.of(new Series("Share who commented", BLUE)),
                picture.build(),
                new Table(
                        "People asked for a comment and those who gave one, by the week the"
                                + " incident started",
                        List.of(
                                WEEK,
                                new Column("Incidents", "incidents"),
                                new Column("Asked", "asked"),
                                new Column("Commented", "commented"),
                                new Column("Share", "share_percent")),
                        rows,
                        coverage(PERIOD, trend.overall())));
    }

    private static Row coverage(Cell header, CoverageTrend.Coverage c) {
        OptionalDouble share = c.percent();
        return new Row(
                List.of(
                        header,
                        Cell.of(c.incidents()),
                        Cell.of(c.participants()),
                        Cell.of(c.commented()),
                        share.isPresent()
                                ? new Cell(
                                        percent(share.getAsDouble()), number(share.getAsDouble()))
                                : new Cell(NONE, "")));
    }

    static String percent(double value) {
        return number(value) + "%";
    }

    /** One decimal at most: 60, 66.7. */
    static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static Chart actions(List<String> weeks, ActionTrend trend) {
        BarChart.Builder picture =
                BarChart.sideBySide(weeks, List.of("Opened", "Done", "Won't do", "Overdue"))
                        .whole();
        List<Row> rows = new ArrayList<>();
        for (ActionTrend.Row r : trend.rows()) {
            picture.values(
                    List.of(
                            (double) r.opened(),
                            (double) r.done(),
                            (double) r.wontDo(),
                            (double) r.overdue()));
            rows.add(
                    new Row(
                            List.of(
                                    Cell.of(r.week().label()),
                                    Cell.of(r.opened()),
                                    Cell.of(r.done()),
                                    Cell.of(r.wontDo()),
                                    Cell.of(r.overdue()))));
        }
        return new Chart(
                "actions",
                "Action items",
                "Bars side by side: the action items opened, done and decided against (won't do)"
                        + " each week, and those overdue (due date passed, still open) at the week's"
                        + " end, or now.",
                List.of(
                        new Series("Opened", BLUE),
                        new Series("Done", GREEN),
                        new Series("Won't do", GREY),
                        new Series("Overdue", RED)),
                picture.build(),
                new Table(
                        "Action items opened, done and won't do each week, and overdue at its end",
                        List.of(
                                WEEK,
                                new Column("Opened", "opened"),
                                new Column("Done", "done"),
                                new Column("Won't do", "wont_do"),
                                new Column("Overdue", "overdue")),
                        rows,
                        new Row(
                                List.of(
                                        PERIOD,
                                        Cell.of(trend.opened()),
                                        Cell.of(trend.done()),
                                        Cell.of(trend.wontDo()),
                                        Cell.of(trend.overdueAtEnd())))));
    }

    private static Chart kinds(List<String> weeks, ActionKindTrend trend) {
        List<String> names = Arrays.stream(ActionKind.values()).map(ActionKind::label).toList();
        List<Series> series = new ArrayList<>();
        List<Column> columns = new ArrayList<>(List.of(WEEK));
        for (ActionKind kind : ActionKind.values()) {
            series.add(new Series(kind.label(), KIND_COLORS.get(kind.ordinal())));
            columns.add(new Column(kind.label(), kind.word()));
        }
        columns.add(new Column("Total", "total"));
        BarChart.Builder picture = BarChart.stacked(weeks, names).whole();
        List<Row> rows = new ArrayList<>();
        for (ActionKindTrend.Row r : trend.rows()) {
            picture.values(r.counts().stream().map(Integer::doubleValue).toList());
            rows.add(counts(Cell.of(r.week().label()), r.counts()));
        }
        return new Chart(
                "kinds",
                "Action items by kind",
                "Stacked bars: the action items made each week, by kind (fix, guardrail,"
                        + " detection, process, training).",
                series,
                picture.build(),
                new Table(
                        "Action items made each week, by kind",
                        columns,
                        rows,
                        counts(PERIOD, trend.totals())),
                trend.onlySoft()
                        ? "Every action item of this period is about process or training: the"
                                + " reviews asked people to do better and changed nothing in the"
                                + " systems. That is a warning sign."
                        : null);
    }
}
