package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.FixChecks;
import dev.wrapup.persistence.IncidentSearch;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Users;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in pages: the incident list at /, each incident at /incidents/{id}, and their assets.
 * They expect the sign-in filter in front of them; a request it let through without a viewer is
 * refused.
 */
public final class WebPages {
    private WebPages() {}

    /**
     * Adds the pages' routes; call before the server starts.
     *
     * @param publicUrl where the bot is reached, for the link in a calendar file
     * @param videoUrl the configured video link template of the analysis call, if any
     * @param roleGroups the configured role groups' names, empty when there are none
     */
    public static void mount(
            WebServer web,
            Database database,
            Templates templates,
            IncidentAccess access,
            Reports reports,
            String publicUrl,
            Optional<String> videoUrl,
            List<String> roleGroups,
            Clock clock) {
        // "" is the root exactly, so that other unknown paths stay 404.
        web.route("", new IncidentListPage(new IncidentSearch(database), access, templates));
        web.route(
                "/incidents/*",
                new IncidentPage(
                        new Incidents(database),
                        new FixChecks(database),
                        new Users(database),
                        access,
                        new IncidentViews(database, roleGroups, clock),
                        reports,
                        new AnalysisCalls(database),
                        templates,
                        publicUrl,
                        videoUrl,
                        clock));
        web.route("/assets/*", new Assets());
    }
}
