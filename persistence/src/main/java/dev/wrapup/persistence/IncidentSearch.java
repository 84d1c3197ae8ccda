package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.INCIDENT;

import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Incidents as the web list finds them: filtered, open ones first, then the most recent. Apart from
 * {@link Incidents}, whose writes keep the channel memory current; this class only reads.
 */
public final class IncidentSearch {
    private final DSLContext dsl;

    public IncidentSearch(Database database) {
        this.dsl = database.dsl();
    }

    /** Open (under way) or resolved (resolved or, for a maintenance window, ended). */
    public enum State {
        ANY,
        OPEN,
        RESOLVED
    }

    /**
     * What the reader asked for; a null kind or severity, or a blank text, does not filter.
     *
     * @param text matched, ignoring case, anywhere in the title, description or summary
     */
    public record IncidentQuery(State state, IncidentKind kind, Severity severity, String text) {
        public IncidentQuery {
            state = state == null ? State.ANY : state;
            text = text == null ? "" : text.strip();
        }

        public static IncidentQuery everything() {
            return new IncidentQuery(State.ANY, null, null, null);
        }
    }

    /**
     * Every matching incident, open ones first, then the most recently started. Not paged here: the
     * caller keeps only those its reader may see, which the database cannot tell, and pages what is
     * left, so that a page's size and the count never reveal incidents the reader may not see.
     */
    public List<Incident> search(IncidentQuery q) {
        List<Condition> where = new ArrayList<>();
        Condition closed = INCIDENT.STATUS.in(closedStatuses());
        if (q.state() == State.OPEN) {
            where.add(closed.not());
        } else if (q.state() == State.RESOLVED) {
            where.add(closed);
        }
        if (q.kind() != null) {
            where.add(INCIDENT.KIND.eq(q.kind().name()));
        }
        if (q.severity() != null) {
            where.add(INCIDENT.SEVERITY.eq(q.severity().name()));
        }
        if (!q.text().isEmpty()) {
            String pattern = "%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%";
            where.add(
                    contains(INCIDENT.TITLE, pattern)
                            .or(contains(INCIDENT.DESCRIPTION, pattern))
                            .or(contains(INCIDENT.SUMMARY, pattern)));
        }
        Field<Integer> openFirst = DSL.when(closed, 1).otherwise(0);
        return dsl.selectFrom(INCIDENT)
                .where(where)
                .orderBy(openFirst, INCIDENT.STARTED_AT.desc(), INCIDENT.ID.desc())
                .fetch(Incidents::map);
    }

    private static List<String> closedStatuses() {
        return List.of(IncidentStatus.RESOLVED.name(), IncidentStatus.ENDED.name());
    }

    private static Condition contains(Field<String> field, String pattern) {
        return DSL.lower(field).like(pattern, '!');
    }

    /** The reader's % and _ are letters to find, not wildcards. */
    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
