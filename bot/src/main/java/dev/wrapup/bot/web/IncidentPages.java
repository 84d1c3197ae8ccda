package dev.wrapup.bot.web;

import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Incidents;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * /incidents/{key}: an incident's record as a web page, and /incidents/{key}.md as Markdown. The
 * key is 128 random bits, so a page is found only through its link.
 */
public final class IncidentPages extends HttpServlet {
    private static final Parser PARSER = Parser.builder().build();
    // User text is escaped, never rendered as HTML, and links are limited to http, https and
    // mailto.
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder()
                    .escapeHtml(true)
                    .sanitizeUrls(true)
                    .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
                    .build();

    private final Incidents incidents;
    private final Function<Incident, String> report;

    public IncidentPages(Incidents incidents, Function<Incident, String> report) {
        this.report = report;
        this.incidents = incidents;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        boolean markdown = path.endsWith(".md");
        String key = markdown ? path.substring(0, path.length() - 3) : path;
        Optional<Incident> incident =
                key.matches("[0-9a-f]{32}") ? incidents.findByWebKey(key) : Optional.empty();
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (incident.isEmpty()) {
            resp.sendError(404, "No such incident");
            return;
        }
        String md = report.apply(incident.get());
        resp.setCharacterEncoding("UTF-8");
        if (markdown) {
            resp.setContentType("text/markdown; charset=utf-8");
            resp.getWriter().write(md);
            return;
        }
        resp.setContentType("text/html; charset=utf-8");
        resp.getWriter().write(page(incident.get().title(), HTML.render(PARSER.parse(md))));
    }

    static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>"
                + escape(title)
                + " · Wrapup</title><style>"
                + "body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1c1d}"
                + "code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}h1{margin-bottom:.5rem}"
                + "del{color:#888}li{margin:.15rem 0}</style></head><body>"
                + body
                + "</body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
