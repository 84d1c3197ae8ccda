package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.INCIDENT_ROLE_GROUP;

import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.persistence.jooq.tables.records.IncidentRoleGroupRecord;
import java.util.List;
import org.jooq.DSLContext;

/** Which role groups took part in an incident and commented, as last noted. */
public final class RoleGroups {
    private final Database database;
    private final DSLContext dsl;

    public RoleGroups(Database database) {
        this.database = database;
        this.dsl = database.dsl();
    }

    /** Notes the groups' presence now, replacing what was noted of the same groups before. */
    public void record(long incidentId, List<RoleGroupPresence> groups) {
        database.transaction(
                tx -> {
                    record(tx, incidentId, groups);
                    return null;
                });
    }

    /** The same, in the caller's transaction. */
    public void record(Tx tx, long incidentId, List<RoleGroupPresence> groups) {
        for (RoleGroupPresence g : groups) {
            tx.dsl()
                    .deleteFrom(INCIDENT_ROLE_GROUP)
                    .where(INCIDENT_ROLE_GROUP.INCIDENT_ID.eq(incidentId))
                    .and(INCIDENT_ROLE_GROUP.ROLE.eq(g.role()))
                    .execute();
            tx.dsl()
                    .insertInto(INCIDENT_ROLE_GROUP)
                    .set(INCIDENT_ROLE_GROUP.INCIDENT_ID, incidentId)
                    .set(INCIDENT_ROLE_GROUP.ROLE, g.role())
                    .set(INCIDENT_ROLE_GROUP.PARTICIPATED, g.participated())
                    .set(INCIDENT_ROLE_GROUP.COMMENTED, g.commented())
                    .set(INCIDENT_ROLE_GROUP.RECORDED_AT, g.recordedAt())
                    .execute();
        }
    }

    /** What was last noted of the incident's role groups, by name. */
    public List<RoleGroupPresence> of(long incidentId) {
        return dsl.selectFrom(INCIDENT_ROLE_GROUP)
                .where(INCIDENT_ROLE_GROUP.INCIDENT_ID.eq(incidentId))
                .orderBy(INCIDENT_ROLE_GROUP.ROLE)
                .fetch(RoleGroups::map);
    }

    static RoleGroupPresence map(IncidentRoleGroupRecord r) {
        return new RoleGroupPresence(
                r.getRole(), r.getParticipated(), r.getCommented(), r.getRecordedAt());
    }
}
