package dev.wrapup.domain.insights;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Action items per week by kind, each in the week it was made. A period whose items are all process
 * or training is a warning sign: the reviews asked people to do better and changed no system.
 *
 * @param rows one per week of the period
 */
public record ActionKindTrend(List<Row> rows) {

    /** Counts in the order of {@link ActionKind#values()}. */
    public record Row(Week week, List<Integer> counts) {}

    /**
     * @param actions items of the period and perhaps others; those made outside it are not counted
     */
    public static ActionKindTrend of(ReportingPeriod period, List<ActionItem> actions) {
        List<Week> weeks = period.weeks();
        int[][] counts = new int[weeks.size()][ActionKind.values().length];
        for (ActionItem a : actions) {
            int week = period.weekOf(a.createdAt());
            if (week >= 0) {
                counts[week][a.kind().ordinal()]++;
            }
        }
        return new ActionKindTrend(
                IntStream.range(0, weeks.size())
                        .mapToObj(
                                i ->
                                        new Row(
                                                weeks.get(i),
                                                Arrays.stream(counts[i]).boxed().toList()))
                        .toList());
    }

    /** The period's counts, in the order of {@link ActionKind#values()}. */
    public List<Integer> totals() {
        return IntStream.range(0, ActionKind.values().length)
                .mapToObj(k -> rows.stream().mapToInt(r -> r.counts().get(k)).sum())
                .toList();
    }

    /** Whether the period has items and all of them are process or training. */
    public boolean onlySoft() {
        List<Integer> totals = totals();
        int all = totals.stream().mapToInt(Integer::intValue).sum();
        int soft =
                Arrays.stream(ActionKind.values())
                        .filter(ActionKind::soft)
                        .mapToInt(k -> totals.get(k.ordinal()))
                        .sum();
        return all > 0 && soft == all;
    }
}
