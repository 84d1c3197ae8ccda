package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.PARTICIPANT;
import static dev.wrapup.persistence.jooq.Tables.SLACK_USER;

import dev.wrapup.domain.Participant;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** Who took part in an incident. */
public final class Participants {
    private final DSLContext dsl;

    public Participants(Database database) {
        this.dsl = database.dsl();
    }

    /** Adds the person unless they already take part; true when they are new. */
    public boolean add(Tx tx, long incidentId, String userId, String joinedBy, Instant at) {
        return tx.dsl()
                        .insertInto(PARTICIPANT)
                        .set(PARTICIPANT.INCIDENT_ID, incidentId)
                        .set(PARTICIPANT.USER_ID, userId)
                        .set(PARTICIPANT.JOINED_BY, joinedBy)
                        .set(PARTICIPANT.FIRST_SEEN, at)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Whether the person takes part: they posted, joined, reacted, commented or were invited. */
    public boolean isParticipant(long incidentId, String userId) {
        return dsl.fetchExists(
                PARTICIPANT,
                PARTICIPANT.INCIDENT_ID.eq(incidentId).and(PARTICIPANT.USER_ID.eq(userId)));
    }

    /** Participants in the order they joined, with what Slack told us of them. */
    public List<Participant> list(long incidentId) {
        return dsl.select(
                        PARTICIPANT.USER_ID,
                        SLACK_USER.DISPLAY_NAME,
                        SLACK_USER.TZ,
                        PARTICIPANT.JOINED_BY,
                        PARTICIPANT.FIRST_SEEN)
                .from(PARTICIPANT)
                .leftJoin(SLACK_USER)
                .on(SLACK_USER.USER_ID.eq(PARTICIPANT.USER_ID))
                .where(PARTICIPANT.INCIDENT_ID.eq(incidentId))
                .orderBy(PARTICIPANT.FIRST_SEEN, PARTICIPANT.USER_ID)
                .fetch(
                        r ->
                                new Participant(
                                        r.value1(),
                                        r.value2(),
                                        r.value3(),
                                        r.value4(),
                                        r.value5()));
    }
}
