package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.ACTION_ITEM;
import static dev.wrapup.persistence.jooq.Tables.ANALYSIS_CALL;
import static dev.wrapup.persistence.jooq.Tables.CALL_INCONVENIENCE;
import static dev.wrapup.persistence.jooq.Tables.INCIDENT;
import static dev.wrapup.persistence.jooq.Tables.INCIDENT_ROLE_GROUP;
import static dev.wrapup.persistence.jooq.Tables.PARTICIPANT;
import static dev.wrapup.persistence.jooq.Tables.PUBLICATION;
import static dev.wrapup.persistence.jooq.Tables.SLACK_USER;
import static dev.wrapup.persistence.jooq.Tables.WRAPUP_COMMENT;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.Inconvenience;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.insights.IncidentFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * What the insights count, read a period at a time: incidents only, not maintenance windows nor the
 * wrap-ups of things that were no incident, whose times and comments mean something else. A handful
 * of queries per period however many incidents it holds; who may see which incident the caller
 * decides.
 */
public final class Insights {
    private final DSLContext dsl;

    public Insights(Database database) {
        this.dsl = database.dsl();
    }

    /** A role group's presence in an incident, as last noted. */
    public record IncidentRoleGroup(Incident incident, RoleGroupPresence presence) {}

    /**
     * What was noted of role groups in the incidents started from {@code from} (included) until
     * {@code until} (excluded); incidents never noted (no call announced, nothing published) have
     * none.
     */
    public List<IncidentRoleGroup> roleGroupsOfIncidentsStarted(Instant from, Instant until) {
        return dsl.select(INCIDENT.fields())
                .select(INCIDENT_ROLE_GROUP.fields())
                .from(INCIDENT_ROLE_GROUP)
                .join(INCIDENT)
                .on(INCIDENT.ID.eq(INCIDENT_ROLE_GROUP.INCIDENT_ID))
                .where(INCIDENT.KIND.eq(IncidentKind.INCIDENT.name()))
                .and(INCIDENT.STARTED_AT.ge(from))
                .and(INCIDENT.STARTED_AT.lt(until))
                .orderBy(INCIDENT.STARTED_AT, INCIDENT.ID, INCIDENT_ROLE_GROUP.ROLE)
                .fetch(
                        r ->
                                new IncidentRoleGroup(
                                        Incidents.map(r.into(INCIDENT)),
                                        RoleGroups.map(r.into(INCIDENT_ROLE_GROUP))));
    }

    /** An action item with the incident it came from. */
    public record IncidentAction(Incident incident, ActionItem action) {}

