package dev.wrapup.bot.roles;

import dev.wrapup.bot.slack.BackgroundThreads;
import dev.wrapup.bot.slack.SlackApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people WRAPUP_ADMINS names: user ids directly, and the members of its user groups, which are
 * read from Slack at start and every few minutes in the background, so that no request waits for
 * Slack to know whether its caller is an admin.
 */
public final class Admins implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Admins.class);
    static final Duration REFRESH = Duration.ofMinutes(5);

    private final Set<String> users;
    private final List<String> groups;
    private final SlackApi slack;
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;

    public Admins(List<String> ids, SlackApi slack) {
        this.users = Set.copyOf(ids.stream().filter(id -> !id.startsWith("S")).toList());
        this.groups = ids.stream().filter(id -> id.startsWith("S")).toList();
        this.slack = slack;
        this.refresher = groups.isEmpty() ? null : BackgroundThreads.scheduled("admin-groups");
    }

    /** Reads the admin user groups now and then every few minutes. */
    public void start() {
        if (refresher != null) {
            refresher.scheduleWithFixedDelay(
                    this::refresh, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
        }
    }

    public boolean contains(String userId) {
        if (userId == null) {
            return false;
        }
        if (users.contains(userId)) {
            return true;
        }
        for (Set<String> group : members.values()) {
            if (group.contains(userId)) {
                return true;
            }
        }
        return false;
    }

    /** A group Slack cannot answer for keeps the members it had: a blip never removes an admin. */
    void refresh() {
        for (String group : groups) {
            slack.ok("usergroups.users.list", m -> m.usergroupsUsersList(r -> r.usergroup(group)))
                    .ifPresentOrElse(
                            r -> members.put(group, Set.copyOf(r.getUsers())),
                            () ->
                                    log.warn(
                                            "could not read the members of admin user group {}",
                                            group));
        }
    }

    @Override
    public void close() {
        if (refresher != null) {
            BackgroundThreads.stop(refresher, Duration.ofSeconds(2));
        }
    }
}
