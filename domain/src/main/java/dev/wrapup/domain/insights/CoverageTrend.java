package dev.wrapup.domain.insights;

import dev.wrapup.domain.Completeness;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Comment coverage: of the people asked for a wrap-up comment (bots left out, as {@link
 * Completeness} counts them), the share who gave one. Counted over resolved incidents, since
 * comments are asked for once an incident is resolved, each in the week it started; a person in two
 * incidents counts twice, as they were asked twice.
 */
public record CoverageTrend(List<Row> rows, Coverage overall) {

    /** Incidents counted, the people asked in them and those of them who commented. */
    public record Coverage(int incidents, int participants, int commented) {
        static final Coverage NONE = new Coverage(0, 0, 0);

        Coverage plus(Completeness c) {
            return new Coverage(
                    incidents + 1,
                    participants + c.participants().size(),
                    commented + c.commented().size());
        }

        /** The share who commented, in percent; empty when nobody was asked. */
        public OptionalDouble percent() {
            return participants == 0
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(100.0 * commented / participants);
        }
    }

    public record Row(Week week, Coverage coverage) {}

    public static CoverageTrend of(ReportingPeriod period, List<IncidentFacts> incidents) {
        List<Week> weeks = period.weeks();
        List<Coverage> byWeek = new ArrayList<>(weeks.stream().map(w -> Coverage.NONE).toList());
        Coverage overall = Coverage.NONE;
        for (IncidentFacts facts : incidents) {
            int week = period.weekOf(facts.incident().startedAt());
            if (week >= 0 && facts.incident().isResolved()) {
                byWeek.set(week, byWeek.get(week).plus(facts.completeness()));
                overall = overall.plus(facts.completeness());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            rows.add(new Row(weeks.get(i), byWeek.get(i)));
        }
        return new CoverageTrend(List.copyOf(rows), overall);
    }
}
