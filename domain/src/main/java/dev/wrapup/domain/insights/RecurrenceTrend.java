package dev.wrapup.domain.insights;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Recurrence: per week, the incidents that started and those of them with a "did not hold" link to
 * an earlier incident, whose fixes the facilitator said did not hold.
 *
 * @param rows one per week of the period
 */
public record RecurrenceTrend(List<Row> rows) {

    /** One week's incidents, and how many of them came back after fixes that did not hold. */
    public record Row(Week week, int started, int recurred) {}

    /**
     * @param recurred the ids of those incidents with a "did not hold" link
     */
    public static RecurrenceTrend of(
            ReportingPeriod period, List<IncidentFacts> incidents, Set<Long> recurred) {
        List<Week> weeks = period.weeks();
        int[] started = new int[weeks.size()];
        int[] back = new int[weeks.size()];
        for (IncidentFacts facts : incidents) {
            int week = period.weekOf(facts.incident().startedAt());
            if (week >= 0) {
                started[week]++;
                if (recurred.contains(facts.incident().id())) {
                    back[week]++;
                }
            }
        }
        return new RecurrenceTrend(
                IntStream.range(0, weeks.size())
                        .mapToObj(i -> new Row(weeks.get(i), started[i], back[i]))
                        .toList());
    }

    public int started() {
        return rows.stream().mapToInt(Row::started).sum();
    }

    public int recurred() {
        return rows.stream().mapToInt(Row::recurred).sum();
    }

    /** The period's recurrence rate in percent; empty when no incident started. */
    public OptionalDouble percent() {
        return started() == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * recurred() / started());
    }
}
