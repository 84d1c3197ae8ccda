package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.ANALYSIS_CALL;

import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.persistence.jooq.tables.records.AnalysisCallRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Analysis calls in the database; Quartz holds the trigger, this holds what the people see. */
public final class AnalysisCalls {
    private final DSLContext dsl;

    public AnalysisCalls(Database database) {
        this.dsl = database.dsl();
    }

    public Optional<AnalysisCall> find(long incidentId) {
        return dsl.selectFrom(ANALYSIS_CALL)
                .where(ANALYSIS_CALL.INCIDENT_ID.eq(incidentId))
                .fetchOptional()
                .map(AnalysisCalls::map);
    }

    /** The calls of those incidents that have one, by incident id, in one query. */
    public Map<Long, AnalysisCall> find(Collection<Long> incidentIds) {
        return dsl
                .selectFrom(ANALYSIS_CALL)
                .where(ANALYSIS_CALL.INCIDENT_ID.in(incidentIds))
                .fetch(AnalysisCalls::map)
                .stream()
                .collect(Collectors.toMap(AnalysisCall::incidentId, c -> c));
    }

    /** Schedules (or moves) the call; the calendar sequence goes up with every move. */
    public AnalysisCall schedule(
            Tx tx,
            long incidentId,
            Instant at,
            List<String> suited,
            List<String> notSuited,
            Instant now) {
        AnalysisCallRecord r =
                tx.dsl()
                        .selectFrom(ANALYSIS_CALL)
                        .where(ANALYSIS_CALL.INCIDENT_ID.eq(incidentId))
                        .forUpdate()
                        .fetchOne();
        if (r == null) {
            r = tx.dsl().newRecord(ANALYSIS_CALL);
            r.setIncidentId(incidentId);
            r.setSequence(0);
        } else {
            r.setSequence(r.getSequence() + 1);
        }
        r.setStatus(AnalysisCall.Status.SCHEDULED.name());
        r.setScheduledAt(at);
        r.setSuited(String.join(",", suited));
        r.setNotSuited(String.join(",", notSuited));
        r.setStartedAt(null);
        r.setCallTs(null);
        r.setUpdatedAt(now);
        r.store();
        return map(r);
    }

    /** Cancels a scheduled call; false when there was none. */
    public boolean cancel(Tx tx, long incidentId, Instant now) {
        return tx.dsl()
                        .update(ANALYSIS_CALL)
                        .set(ANALYSIS_CALL.STATUS, AnalysisCall.Status.CANCELLED.name())
                        .set(ANALYSIS_CALL.UPDATED_AT, now)
                        .where(ANALYSIS_CALL.INCIDENT_ID.eq(incidentId))
                        .and(ANALYSIS_CALL.STATUS.eq(AnalysisCall.Status.SCHEDULED.name()))
                        .execute()
                == 1;
    }

    /**
     * Marks the call started, once: true for the one caller that moves it from scheduled to
     * started, false for any other (a second replica, a repeated trigger).
     */
    public boolean claimStart(Tx tx, long incidentId, Instant now) {
        return tx.dsl()
                        .update(ANALYSIS_CALL)
                        .set(ANALYSIS_CALL.STATUS, AnalysisCall.Status.STARTED.name())
                        .set(ANALYSIS_CALL.STARTED_AT, now)
                        .set(ANALYSIS_CALL.UPDATED_AT, now)
                        .where(ANALYSIS_CALL.INCIDENT_ID.eq(incidentId))
                        .and(ANALYSIS_CALL.STATUS.eq(AnalysisCall.Status.SCHEDULED.name()))
                        .execute()
                == 1;
    }

    public void setAnnouncementTs(Tx tx, long incidentId, String ts) {
        tx.dsl()
                .update(ANALYSIS_CALL)
                .set(ANALYSIS_CALL.ANNOUNCEMENT_TS, ts)
                .where(ANALYSIS_CALL.INCIDENT_ID.eq(incidentId))
                .execute();
    }

    public void setCallTs(Tx tx, long incidentId, String ts) {
        tx.dsl()
                .update(ANALYSIS_CALL)
                .set(ANALYSIS_CALL.CALL_TS, ts)
                .where(ANALYSIS_CALL.INCIDENT_ID.eq(incidentId))
                .execute();
    }

    /** Calls still to come, soonest first. */
    public List<AnalysisCall> upcoming() {
        return dsl.selectFrom(ANALYSIS_CALL)
                .where(ANALYSIS_CALL.STATUS.eq(AnalysisCall.Status.SCHEDULED.name()))
                .orderBy(ANALYSIS_CALL.SCHEDULED_AT)
                .fetch(AnalysisCalls::map);
    }

    static AnalysisCall map(AnalysisCallRecord r) {
        return new AnalysisCall(
                r.getIncidentId(),
                AnalysisCall.Status.valueOf(r.getStatus()),
                r.getScheduledAt(),
                r.getSequence(),
                split(r.getSuited()),
                split(r.getNotSuited()),
                r.getAnnouncementTs(),
                r.getStartedAt(),
                r.getCallTs());
    }

    private static List<String> split(String ids) {
        return ids == null || ids.isBlank() ? List.of() : Arrays.asList(ids.split(","));
    }
}
