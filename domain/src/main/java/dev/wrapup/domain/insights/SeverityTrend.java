package dev.wrapup.domain.insights;

import dev.wrapup.domain.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Incidents per week by severity, each in the week it started.
 *
 * @param columns the severities, worst first, then incidents whose severity was never set
 * @param rows one per week of the period
 */
public record SeverityTrend(List<String> columns, List<Row> rows) {
    public static final String NOT_SET = "Not set";

    /** Counts in the order of {@link #columns()}. */
    public record Row(Week week, List<Integer> counts) {
        public int total() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }
    }

    public static SeverityTrend of(ReportingPeriod period, List<IncidentFacts> incidents) {
        List<Week> weeks = period.weeks();
        int columns = Severity.values().length + 1;
        int[][] counts = new int[weeks.size()][columns];
        for (IncidentFacts facts : incidents) {
            int week = period.weekOf(facts.incident().startedAt());
            if (week >= 0) {
                Severity severity = facts.incident().severity();
                counts[week][severity == null ? columns - 1 : severity.ordinal()]++;
            }
        }
        List<String> names =
                new ArrayList<>(Arrays.stream(Severity.values()).map(Severity::label).toList());
        names.add(NOT_SET);
        List<Row> rows =
                IntStream.range(0, weeks.size())
                        .mapToObj(
                                i ->
                                        new Row(
                                                weeks.get(i),
                                                Arrays.stream(counts[i]).boxed().toList()))
                        .toList();
        return new SeverityTrend(List.copyOf(names), rows);
    }

    /** The period's counts, in the order of {@link #columns()}. */
    public List<Integer> totals() {
        return IntStream.range(0, columns.size())
                .mapToObj(c -> rows.stream().mapToInt(r -> r.counts().get(c)).sum())
                .toList();
    }
}
