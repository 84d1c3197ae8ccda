package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.CALL_INCONVENIENCE;

import dev.wrapup.domain.Inconvenience;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The ledger of analysis calls outside people's working hours, kept in step with each call: whom it
 * inconveniences, and how often each of them was inconvenienced.
 */
public final class CallBurden {
    private final DSLContext dsl;

    public CallBurden(Database database) {
        this.dsl = database.dsl();
    }

    /** The incident's call is planned or moved: its lines become these (none when it suits all). */
    public void replace(Tx tx, long incidentId, List<Inconvenience> lines) {
        forget(tx, incidentId);
        for (Inconvenience line : lines) {
            if (line.incidentId() != incidentId) {
                throw new IllegalArgumentException(
                        "a line of incident " + line.incidentId() + " among " + incidentId + "'s");
            }
            tx.dsl()
                    .insertInto(CALL_INCONVENIENCE)
                    .set(CALL_INCONVENIENCE.INCIDENT_ID, incidentId)
                    .set(CALL_INCONVENIENCE.USER_ID, line.userId())
                    .set(CALL_INCONVENIENCE.CALL_AT, line.callAt())
                    .set(CALL_INCONVENIENCE.TZ, line.tz())
                    .execute();
        }
    }

    /** The incident's call is cancelled: it inconveniences nobody. */
    public void forget(Tx tx, long incidentId) {
        tx.dsl()
                .deleteFrom(CALL_INCONVENIENCE)
                .where(CALL_INCONVENIENCE.INCIDENT_ID.eq(incidentId))
                .execute();
    }

    /**
     * For each of these people, how many calls from {@code since} on (those still to come included)
     * fell outside their working hours, leaving out the call of {@code exceptIncidentId} (the one
     * being planned); people with none are missing.
     */
    public Map<String, Integer> since(
            Instant since, Collection<String> userIds, long exceptIncidentId) {
        return counts(
                dsl,
                userIds,
                CALL_INCONVENIENCE
                        .CALL_AT
                        .ge(since)
                        .and(CALL_INCONVENIENCE.INCIDENT_ID.ne(exceptIncidentId)));
    }

    /**
     * For each of these people, how many calls fell outside their working hours in the calendar
     * quarter (UTC) of {@code at}, up to and including {@code at}: 3 for the third time this
     * quarter. Read in the transaction that wrote the call's lines, so that it counts them.
     */
    public Map<String, Integer> thisQuarter(Tx tx, Collection<String> userIds, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        Instant quarterStart =
                LocalDate.of(day.getYear(), day.getMonth().firstMonthOfQuarter(), 1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
        return counts(
                tx.dsl(),
                userIds,
                CALL_INCONVENIENCE.CALL_AT.ge(quarterStart).and(CALL_INCONVENIENCE.CALL_AT.le(at)));
    }

    private static Map<String, Integer> counts(
            DSLContext dsl, Collection<String> userIds, Condition condition) {
        Map<String, Integer> counts = new HashMap<>();
        if (userIds.isEmpty()) {
            return counts;
        }
        dsl.select(CALL_INCONVENIENCE.USER_ID, DSL.count())
                .from(CALL_INCONVENIENCE)
                .where(CALL_INCONVENIENCE.USER_ID.in(userIds))
                .and(condition)
                .groupBy(CALL_INCONVENIENCE.USER_ID)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }
}
