package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.analysis.CallInvites;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.FixCheck;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.FixChecks;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Users;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * /incidents/{id}: an incident's page, and its report (/report.md) and analysis call (/call.ics) as
 * files. Who may see what is asked on every request; an incident the viewer may not see and one
 * that does not exist get the same answer.
 */
final class IncidentPage extends HttpServlet {
    private static final Pattern PATH = Pattern.compile("/(\\d{1,18})(/report\\.md|/call\\.ics)?");

    private final Incidents incidents;
    private final FixChecks fixChecks;
    private final Users users;
    private final IncidentAccess access;
    private final IncidentViews views;
    private final Reports reports;
    private final AnalysisCalls calls;
    private final Templates templates;
    private final String publicUrl;
    private final Optional<String> videoUrl;
    private final Clock clock;

    IncidentPage(
            Incidents incidents,
            FixChecks fixChecks,
            Users users,
            IncidentAccess access,
            IncidentViews views,
            Reports reports,
            AnalysisCalls calls,
            Templates templates,
            String publicUrl,
            Optional<String> videoUrl,
            Clock clock) {
        this.incidents = incidents;
        this.fixChecks = fixChecks;
        this.users = users;
        this.access = access;
        this.views = views;
        this.reports = reports;
        this.calls = calls;
        this.templates = templates;
        this.publicUrl = publicUrl;
        this.videoUrl = videoUrl;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Matcher path = PATH.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
        Optional<Viewer> viewer = Viewer.of(req);
        Optional<Incident> incident =
                path.matches() && viewer.isPresent()
                        ? incidents.find(Long.parseLong(path.group(1)))
                        : Optional.empty();
        Visibility visibility =
                incident.map(i -> access.of(viewer.orElseThrow(), i)).orElse(Visibility.NONE);
        if (visibility == Visibility.NONE) {
            templates.forbidden(resp);
            return;
        }
        String file = path.group(2);
        if (file == null) {
            page(req, resp, incident.get(), visibility, viewer.get());
        } else if (file.equals("/report.md")) {
            String markdown =
                    visibility == Visibility.FULL
                            ? reports.markdown(incident.get(), Disclosure.FULL)
                            : reports.published(incident.get());
            send(resp, "text/markdown; charset=utf-8", markdown);
        } else {
            Optional<AnalysisCall> call =
                    calls.find(incident.get().id())
                            .filter(c -> c.status() != AnalysisCall.Status.CANCELLED);
            if (call.isEmpty()) {
                templates.forbidden(resp);
                return;
            }
            String link = publicUrl + "/incidents/" + incident.get().id();
            send(
                    resp,
                    "text/calendar; charset=utf-8",
                    CallInvites.of(incident.get(), call.get(), Optional.of(link), videoUrl)
                            .toIcs(clock.instant()));
        }
    }

    private void page(
            HttpServletRequest req,
            HttpServletResponse resp,
            Incident incident,
            Visibility visibility,
            Viewer viewer)
            throws IOException {
        boolean onlyKey = "key".equals(req.getParameter("only"));
        LocalDate day = null;
        int part = 0;
        try {
            String d = req.getParameter("day");
            day = d == null ? null : LocalDate.parse(d);
            String p = req.getParameter("part");
            part = p == null || !p.matches("\\d{1,6}") ? 0 : Integer.parseInt(p);
        } catch (DateTimeParseException e) {
            day = null; // a day that is no date shows the first page
        }
        String base = "/incidents/" + incident.id() + "?" + (onlyKey ? "only=key&" : "");
        IncidentView view = views.of(incident, visibility, onlyKey, day, part, base);
        templates.send(
                resp,
                HttpServletResponse.SC_OK,
                "pages/incident.jte",
                Map.of("view", view, "fixes", fixes(incident, viewer)));
    }

    /**
     * "Did the fixes hold?" both ways: the earlier incidents asked about here, and the later ones
     * that asked about this one; each only when the viewer may see the other incident too.
     */
    private List<FixLine> fixes(Incident incident, Viewer viewer) {
        List<FixCheck> asked = fixChecks.askedIn(incident.id());
        List<FixCheck> about = fixChecks.askedAbout(incident.id());
        if (asked.isEmpty() && about.isEmpty()) {
            return List.of();
        }
        Map<Long, Incident> others =
                incidents.find(
                        Stream.concat(
                                        asked.stream().map(FixCheck::earlierIncidentId),
                                        about.stream().map(FixCheck::incidentId))
                                .toList());
        Predicate<Incident> visible =
                other -> other != null && access.of(viewer, other) != Visibility.NONE;
        Function<String, String> names =
                id -> users.find(id).map(SlackUser::displayName).orElse(id);
        List<FixLine> lines = new ArrayList<>();
        for (FixCheck c : asked) {
            Incident earlier = others.get(c.earlierIncidentId());
            if (visible.test(earlier)) {
                lines.add(FixLine.asked(c, earlier, names));
            }
        }
        for (FixCheck c : about) {
            Incident later = others.get(c.incidentId());
            if (visible.test(later)) {
                lines.add(FixLine.cameBack(c, later));
            }
        }
        return lines;
    }

    private static void send(HttpServletResponse resp, String type, String body)
            throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType(type);
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(body);
    }
}
