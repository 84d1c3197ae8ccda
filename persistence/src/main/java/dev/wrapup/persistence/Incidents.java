package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.COMMENT_REQUEST;
import static dev.wrapup.persistence.jooq.Tables.INCIDENT;
import static dev.wrapup.persistence.jooq.Tables.PARTICIPANT;
import static dev.wrapup.persistence.jooq.Tables.PUBLICATION;
import static dev.wrapup.persistence.jooq.Tables.WRAPUP_COMMENT;

import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.JoinedWrapUp;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.jooq.tables.records.IncidentRecord;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Incidents (and the other things that get a wrap-up) in the database.
 *
 * <p>A little over 250 lines: one table's queries, and the channel memory that every write must
 * keep current, which would be easy to forget in a second class.
 */
public final class Incidents {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;
    private final ChannelIncidents byChannel;
    private final Participants participants;
    private final Timeline timeline;

    /**
     * With the database's shared memory of which incident records which channel, where it keeps
     * one.
     */
    public Incidents(Database database) {
        this.dsl = database.dsl();
        this.byChannel = database.channelIncidents();
        this.participants = new Participants(database);
        this.timeline = new Timeline(database);
    }

    /** After each write: see {@link ChannelIncidents}. */
    private void changed() {
        if (byChannel != null) {
            byChannel.changed();
        }
    }

    /** What is known when an incident is declared. */
    public record NewIncident(
            IncidentKind kind,
            String teamId,
            String channelId,
            String channelName,
            String title,
            String description,
            Severity severity,
            IncidentStatus status,
            String commanderId,
            String declaredBy,
            Instant startedAt) {}

    /**
     * Opens an incident: the incident, who opened it as its first participant and {@code
     * firstEntry} as the first line of its timeline, in the caller's transaction. A declare, a
     * maintenance plan and `/wrapup start` all begin this way.
     */
    public Incident open(Tx tx, NewIncident n, String firstEntry, String openerName, Instant now) {
        Incident incident = create(tx, n, now);
        participants.add(tx, incident.id(), n.declaredBy(), "declared", now);
        timeline.add(
                tx,
                Timeline.NewEntry.of(
                        incident.id(),
                        n.channelId(),
                        EntryKind.SYSTEM,
                        n.declaredBy(),
                        openerName,
                        firstEntry,
                        now),
                now);
        return incident;
    }

    /** The incident alone; {@link #open} is what the bot uses. */
    public Incident create(Tx tx, NewIncident n, Instant now) {
        IncidentRecord r =
                tx.dsl()
                        .insertInto(INCIDENT)
                        .set(INCIDENT.KIND, n.kind().name())
                        .set(INCIDENT.TEAM_ID, n.teamId())
                        .set(INCIDENT.CHANNEL_ID, n.channelId())
                        .set(INCIDENT.CHANNEL_NAME, n.channelName())
                        .set(INCIDENT.TITLE, n.title())
                        .set(INCIDENT.DESCRIPTION, n.description())
                        .set(INCIDENT.SEVERITY, n.severity() == null ? null : n.severity().name())
                        .set(INCIDENT.STATUS, n.status().name())
                        .set(INCIDENT.COMMANDER_ID, n.commanderId())
                        .set(INCIDENT.DECLARED_BY, n.declaredBy())
                        .set(INCIDENT.STARTED_AT, n.startedAt())
                        .set(INCIDENT.CREATED_AT, now)
                        .set(INCIDENT.WEB_KEY, newWebKey())
                        .returning()
                        .fetchOne();
        changed();
        return map(r);
    }

    /**
     * 128 random bits. They once were the link to an incident's page; pages now need a signed-in
     * viewer and never accept a key, but the key stays in the record (and its export) rather than
     * costing a migration.
     */
    private static String newWebKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The newest incidents the user took part in, newest first, in one query. */
    public List<Incident> ofParticipant(String userId, int limit) {
        return dsl.selectFrom(INCIDENT)
                .where(
                        INCIDENT.ID.in(
                                DSL.select(PARTICIPANT.INCIDENT_ID)
                                        .from(PARTICIPANT)
                                        .where(PARTICIPANT.USER_ID.eq(userId))))
                .orderBy(INCIDENT.ID.desc())
                .limit(limit)
                .fetch(Incidents::map);
    }

    /**
     * The wrap-ups of every incident the user took part in or was asked to comment on, with whether
     * they commented and whether it was published, in one query; in no particular order.
     */
    public List<JoinedWrapUp> wrapUpsOf(String userId) {
        Field<Boolean> participant =
                DSL.field(
                        DSL.exists(
                                DSL.selectOne()
                                        .from(PARTICIPANT)
                                        .where(PARTICIPANT.INCIDENT_ID.eq(INCIDENT.ID))
                                        .and(PARTICIPANT.USER_ID.eq(userId))));
        Field<Boolean> asked =
                DSL.field(
                        DSL.exists(
                                DSL.selectOne()
                                        .from(COMMENT_REQUEST)
                                        .where(COMMENT_REQUEST.INCIDENT_ID.eq(INCIDENT.ID))
                                        .and(COMMENT_REQUEST.USER_ID.eq(userId))));
        Field<Boolean> commented =
                DSL.field(
                        DSL.exists(
                                DSL.selectOne()
                                        .from(WRAPUP_COMMENT)
                                        .where(WRAPUP_COMMENT.INCIDENT_ID.eq(INCIDENT.ID))
                                        .and(WRAPUP_COMMENT.USER_ID.eq(userId))));
        Field<Boolean> published =
                DSL.field(
                        DSL.exists(
                                DSL.selectOne()
                                        .from(PUBLICATION)
                                        .where(PUBLICATION.INCIDENT_ID.eq(INCIDENT.ID))));
        return dsl.select(INCIDENT.fields())
                .select(participant, asked, commented, published)
                .from(INCIDENT)
                .where(
                        INCIDENT.ID
                                .in(
                                        DSL.select(PARTICIPANT.INCIDENT_ID)
                                                .from(PARTICIPANT)
                                                .where(PARTICIPANT.USER_ID.eq(userId)))
                                .or(
                                        INCIDENT.ID.in(
                                                DSL.select(COMMENT_REQUEST.INCIDENT_ID)
                                                        .from(COMMENT_REQUEST)
                                                        .where(
                                                                COMMENT_REQUEST.USER_ID.eq(
                                                                        userId)))))
                .fetch(
                        r ->
                                new JoinedWrapUp(
                                        map(r.into(INCIDENT)),
                                        r.get(participant),
                                        r.get(asked),
                                        r.get(commented),
                                        r.get(published)));
    }

