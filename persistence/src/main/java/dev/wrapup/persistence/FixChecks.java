package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.FIX_CHECK;
import static dev.wrapup.persistence.jooq.Tables.FIX_CHECK_CALL;
import static dev.wrapup.persistence.jooq.Tables.INCIDENT;

import dev.wrapup.domain.FixAnswer;
import dev.wrapup.domain.FixCheck;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.persistence.jooq.tables.records.FixCheckRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** "Did the fixes hold?": the questions asked in a call, and their last answers. */
public final class FixChecks {
    private final DSLContext dsl;

    public FixChecks(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * Notes the questions asked in the incident's call, in order, with the call's text; in the
     * transaction that claims the call's start, so asked once.
     */
    public void ask(Tx tx, long incidentId, List<Long> earlierIds, String callText, Instant now) {
        for (int i = 0; i < earlierIds.size(); i++) {
            tx.dsl()
                    .insertInto(FIX_CHECK)
                    .set(FIX_CHECK.INCIDENT_ID, incidentId)
                    .set(FIX_CHECK.EARLIER_INCIDENT_ID, earlierIds.get(i))
                    .set(FIX_CHECK.POSITION, i)
                    .set(FIX_CHECK.ASKED_AT, now)
                    .execute();
        }
        tx.dsl()
                .insertInto(FIX_CHECK_CALL)
                .set(FIX_CHECK_CALL.INCIDENT_ID, incidentId)
                .set(FIX_CHECK_CALL.TEXT, callText)
                .execute();
    }

    /** Stores the answer, replacing an earlier one; false when the question was never asked. */
    public boolean answer(
            Tx tx,
            long incidentId,
            long earlierId,
            FixAnswer answer,
            String answeredBy,
            Instant at) {
        return tx.dsl()
                        .update(FIX_CHECK)
                        .set(FIX_CHECK.ANSWER, answer.code())
                        .set(FIX_CHECK.ANSWERED_BY, answeredBy)
                        .set(FIX_CHECK.ANSWERED_AT, at)
                        .where(FIX_CHECK.INCIDENT_ID.eq(incidentId))
                        .and(FIX_CHECK.EARLIER_INCIDENT_ID.eq(earlierId))
                        .execute()
                == 1;
    }

    /** The call's text as posted, when questions were asked in it. */
    public Optional<String> callText(long incidentId) {
        return dsl.select(FIX_CHECK_CALL.TEXT)
                .from(FIX_CHECK_CALL)
                .where(FIX_CHECK_CALL.INCIDENT_ID.eq(incidentId))
                .fetchOptional(r -> r.value1());
    }

    /** The questions asked in the incident's call, in the order asked. */
    public List<FixCheck> askedIn(long incidentId) {
        return dsl.selectFrom(FIX_CHECK)
                .where(FIX_CHECK.INCIDENT_ID.eq(incidentId))
                .orderBy(FIX_CHECK.POSITION)
                .fetch(FixChecks::map);
    }

    /** The later incidents that asked about this one's fixes, oldest question first. */
    public List<FixCheck> askedAbout(long earlierId) {
        return dsl.selectFrom(FIX_CHECK)
                .where(FIX_CHECK.EARLIER_INCIDENT_ID.eq(earlierId))
                .orderBy(FIX_CHECK.ASKED_AT, FIX_CHECK.INCIDENT_ID)
                .fetch(FixChecks::map);
    }

    /** A "did not hold" answer, with the earlier incident it is about. */
    public record NotHeld(FixCheck check, Incident earlier) {}

    /**
     * The "did not hold" answers of the incidents started from {@code from} (included) until {@code
     * until} (excluded); who may see which the caller decides.
     */
    public List<NotHeld> notHeldOfIncidentsStarted(Instant from, Instant until) {
        var later = INCIDENT.as("later");
        return dsl.select(FIX_CHECK.fields())
                .select(INCIDENT.fields())
                .from(FIX_CHECK)
                .join(later)
                .on(later.ID.eq(FIX_CHECK.INCIDENT_ID))
                .join(INCIDENT)
                .on(INCIDENT.ID.eq(FIX_CHECK.EARLIER_INCIDENT_ID))
                .where(later.KIND.eq(IncidentKind.INCIDENT.name()))
                .and(later.STARTED_AT.ge(from))
                .and(later.STARTED_AT.lt(until))
                .and(FIX_CHECK.ANSWER.eq(FixAnswer.DID_NOT_HOLD.code()))
                .orderBy(FIX_CHECK.INCIDENT_ID, FIX_CHECK.POSITION)
                .fetch(r -> new NotHeld(map(r.into(FIX_CHECK)), Incidents.map(r.into(INCIDENT))));
    }

    private static FixCheck map(FixCheckRecord r) {
        return new FixCheck(
                r.getIncidentId(),
                r.getEarlierIncidentId(),
                r.getAnswer() == null ? null : FixAnswer.ofCode(r.getAnswer()),
                r.getAnsweredBy(),
                r.getAnsweredAt());
    }
}
