package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.RoleGroupPresence;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Coverage by role group counts incidents per group, and those every group took part in. */
class RoleGroupCoverageTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    private static RoleGroupPresence p(String role, boolean tookPart, boolean commented) {
        return new RoleGroupPresence(role, tookPart, commented, AT);
    }

    @Test
    void countsEachGroupOverTheIncidentsItWasNotedFor() {
        RoleGroupCoverage coverage =
                RoleGroupCoverage.of(
                        List.of("frontend", "backend"),
                        List.of(
                                List.of(p("frontend", true, true), p("backend", true, true)),
                                List.of(p("frontend", true, false), p("backend", false, false)),
                                List.of(p("frontend", false, false)),
                                List.of(p("retired", true, true))));
        assertEquals(
                List.of(
                        new RoleGroupCoverage.Row("frontend", 3, 2, 1),
                        new RoleGroupCoverage.Row("backend", 2, 1, 1)),
                coverage.rows());
        assertEquals(new RoleGroupCoverage.Row("Every group", 3, 1, 1), coverage.everyGroup());
        assertEquals(50.0, coverage.rows().get(1).tookPartPercent().getAsDouble());
    }

    @Test
    void aGroupNeverNotedHasNoShare() {
        RoleGroupCoverage coverage = RoleGroupCoverage.of(List.of("support"), List.of());
        assertEquals(OptionalDouble.empty(), coverage.rows().get(0).tookPartPercent());
        assertEquals(0, coverage.everyGroup().incidents());
    }
}