    /** Those of the ids that exist, by id, in one query. */
    public Map<Long, Incident> find(Collection<Long> ids) {
        return dsl.selectFrom(INCIDENT).where(INCIDENT.ID.in(ids)).fetch(Incidents::map).stream()
                .collect(Collectors.toMap(Incident::id, i -> i));
    }

    public Optional<Incident> find(long id) {
        return dsl.selectFrom(INCIDENT)
                .where(INCIDENT.ID.eq(id))
                .fetchOptional()
                .map(Incidents::map);
    }

    /** The newest incident recorded in the channel, which is the one that records it. */
    public Optional<Incident> findByChannel(Tx tx, String channelId) {
        return findByChannel(tx.dsl(), channelId);
    }

    private Optional<Incident> findByChannel(DSLContext on, String channelId) {
        return byChannel == null
                ? load(on, channelId)
                : byChannel.get(channelId, () -> load(on, channelId));
    }

    private static Optional<Incident> load(DSLContext on, String channelId) {
        return on.selectFrom(INCIDENT)
                .where(INCIDENT.CHANNEL_ID.eq(channelId))
                .orderBy(INCIDENT.ID.desc())
                .limit(1)
                .fetchOptional()
                .map(Incidents::map);
    }

    /** The channel's incident or window that is still under way: a channel holds one at a time. */
    public boolean hasOpen(Tx tx, String channelId) {
        return findByChannel(tx, channelId).filter(Incident::isOpen).isPresent();
    }

    public Optional<Incident> findByChannel(String channelId) {
        return findByChannel(dsl, channelId);
    }

    /** By numeric id, or by channel id. */
    public Optional<Incident> findByIdOrChannel(String idOrChannel) {
        if (idOrChannel.matches("\\d{1,18}")) {
            return find(Long.parseLong(idOrChannel));
        }
        return findByChannel(idOrChannel);
    }

    public List<Incident> all() {
        return dsl.selectFrom(INCIDENT).orderBy(INCIDENT.ID).fetch(Incidents::map);
    }

    public void setStatus(Tx tx, long id, IncidentStatus status, Instant resolvedAt) {
        tx.dsl()
                .update(INCIDENT)
                .set(INCIDENT.STATUS, status.name())
                .set(INCIDENT.RESOLVED_AT, resolvedAt)
                .where(INCIDENT.ID.eq(id))
                .execute();
        changed();
    }

    public void setSeverity(Tx tx, long id, Severity severity) {
        tx.dsl()
                .update(INCIDENT)
                .set(INCIDENT.SEVERITY, severity.name())
                .where(INCIDENT.ID.eq(id))
                .execute();
        changed();
    }

    public void setCommander(Tx tx, long id, String userId) {
        tx.dsl()
                .update(INCIDENT)
                .set(INCIDENT.COMMANDER_ID, userId)
                .where(INCIDENT.ID.eq(id))
                .execute();
        changed();
    }

    public void setFacilitator(Tx tx, long id, String userId) {
        tx.dsl()
                .update(INCIDENT)
                .set(INCIDENT.FACILITATOR_ID, userId)
                .where(INCIDENT.ID.eq(id))
                .execute();
        changed();
    }

    public void setSummary(Tx tx, long id, String summary) {
        tx.dsl()
                .update(INCIDENT)
                .set(INCIDENT.SUMMARY, summary)
                .where(INCIDENT.ID.eq(id))
                .execute();
        changed();
    }

    public void setHeaderTs(Tx tx, long id, String ts) {
        tx.dsl().update(INCIDENT).set(INCIDENT.HEADER_TS, ts).where(INCIDENT.ID.eq(id)).execute();
        changed();
    }

    static Incident map(IncidentRecord r) {
        return new Incident(
                r.getId(),
                IncidentKind.valueOf(r.getKind()),
                r.getChannelId(),
                r.getChannelName(),
                r.getTitle(),
                r.getDescription(),
                r.getSeverity() == null ? null : Severity.valueOf(r.getSeverity()),
                IncidentStatus.valueOf(r.getStatus()),
                r.getCommanderId(),
                r.getFacilitatorId(),
                r.getDeclaredBy(),
                r.getHeaderTs(),
                r.getWebKey(),
                r.getSummary(),
                r.getStartedAt(),
                r.getResolvedAt());
    }
}
