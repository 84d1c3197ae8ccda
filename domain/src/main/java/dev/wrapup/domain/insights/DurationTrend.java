package dev.wrapup.domain.insights;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long something took (to resolve, from resolving to the call, ...): the median and the 90th
 * percentile per week and over the period. An incident counts in the week it started, and only once
 * what is measured has happened.
 */
public record DurationTrend(
        List<Row> rows, int count, Optional<Duration> median, Optional<Duration> p90) {

    /** A week: how many incidents had the measure, and their median and 90th percentile. */
    public record Row(Week week, int count, Optional<Duration> median, Optional<Duration> p90) {}

    public static DurationTrend of(
            ReportingPeriod period,
            List<IncidentFacts> incidents,
            Function<IncidentFacts, Optional<Duration>> measure) {
        List<Week> weeks = period.weeks();
        List<List<Duration>> byWeek = new ArrayList<>();
        weeks.forEach(w -> byWeek.add(new ArrayList<>()));
        List<Duration> all = new ArrayList<>();
        for (IncidentFacts facts : incidents) {
            int week = period.weekOf(facts.incident().startedAt());
            Optional<Duration> measured = measure.apply(facts);
            if (week >= 0 && measured.isPresent()) {
                byWeek.get(week).add(measured.get());
                all.add(measured.get());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            List<Duration> values = byWeek.get(i);
            rows.add(
                    new Row(
                            weeks.get(i),
                            values.size(),
                            Stats.median(values),
                            Stats.percentile(values, 90)));
        }
        return new DurationTrend(
                List.copyOf(rows), all.size(), Stats.median(all), Stats.percentile(all, 90));
    }
}
