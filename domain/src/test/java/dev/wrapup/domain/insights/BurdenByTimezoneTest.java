package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Inconvenience;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The calls outside working hours, by timezone: calls, people and the share of calls. */
class BurdenByTimezoneTest {
    private static final String AUCKLAND = "Pacific/Auckland";
    private static final String BERLIN = "Europe/Berlin";
    private static final String LOS_ANGELES = "America/Los_Angeles";

    private static IncidentFacts facts(long id, String callAt) {
        Instant started = Instant.parse("2027-01-04T10:00:00Z");
        return new IncidentFacts(
                new Incident(
                        id,
                        IncidentKind.INCIDENT,
                        "C" + id,
                        "inc-" + id,
                        "Incident " + id,
                        null,
                        null,
                        IncidentStatus.RESOLVED,
                        "U1",
                        null,
                        "U1",
                        null,
                        "k" + id,
                        null,
                        started,
                        started.plusSeconds(3600)),
                callAt == null ? null : Instant.parse(callAt),
                null,
                Completeness.ofUsers(List.of(), id2 -> false, List.of()));
    }

    private static Inconvenience line(long incident, String user, String tz) {
        return new Inconvenience(incident, user, Instant.parse("2027-01-05T12:00:00Z"), tz);
    }

    @Test
    void countsCallsAndPeoplePerTimezoneAndTheShareOfAllCallsMostCallsThenByName() {
        BurdenByTimezone burden =
                BurdenByTimezone.of(
                        List.of(
                                facts(1, "2027-01-05T12:00:00Z"),
                                facts(2, "2027-01-12T20:00:00Z"),
                                facts(3, "2027-01-19T12:00:00Z"),
                                facts(4, "2027-01-26T09:00:00Z"),
                                facts(5, null)),
                        List.of(
                                line(1, "U_MERE", AUCKLAND),
                                line(1, "U_SAM", LOS_ANGELES),
                                line(2, "U_ANA", BERLIN),
                                line(2, "U_BEN", BERLIN),
                                line(3, "U_MERE", AUCKLAND),
                                line(3, "U_TAMA", AUCKLAND),
                                // an incident the viewer may not see
                                line(9, "U_ANA", BERLIN)));
        assertEquals(4, burden.calls());
        assertEquals(
                List.of(
                        new BurdenByTimezone.Row(AUCKLAND, 2, 2, 4),
                        new BurdenByTimezone.Row(LOS_ANGELES, 1, 1, 4),
                        new BurdenByTimezone.Row(BERLIN, 2, 1, 4)),
                burden.rows());
        assertEquals(OptionalDouble.of(50.0), burden.rows().get(0).percent());
        assertEquals(new BurdenByTimezone.Row("", 5, 3, 4), burden.overall());
        assertEquals(OptionalDouble.of(75.0), burden.overall().percent());
    }

    @Test
    void noCallsNoRowsAndNoShare() {
        BurdenByTimezone burden = BurdenByTimezone.of(List.of(facts(1, null)), List.of());
        assertEquals(List.of(), burden.rows());
        assertEquals(OptionalDouble.empty(), burden.overall().percent());
    }
}
