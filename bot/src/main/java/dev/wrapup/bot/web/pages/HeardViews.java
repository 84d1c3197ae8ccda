package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.web.pages.IncidentView.Commenter;
import dev.wrapup.domain.Heard;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.RoleGroups;
import dev.wrapup.persistence.Users;
import java.util.List;
import java.util.function.Function;

/**
 * The page's "Was everyone heard?": names for viewers of the full record, counts alone for those
 * who see what was published; the role groups nobody took part from as last noted.
 */
final class HeardViews {
    private final Users users;
    private final RoleGroups roleGroups;
    private final List<String> configured;

    /**
     * @param configured the configured role groups' names, empty when there are none
     */
    HeardViews(Database database, List<String> configured) {
        this.users = new Users(database);
        this.roleGroups = new RoleGroups(database);
        this.configured = List.copyOf(configured);
    }

    IncidentView.Heard of(
            Incident incident, boolean full, Heard heard, Function<String, String> names) {
        // Someone asked who never took part is named as Slack last described them.
        Function<String, String> name =
                id -> {
                    String known = names.apply(id);
                    return !known.equals(id)
                            ? known
                            : users.find(id)
                                    .map(SlackUser::displayName)
                                    .filter(n -> n != null && !n.isBlank())
                                    .orElse(id);
                };
        List<RoleGroupPresence> noted =
                configured.isEmpty() ? List.of() : roleGroups.of(incident.id());
        return new IncidentView.Heard(
                heard.participants().size(),
                heard.comments().size(),
                full,
                full ? heard.participants().stream().map(name).toList() : List.of(),
                full
                        ? heard.comments().entrySet().stream()
                                .map(e -> new Commenter(name.apply(e.getKey()), e.getValue()))
                                .toList()
                        : List.of(),
                full ? heard.silent().stream().map(name).toList() : List.of(),
                !configured.isEmpty(),
                !noted.isEmpty(),
                full && !noted.isEmpty()
                        ? noted.stream()
                                .filter(g -> !g.participated())
                                .map(RoleGroupPresence::role)
                                .toList()
                        : null);
    }
}
