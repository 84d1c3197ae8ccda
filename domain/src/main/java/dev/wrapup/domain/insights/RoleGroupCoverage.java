package dev.wrapup.domain.insights;

import dev.wrapup.domain.RoleGroupPresence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;

/**
 * For each configured role group, over a period's incidents: in how many it took part and in how
 * many someone from it commented. Counts of incidents only: nobody is named or ranked.
 *
 * @param rows one per role group, in the order configured
 * @param everyGroup the incidents where every group took part, and where every group commented
 */
public record RoleGroupCoverage(List<Row> rows, Row everyGroup) {
    public RoleGroupCoverage {
        rows = List.copyOf(rows);
    }

    /**
     * @param incidents the incidents noted for the group (an incident never noted does not count)
     */
    public record Row(String role, int incidents, int tookPart, int commented) {
        public OptionalDouble tookPartPercent() {
            return share(tookPart);
        }

        public OptionalDouble commentedPercent() {
            return share(commented);
        }

        private OptionalDouble share(int count) {
            return incidents == 0
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(count * 100.0 / incidents);
        }
    }

    /**
     * @param roles the configured role groups, in their order
     * @param incidents what was noted of each incident's role groups, one list per incident
     */
    public static RoleGroupCoverage of(
            List<String> roles, Collection<List<RoleGroupPresence>> incidents) {
        List<Row> rows = new ArrayList<>();
        for (String role : roles) {
            int noted = 0;
            int tookPart = 0;
            int commented = 0;
            for (List<RoleGroupPresence> incident : incidents) {
                for (RoleGroupPresence p : incident) {
                    if (p.role().equals(role)) {
                        noted++;
                        tookPart += p.participated() ? 1 : 0;
                        commented += p.commented() ? 1 : 0;
                    }
                }
            }
            rows.add(new Row(role, noted, tookPart, commented));
        }
        int noted = 0;
        int allTookPart = 0;
        int allCommented = 0;
        for (List<RoleGroupPresence> incident : incidents) {
            List<RoleGroupPresence> configured =
                    incident.stream().filter(p -> roles.contains(p.role())).toList();
            if (configured.isEmpty()) {
                continue;
            }
            noted++;
            boolean complete = configured.size() == roles.size();
            allTookPart +=
                    complete && configured.stream().allMatch(RoleGroupPresence::participated)
                            ? 1
                            : 0;
            allCommented +=
                    complete && configured.stream().allMatch(RoleGroupPresence::commented) ? 1 : 0;
        }
        return new RoleGroupCoverage(
                rows, new Row("Every group", noted, allTookPart, allCommented));
    }
}
