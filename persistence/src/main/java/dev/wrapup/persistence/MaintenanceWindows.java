package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.MAINTENANCE_IMPACT;
import static dev.wrapup.persistence.jooq.Tables.MAINTENANCE_STEP;
import static dev.wrapup.persistence.jooq.Tables.MAINTENANCE_WINDOW;

import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.MaintenanceWindow.Impact;
import dev.wrapup.domain.MaintenanceWindow.State;
import dev.wrapup.domain.MaintenanceWindow.Step;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Maintenance windows, their steps and reported impact. */
public final class MaintenanceWindows {
    private final DSLContext dsl;

    public MaintenanceWindows(Database database) {
        this.dsl = database.dsl();
    }

    public void create(Tx tx, long incidentId, Instant start, Instant end, String zone) {
        tx.dsl()
                .insertInto(MAINTENANCE_WINDOW)
                .set(MAINTENANCE_WINDOW.INCIDENT_ID, incidentId)
                .set(MAINTENANCE_WINDOW.PLANNED_START, start)
                .set(MAINTENANCE_WINDOW.PLANNED_END, end)
                .set(MAINTENANCE_WINDOW.ZONE, zone)
                .execute();
    }

    public Optional<MaintenanceWindow> find(long incidentId) {
        return find(dsl, incidentId);
    }

    public Optional<MaintenanceWindow> find(Tx tx, long incidentId) {
        return find(tx.dsl(), incidentId);
    }

    private static Optional<MaintenanceWindow> find(DSLContext on, long incidentId) {
        var w =
                on.selectFrom(MAINTENANCE_WINDOW)
                        .where(MAINTENANCE_WINDOW.INCIDENT_ID.eq(incidentId))
                        .fetchOne();
        if (w == null) {
            return Optional.empty();
        }
        List<Step> steps =
                on.selectFrom(MAINTENANCE_STEP)
                        .where(MAINTENANCE_STEP.INCIDENT_ID.eq(incidentId))
                        .orderBy(MAINTENANCE_STEP.NUMBER)
                        .fetch(
                                s ->
                                        new Step(
                                                s.getNumber(),
                                                s.getOwnerId(),
                                                s.getText(),
                                                State.valueOf(
                                                        s.getState().toUpperCase(Locale.ROOT)),
                                                s.getFailure()));
        List<Impact> impacts =
                on.selectFrom(MAINTENANCE_IMPACT)
                        .where(MAINTENANCE_IMPACT.INCIDENT_ID.eq(incidentId))
                        .orderBy(MAINTENANCE_IMPACT.ID)
                        .fetch(i -> new Impact(i.getUserId(), i.getText(), i.getRecordedAt()));
        return Optional.of(
                new MaintenanceWindow(
                        incidentId,
                        w.getPlannedStart(),
                        w.getPlannedEnd(),
                        w.getZone(),
                        w.getBeganAt(),
                        w.getEndedAt(),
                        w.getHeadsUpAt(),
                        w.getOverrunAt(),
                        steps,
                        impacts));
    }

    public int addStep(Tx tx, long incidentId, String ownerId, String text, Instant at) {
        Integer last =
                tx.dsl()
                        .select(DSL.max(MAINTENANCE_STEP.NUMBER))
                        .from(MAINTENANCE_STEP)
                        .where(MAINTENANCE_STEP.INCIDENT_ID.eq(incidentId))
                        .fetchOne()
                        .value1();
        int number = last == null ? 1 : last + 1;
        tx.dsl()
                .insertInto(MAINTENANCE_STEP)
                .set(MAINTENANCE_STEP.INCIDENT_ID, incidentId)
                .set(MAINTENANCE_STEP.NUMBER, number)
                .set(MAINTENANCE_STEP.OWNER_ID, ownerId)
                .set(MAINTENANCE_STEP.TEXT, text)
                .set(MAINTENANCE_STEP.STATE, "planned")
                .set(MAINTENANCE_STEP.UPDATED_AT, at)
                .execute();
        return number;
    }

    /** Sets a step's state; false when there is no step with that number. */
    public boolean mark(
            Tx tx, long incidentId, int number, State state, String failure, Instant at) {
        return tx.dsl()
                        .update(MAINTENANCE_STEP)
                        .set(MAINTENANCE_STEP.STATE, state.name().toLowerCase(Locale.ROOT))
                        .set(MAINTENANCE_STEP.FAILURE, failure)
                        .set(MAINTENANCE_STEP.UPDATED_AT, at)
                        .where(MAINTENANCE_STEP.INCIDENT_ID.eq(incidentId))
                        .and(MAINTENANCE_STEP.NUMBER.eq(number))
                        .execute()
                == 1;
    }

    public void addImpact(Tx tx, long incidentId, String userId, String text, Instant at) {
        tx.dsl()
                .insertInto(MAINTENANCE_IMPACT)
                .set(MAINTENANCE_IMPACT.INCIDENT_ID, incidentId)
                .set(MAINTENANCE_IMPACT.USER_ID, userId)
                .set(MAINTENANCE_IMPACT.TEXT, text)
                .set(MAINTENANCE_IMPACT.RECORDED_AT, at)
                .execute();
    }

    /** Begins the window once; false when it had begun already. */
    public boolean begin(Tx tx, long incidentId, Instant at) {
        return stampOnce(tx, incidentId, MAINTENANCE_WINDOW.BEGAN_AT, at, DSL.noCondition());
    }

    /** Ends the window once; false when it had ended already. */
    public boolean end(Tx tx, long incidentId, Instant at) {
        return stampOnce(tx, incidentId, MAINTENANCE_WINDOW.ENDED_AT, at, DSL.noCondition());
    }

    /** Marks the heads-up sent, once. */
    public boolean headsUpSent(Tx tx, long incidentId, Instant at) {
        return stampOnce(tx, incidentId, MAINTENANCE_WINDOW.HEADS_UP_AT, at, DSL.noCondition());
    }

    /** Marks the overrun noticed (the planned end passed without `end`), once. */
    public boolean overrun(Tx tx, long incidentId, Instant at) {
        return stampOnce(
                tx,
                incidentId,
                MAINTENANCE_WINDOW.OVERRUN_AT,
                at,
                MAINTENANCE_WINDOW.ENDED_AT.isNull());
    }

    /**
     * Sets the moment if it is not set yet and the condition holds: true for the one caller that
     * set it.
     */
    private static boolean stampOnce(
            Tx tx, long incidentId, Field<Instant> moment, Instant at, Condition condition) {
        return tx.dsl()
                        .update(MAINTENANCE_WINDOW)
                        .set(moment, at)
                        .where(MAINTENANCE_WINDOW.INCIDENT_ID.eq(incidentId))
                        .and(moment.isNull())
                        .and(condition)
                        .execute()
                == 1;
    }
}
