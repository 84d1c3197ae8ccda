package dev.wrapup.bot.web.insights;

import static java.util.Objects.requireNonNullElse;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.input.InputRefused;
import dev.wrapup.domain.insights.BurdenByTimezone;
import dev.wrapup.domain.insights.IncidentFacts;
import dev.wrapup.domain.insights.RecurrenceTrend;
import dev.wrapup.domain.insights.ReportingPeriod;
import dev.wrapup.domain.insights.RoleGroupCoverage;
import dev.wrapup.domain.insights.Week;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.FixChecks;
import dev.wrapup.persistence.Insights;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * /insights: how the incidents of a period the reader picks went, as charts with their numbers;
 * /insights.csv?chart=NAME: one chart's numbers to download. Only the incidents the viewer may see
 * count, asked of {@link IncidentAccess} for each on every request, so that the numbers never
 * reveal a private incident, not even by a count.
 */
public final class InsightsPage extends HttpServlet {
    static final String PAGE = "/insights";
    static final String CSV = "/insights.csv";

    private final Insights insights;
    private final FixChecks fixChecks;
    private final Templates templates;
    private final IncidentAccess access;
    private final List<String> roleGroups;
    private final Clock clock;

    InsightsPage(
            Insights insights,
            FixChecks fixChecks,
            Templates templates,
            IncidentAccess access,
            List<String> roleGroups,
            Clock clock) {
        this.insights = insights;
        this.fixChecks = fixChecks;
        this.templates = templates;
        this.access = access;
        this.roleGroups = List.copyOf(roleGroups);
        this.clock = clock;
    }

    /** Serves the page and its CSV files, behind the sign-in; call before the server starts. */
    public static void mount(
            WebServer web,
            Database database,
            Templates templates,
            IncidentAccess access,
            List<String> roleGroups,
            Clock clock) {
        InsightsPage page =
                new InsightsPage(
                        new Insights(database),
                        new FixChecks(database),
                        templates,
                        access,
                        roleGroups,
                        clock);
        web.route(PAGE, page);
        web.route(CSV, page);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Viewer> signedIn = Viewer.of(req);
        if (signedIn.isEmpty()) {
            templates.forbidden(resp); // sign-in not in front of the page: show nothing
            return;
        }
        Viewer viewer = signedIn.get();
        boolean csv = CSV.equals(req.getServletPath());
        String from = req.getParameter("from");
        String to = req.getParameter("to");
        ReportingPeriod period;
        try {
            period = ReportingPeriod.parse(from, to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (InputRefused e) {
            if (csv) {
                plain(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            } else {
                page(
                        resp,
                        HttpServletResponse.SC_BAD_REQUEST,
                        new InsightsView(
                                requireNonNullElse(from, ""),
                                requireNonNullElse(to, ""),
                                e.getMessage(),
                                List.of(),
                                !roleGroups.isEmpty()));
            }
            return;
        }
        List<Chart> charts = charts(viewer, period);
        if (csv) {
            csv(resp, period, charts, req.getParameter("chart"));
        } else {
            page(
                    resp,
                    HttpServletResponse.SC_OK,
                    new InsightsView(
                            period.from().toString(),
                            period.to().toString(),
                            null,
                            charts,
                            !roleGroups.isEmpty()));
        }
    }

    private static void csv(
            HttpServletResponse resp, ReportingPeriod period, List<Chart> charts, String name)
            throws IOException {
        Optional<Chart> chart = charts.stream().filter(c -> c.name().equals(name)).findFirst();
        if (chart.isEmpty()) {
            plain(resp, HttpServletResponse.SC_NOT_FOUND, "No such chart.");
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/csv; charset=utf-8");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader(
                "Content-Disposition",
                "attachment; filename=\"wrapup-"
                        + chart.get().name()
                        + "-"
                        + period.from()
                        + "-"
                        + period.to()
                        + ".csv\"");
        resp.getWriter().write(Csv.of(chart.get().table()));
    }

    private List<Chart> charts(Viewer viewer, ReportingPeriod period) {
        // One question per incident however many of its rows there are: for a private channel
        // the answer may take a call to Slack.
        Map<Long, Boolean> answers = new HashMap<>();
        Predicate<Incident> visible =
                incident ->
                        answers.computeIfAbsent(
                                incident.id(),
                                id -> access.of(viewer, incident) != Visibility.NONE);
        List<IncidentFacts> incidents =
                insights.incidentsStarted(period.start(), period.end()).stream()
                        .filter(f -> visible.test(f.incident()))
                        .toList();
        List<ActionItem> actions =
                insights.actionsOpenDuring(period.start(), period.end()).stream()
                        .filter(a -> visible.test(a.incident()))
                        .map(Insights.IncidentAction::action)
                        .toList();
        List<Chart> charts =
                new ArrayList<>(Charts.of(period, incidents, actions, clock.instant()));
        if (!roleGroups.isEmpty()) {
            Map<Long, List<RoleGroupPresence>> noted = new LinkedHashMap<>();
            for (Insights.IncidentRoleGroup g :
                    insights.roleGroupsOfIncidentsStarted(period.start(), period.end())) {
                if (visible.test(g.incident())) {
                    noted.computeIfAbsent(g.incident().id(), id -> new ArrayList<>())
                            .add(g.presence());
                }
            }
            charts.add(RoleGroupChart.of(RoleGroupCoverage.of(roleGroups, noted.values())));
        }
        charts.add(
                BurdenChart.of(
                        BurdenByTimezone.of(
                                incidents,
                                insights.inconveniencesOfIncidentsStarted(
                                        period.start(), period.end()))));
        // A "did not hold" link counts where the viewer may see both incidents.
        Set<Long> recurred =
                fixChecks.notHeldOfIncidentsStarted(period.start(), period.end()).stream()
                        .filter(n -> visible.test(n.earlier()))
                        .map(n -> n.check().incidentId())
                        .collect(Collectors.toSet());
        charts.add(
                RecurrenceChart.of(
                        period.weeks().stream().map(Week::label).toList(),
                        RecurrenceTrend.of(period, incidents, recurred)));
        return charts;
    }

    private void page(HttpServletResponse resp, int status, InsightsView view) throws IOException {
        templates.send(resp, status, "insights.jte", Map.of("view", view));
    }

    private static void plain(HttpServletResponse resp, int status, String message)
            throws IOException {
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain; charset=utf-8");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.getWriter().write(message + "\n");
    }
}