    /**
     * The incidents started from {@code from} (included) until {@code until} (excluded), oldest
     * first, each with its analysis call's time, its first publication and who was asked for a
     * comment and gave one.
     */
    public List<IncidentFacts> incidentsStarted(Instant from, Instant until) {
        Condition started =
                INCIDENT.KIND
                        .eq(IncidentKind.INCIDENT.name())
                        .and(INCIDENT.STARTED_AT.ge(from))
                        .and(INCIDENT.STARTED_AT.lt(until));
        Map<Long, List<String>> participants = new HashMap<>();
        Set<String> bots = new HashSet<>();
        dsl.select(PARTICIPANT.INCIDENT_ID, PARTICIPANT.USER_ID, SLACK_USER.IS_BOT)
                .from(PARTICIPANT)
                .join(INCIDENT)
                .on(INCIDENT.ID.eq(PARTICIPANT.INCIDENT_ID))
                .leftJoin(SLACK_USER)
                .on(SLACK_USER.USER_ID.eq(PARTICIPANT.USER_ID))
                .where(started)
                .orderBy(PARTICIPANT.INCIDENT_ID, PARTICIPANT.FIRST_SEEN, PARTICIPANT.USER_ID)
                .forEach(
                        r -> {
                            participants
                                    .computeIfAbsent(r.value1(), id -> new ArrayList<>())
                                    .add(r.value2());
                            // Someone Slack has not described yet counts as a person, as in
                            // the wrap-up's own reminders.
                            if (Boolean.TRUE.equals(r.value3())) {
                                bots.add(r.value2());
                            }
                        });
        Map<Long, List<String>> commenters = new HashMap<>();
        dsl.select(WRAPUP_COMMENT.INCIDENT_ID, WRAPUP_COMMENT.USER_ID)
                .from(WRAPUP_COMMENT)
                .join(INCIDENT)
                .on(INCIDENT.ID.eq(WRAPUP_COMMENT.INCIDENT_ID))
                .where(started)
                .orderBy(WRAPUP_COMMENT.INCIDENT_ID, WRAPUP_COMMENT.ID)
                .forEach(
                        r ->
                                commenters
                                        .computeIfAbsent(r.value1(), id -> new ArrayList<>())
                                        .add(r.value2()));
        return dsl.select(INCIDENT.fields())
                .select(ANALYSIS_CALL.fields())
                .select(PUBLICATION.PUBLISHED_AT)
                .from(INCIDENT)
                .leftJoin(ANALYSIS_CALL)
                .on(ANALYSIS_CALL.INCIDENT_ID.eq(INCIDENT.ID))
                .leftJoin(PUBLICATION)
                .on(PUBLICATION.INCIDENT_ID.eq(INCIDENT.ID))
                .where(started)
                .orderBy(INCIDENT.STARTED_AT, INCIDENT.ID)
                .fetch(
                        r -> {
                            Incident incident = Incidents.map(r.into(INCIDENT));
                            Instant callAt =
                                    r.get(ANALYSIS_CALL.INCIDENT_ID) == null
                                            ? null
                                            : AnalysisCalls.map(r.into(ANALYSIS_CALL))
                                                    .time()
                                                    .orElse(null);
                            return new IncidentFacts(
                                    incident,
                                    callAt,
                                    r.get(PUBLICATION.PUBLISHED_AT),
                                    Completeness.ofUsers(
                                            participants.getOrDefault(incident.id(), List.of()),
                                            bots::contains,
                                            commenters.getOrDefault(incident.id(), List.of())));
                        });
    }

    /**
     * The incidents' action items that were open at some time from {@code from} until {@code
     * until}: opened before the end and not done before the start, by incident and number.
     */
    public List<IncidentAction> actionsOpenDuring(Instant from, Instant until) {
        return dsl.select(INCIDENT.fields())
                .select(ACTION_ITEM.fields())
                .from(ACTION_ITEM)
                .join(INCIDENT)
                .on(INCIDENT.ID.eq(ACTION_ITEM.INCIDENT_ID))
                .where(INCIDENT.KIND.eq(IncidentKind.INCIDENT.name()))
                .and(ACTION_ITEM.CREATED_AT.lt(until))
                .and(ACTION_ITEM.DONE_AT.isNull().or(ACTION_ITEM.DONE_AT.ge(from)))
                .orderBy(ACTION_ITEM.INCIDENT_ID, ACTION_ITEM.NUMBER)
                .fetch(
                        r ->
                                new IncidentAction(
                                        Incidents.map(r.into(INCIDENT)),
                                        WrapUps.map(r.into(ACTION_ITEM))));
    }

    /**
     * Whom the analysis calls of the incidents started from {@code from} until {@code until} fell
     * outside the working hours of, by incident; the caller keeps the incidents a viewer may see.
     */
    public List<Inconvenience> inconveniencesOfIncidentsStarted(Instant from, Instant until) {
        return dsl.select(CALL_INCONVENIENCE.fields())
                .from(CALL_INCONVENIENCE)
                .join(INCIDENT)
                .on(INCIDENT.ID.eq(CALL_INCONVENIENCE.INCIDENT_ID))
                .where(INCIDENT.KIND.eq(IncidentKind.INCIDENT.name()))
                .and(INCIDENT.STARTED_AT.ge(from))
                .and(INCIDENT.STARTED_AT.lt(until))
                .orderBy(CALL_INCONVENIENCE.INCIDENT_ID, CALL_INCONVENIENCE.USER_ID)
                .fetch(
                        r ->
                                new Inconvenience(
                                        r.get(CALL_INCONVENIENCE.INCIDENT_ID),
                                        r.get(CALL_INCONVENIENCE.USER_ID),
                                        r.get(CALL_INCONVENIENCE.CALL_AT),
                                        r.get(CALL_INCONVENIENCE.TZ)));
    }
}
