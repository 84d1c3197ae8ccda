package dev.wrapup.domain.insights;

import dev.wrapup.domain.ActionItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Action items per week: opened in the week, done in the week, decided against (won't do) in the
 * week, and overdue (due date passed, still open) at the week's end, or now for a week not over
 * yet. Items count by their own dates, not their incident's, so that the chart shows the work as it
 * was done.
 */
public record ActionTrend(List<Row> rows) {

    public record Row(Week week, int opened, int done, int wontDo, int overdue) {}

    /**
     * @param actions the items opened before the period's end and not done before its start
     */
    public static ActionTrend of(ReportingPeriod period, List<ActionItem> actions, Instant now) {
        List<Row> rows = new ArrayList<>();
        for (Week week : period.weeks()) {
            Instant asOf = week.end().isAfter(now) ? now : week.end();
            int opened = 0;
            int done = 0;
            int wontDo = 0;
            int overdue = 0;
            for (ActionItem a : actions) {
                if (week.contains(a.createdAt())) {
                    opened++;
                }
                if (a.closedAt() != null && week.contains(a.closedAt())) {
                    if (a.done()) {
                        done++;
                    } else {
                        wontDo++;
                    }
                }
                if (overdue(a, asOf)) {
                    overdue++;
                }
            }
            rows.add(new Row(week, opened, done, wontDo, overdue));
        }
        return new ActionTrend(List.copyOf(rows));
    }

    /**
     * Due on a day, an item is overdue from the next midnight (UTC, as the weeks are) until it is
     * closed, done or won't do.
     */
    static boolean overdue(ActionItem a, Instant asOf) {
        return a.dueOn() != null
                && a.createdAt().isBefore(asOf)
                && (a.closedAt() == null || !a.closedAt().isBefore(asOf))
                && a.dueOn().isBefore(LocalDate.ofInstant(asOf, ZoneOffset.UTC));
    }

    public int opened() {
        return rows.stream().mapToInt(Row::opened).sum();
    }

    public int done() {
        return rows.stream().mapToInt(Row::done).sum();
    }

    public int wontDo() {
        return rows.stream().mapToInt(Row::wontDo).sum();
    }

    /** Overdue at the period's end, or now if it has not ended. */
    public int overdueAtEnd() {
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).overdue();
    }
}
