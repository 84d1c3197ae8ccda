package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.IncidentSearch;
import dev.wrapup.persistence.IncidentSearch.IncidentQuery;
import dev.wrapup.persistence.IncidentSearch.State;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * /: the incidents the viewer may see, open ones first, then the most recent, filtered and paged.
 * Incidents the viewer may not see are dropped before paging, so neither a page's length nor
 * whether there is a next page says anything about them.
 */
public final class IncidentListPage extends HttpServlet {
    static final int PER_PAGE = 50;
    private static final int MAX_TEXT = 200;

    private final IncidentSearch search;
    private final IncidentAccess access;
    private final Templates templates;

    IncidentListPage(IncidentSearch search, IncidentAccess access, Templates templates) {
        this.search = search;
        this.access = access;
        this.templates = templates;
    }

    /** The page's filters as the reader set them; empty strings where not set. */
    public record Filters(String state, String kind, String severity, String text) {
        String query() {
            StringBuilder q = new StringBuilder();
            add(q, "state", state);
            add(q, "kind", kind);
            add(q, "severity", severity);
            add(q, "q", text);
            return q.toString();
        }

        private static void add(StringBuilder q, String name, String value) {
            if (!value.isEmpty()) {
                q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                q.append('&');
            }
        }
    }

    /** One incident in the list. */
    public record Row(
            long id,
            String title,
            String kind,
            String severity,
            String status,
            boolean open,
            Instant started) {}

    /** What incident-list.jte shows. */
    public record ListView(Filters filters, List<Row> rows, int page, String newer, String older) {}

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Viewer> viewer = Viewer.of(req);
        if (viewer.isEmpty()) {
            templates.forbidden(resp);
            return;
        }
        Filters filters =
                new Filters(
                        choice(req, "state", List.of("open", "resolved")),
                        choice(req, "kind", List.of("incident", "wrapup", "maintenance")),
                        choice(req, "severity", List.of("sev1", "sev2", "sev3", "sev4")),
                        text(req));
        String p = req.getParameter("page");
        int page = p != null && p.matches("[1-9]\\d{0,5}") ? Integer.parseInt(p) : 1;
        IncidentQuery query =
                new IncidentQuery(
                        filters.state().isEmpty()
                                ? State.ANY
                                : State.valueOf(filters.state().toUpperCase(Locale.ROOT)),
                        filters.kind().isEmpty()
                                ? null
                                : IncidentKind.valueOf(filters.kind().toUpperCase(Locale.ROOT)),
                        Severity.parse(filters.severity()).orElse(null),
                        filters.text());
        // Access is asked only until the page and one more are found: a large history is not
        // checked incident by incident for the first page.
        int skip = (page - 1) * PER_PAGE;
        List<Row> rows = new ArrayList<>();
        boolean more = false;
        for (Incident i : search.search(query)) {
            if (access.of(viewer.get(), i) == Visibility.NONE) {
                continue;
            }
            if (skip > 0) {
                skip--;
            } else if (rows.size() < PER_PAGE) {
                rows.add(row(i));
            } else {
                more = true;
                break;
            }
        }
        String base = "/?" + filters.query();
        templates.send(
                resp,
                HttpServletResponse.SC_OK,
                "pages/incident-list.jte",
                Map.of(
                        "view",
                        new ListView(
                                filters,
                                rows,
                                page,
                                page > 1 ? base + "page=" + (page - 1) : null,
                                more ? base + "page=" + (page + 1) : null)));
    }

    private static Row row(Incident i) {
        return new Row(
                i.id(),
                i.title(),
                i.kind().label(),
                i.severity() == null ? "" : i.severity().label(),
                i.status().label(),
                i.isOpen(),
                i.startedAt());
    }

    /** The parameter when it is one of the choices, else empty: anything else is no filter. */
    private static String choice(HttpServletRequest req, String name, List<String> choices) {
        String value = req.getParameter(name);
        return value != null && choices.contains(value) ? value : "";
    }

    private static String text(HttpServletRequest req) {
        String q = req.getParameter("q");
        q = q == null ? "" : q.strip();
        return q.length() > MAX_TEXT ? q.substring(0, MAX_TEXT) : q;
    }
}
