package dev.wrapup.bot.coverage;

import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.RoleGroups;
import dev.wrapup.persistence.Tx;
import dev.wrapup.persistence.WrapUps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Notes which configured role groups took part in an incident and commented, as Slack says the
 * groups' members are now; queued when the call is announced and when the wrap-up is published, so
 * that pages and insights read history rather than today's groups.
 */
public final class RoleGroupSnapshots {
    private static final String SNAPSHOT = "role-group-snapshot";

    private final Participants participants;
    private final WrapUps wrapups;
    private final RoleGroups store;
    private final SlackApi slack;
    private final UserDirectory users;
    private final Map<String, String> roleGroups;
    private final Clock clock;

    public RoleGroupSnapshots(
            Database database,
            SlackApi slack,
            SlackOutbox outbox,
            UserDirectory users,
            Map<String, String> roleGroups,
            Clock clock) {
        this.participants = new Participants(database);
        this.wrapups = new WrapUps(database);
        this.store = new RoleGroups(database);
        this.slack = slack;
        this.users = users;
        this.roleGroups = roleGroups;
        this.clock = clock;
        outbox.perform(SNAPSHOT, this::snapshot);
    }

    /** The work of noting the incident's role groups, when it runs. */
    public static Work of(Incident incident) {
        return new Work(
                SNAPSHOT,
                "usergroups.users.list",
                incident.channelId(),
                null,
                null,
                null,
                null,
                incident.id());
    }

    private Outcome snapshot(Item item) {
        if (!roleGroups.isEmpty()) {
            long incidentId = item.subjectId();
            store.record(
                    incidentId, presences(incidentId, RoleGroupMembers.listed(slack, roleGroups)));
        }
        return Outcome.done();
    }

    /**
     * What to note of each group Slack listed ({@link RoleGroupMembers#listed}): whether someone
     * from it took part, and whether someone from it commented. A group Slack would not list is
     * absent, and keeps what was noted of it before.
     */
    public List<RoleGroupPresence> presences(long incidentId, Map<String, List<String>> listed) {
        if (listed.isEmpty()) {
            return List.of();
        }
        // Bots are neither participants nor commenters, as in the wrap-up's own count.
        Completeness completeness =
                Completeness.of(
                        participants.list(incidentId),
                        id -> users.known(id).map(SlackUser::bot).orElse(false),
                        wrapups.comments(incidentId));
        Instant now = clock.instant();
        List<RoleGroupPresence> noted = new ArrayList<>();
        listed.forEach(
                (role, ids) ->
                        noted.add(
                                new RoleGroupPresence(
                                        role,
                                        completeness.participants().stream()
                                                .anyMatch(ids::contains),
                                        completeness.commented().stream().anyMatch(ids::contains),
                                        now)));
        return noted;
    }

    /** Notes them in the caller's transaction. */
    public void record(Tx tx, long incidentId, List<RoleGroupPresence> presences) {
        store.record(tx, incidentId, presences);
    }
}
