package dev.wrapup.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.bot.testing.Browser;
import dev.wrapup.bot.testing.BrowserTest;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The browser enforces the policy the bot sends: the same page, with an inline script, an event
 * handler and a javascript: link, runs all three from a bare Jetty and none from the bot's server.
 * The bare server is the control that proves the browser runs scripts at all, so the refusal is the
 * policy's doing.
 */
@BrowserTest
class ContentSecurityPolicyBrowserTest {
    private static final String PAGE =
            """
            <!doctype html>
            <html lang="en"><head><title>Scripts</title></head><body>
            <p id="inline">inline script did not run</p>
            <p id="handler">event handler did not run</p>
            <p id="link">javascript: link did not run</p>
            <a id="run" href="javascript:void(document.getElementById('link').textContent='javascript: link ran')">run</a>
            <script>document.getElementById('inline').textContent = 'inline script ran';</script>
            <img src="/no-such-image.png" alt=""
                 onerror="document.getElementById('handler').textContent = 'event handler ran'">
            </body></html>
            """;

    @TempDir Path dataDir;
    private Database database;
    private WebServer bots;
    private Server bare;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(DatabaseSettings.h2File(dataDir));
        bots = new WebServer(0, database);
        bots.route("/scripts", new ScriptsPage());
        bots.start();
        bare = new Server();
        ServerConnector connector = new ServerConnector(bare);
        connector.setHost("127.0.0.1");
        bare.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new ScriptsPage()), "/scripts");
        bare.setHandler(context);
        bare.start();
    }

    @AfterEach
    void stop() throws Exception {
        // Closed in reverse order of starting; a resource that never started is null and skipped.
        try (Database d = database;
                WebServer w = bots) {
            if (bare != null) {
                bare.stop();
            }
        }
    }

    @Test
    void withoutThePolicyThePageRunsItsScripts(Browser browser) {
        open(browser, bare.getURI().getPort());
        List<String> ran =
                List.of("inline script ran", "event handler ran", "javascript: link ran");
        Poll.until("the scripts to run", () -> ran.equals(shown(browser)));
    }

    @Test
    void theBotsPolicyStopsEveryScriptOnThePage(Browser browser) {
        open(browser, bots.port());
        // One refusal each for the script, the handler and the link: then all three had their
        // chance, and an unchanged page is not merely one that has not run them yet.
        List<String> refusals = new ArrayList<>();
        Poll.until(
                "the browser to refuse three scripts",
                () -> {
                    browser.console().stream()
                            .filter(m -> m.contains("Content Security Policy"))
                            .forEach(refusals::add);
                    return refusals.size() >= 3;
                });
        browser.screenshot("content-security-policy");
        assertEquals(
                List.of(
                        "inline script did not run",
                        "event handler did not run",
                        "javascript: link did not run"),
                shown(browser),
                String.join("\n", refusals));
    }

    /** Opens the page and follows its javascript: link. */
    private static void open(Browser browser, int port) {
        browser.open("http://127.0.0.1:" + port + "/scripts");
        browser.driver().findElement(By.id("run")).click();
    }

    /** The three lines the page shows. */
    private static List<String> shown(Browser browser) {
        return Stream.of("inline", "handler", "link")
                .map(id -> browser.driver().findElement(By.id(id)).getText())
                .toList();
    }

    private static final class ScriptsPage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=utf-8");
            resp.getWriter().write(PAGE);
        }
    }
}
