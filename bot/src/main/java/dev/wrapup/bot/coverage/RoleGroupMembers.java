package dev.wrapup.bot.coverage;

import dev.wrapup.bot.slack.SlackApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who is in each configured role group, as Slack lists the groups now. */
public final class RoleGroupMembers {
    private RoleGroupMembers() {}

    /**
     * Role name to member ids, in the configured order; a group Slack would not list is left out,
     * so that nobody reads it as "nobody from it took part".
     */
    public static Map<String, List<String>> listed(SlackApi slack, Map<String, String> roleGroups) {
        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (Map.Entry<String, String> group : roleGroups.entrySet()) {
            slack.ok(
                            "usergroups.users.list",
                            m -> m.usergroupsUsersList(r -> r.usergroup(group.getValue())))
                    .map(r -> r.getUsers())
                    .ifPresent(users -> listed.put(group.getKey(), List.copyOf(users)));
        }
        return listed;
    }
}
