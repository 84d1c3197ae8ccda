package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.persistence.Database;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The pages served by Jetty behind a stand-in for the sign-in filter, which takes the viewer from a
 * test header (or a default): alice (U1) sees everything in full, anyone else what was published,
 * and nobody sees channel C9's incidents.
 */
final class PagesServer implements AutoCloseable {
    static final String VIEWER_HEADER = "X-Test-Viewer";
    static final Clock CLOCK = Clock.fixed(Seed.START.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    static final IncidentAccess ACCESS =
            (viewer, incident) ->
                    incident.channelId().equals("C9")
                            ? Visibility.NONE
                            : viewer.userId().equals("U1") ? Visibility.FULL : Visibility.PUBLISHED;

    private final WebServer web;

    /** Sets the viewer named by the test header, else the default one, if any. */
    private static final class TestSignIn extends HttpFilter {
        private final String defaultViewer;

        TestSignIn(String defaultViewer) {
            this.defaultViewer = defaultViewer;
        }

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            String user = req.getHeader(VIEWER_HEADER);
            user = user != null ? user : defaultViewer;
            if (user != null) {
                req.setAttribute(Viewer.ATTRIBUTE, new Viewer(user, "T1", user));
            }
            chain.doFilter(req, resp);
        }
    }

    /**
     * @param defaultViewer who a request without the test header is from; null for nobody
     */
    PagesServer(Database database, String defaultViewer) throws Exception {
        web = new WebServer(0, database);
        web.filter("/*", new TestSignIn(defaultViewer));
        WebPages.mount(
                web,
                database,
                new Templates(),
                ACCESS,
                new Reports(database),
                "https://wrapup.example",
                Optional.empty(),
                List.of(),
                CLOCK);
        web.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    @Override
    public void close() throws Exception {
        web.close();
    }
}
