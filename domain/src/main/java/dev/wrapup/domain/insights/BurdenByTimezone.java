package dev.wrapup.domain.insights;

import dev.wrapup.domain.Inconvenience;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who the analysis calls fell outside the working hours of, by timezone and never by person: of the
 * period's incidents with a call (held or scheduled), how many calls were outside someone's hours
 * in each zone, and how many people of that zone that was.
 *
 * @param calls the incidents of the period with a call: what the shares are of
 * @param rows one per timezone with an inconvenient call, the most calls first, then by name
 * @param overall the calls outside anyone's hours, and everyone they inconvenienced
 */
public record BurdenByTimezone(int calls, List<Row> rows, Row overall) {

    /**
     * One timezone's burden.
     *
     * @param people how many different people of the zone a call fell outside the hours of
     * @param outsideHours how many calls fell outside the hours of someone in the zone
     */
    public record Row(String tz, int people, int outsideHours, int ofCalls) {
        /** The share of the period's calls outside this zone's hours, in percent. */
        public OptionalDouble percent() {
            return ofCalls == 0
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(100.0 * outsideHours / ofCalls);
        }
    }

    /**
     * The burden of these incidents (those a viewer may see) from the ledger's lines; lines of
     * other incidents are left out.
     */
    public static BurdenByTimezone of(List<IncidentFacts> incidents, List<Inconvenience> lines) {
        Set<Long> withCall = new HashSet<>();
        for (IncidentFacts facts : incidents) {
            if (facts.callAt() != null) {
                withCall.add(facts.incident().id());
            }
        }
        Map<String, Set<String>> people = new TreeMap<>();
        Map<String, Set<Long>> calls = new TreeMap<>();
        Set<String> everyone = new HashSet<>();
        Set<Long> anyCall = new HashSet<>();
        for (Inconvenience line : lines) {
            if (!withCall.contains(line.incidentId())) {
                continue;
            }
            people.computeIfAbsent(line.tz(), tz -> new HashSet<>()).add(line.userId());
            calls.computeIfAbsent(line.tz(), tz -> new HashSet<>()).add(line.incidentId());
            everyone.add(line.userId());
            anyCall.add(line.incidentId());
        }
        List<Row> rows = new ArrayList<>();
        people.forEach(
                (tz, who) ->
                        rows.add(new Row(tz, who.size(), calls.get(tz).size(), withCall.size())));
        // Stable: equal counts keep the zones in order of name.
        rows.sort(Comparator.comparingInt(Row::outsideHours).reversed());
        return new BurdenByTimezone(
                withCall.size(),
                List.copyOf(rows),
                new Row("", everyone.size(), anyCall.size(), withCall.size()));
    }
}
