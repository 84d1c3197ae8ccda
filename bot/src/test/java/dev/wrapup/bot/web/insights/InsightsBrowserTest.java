package dev.wrapup.bot.web.insights;

import static dev.wrapup.bot.web.insights.InsightsFixture.CLOCK;
import static dev.wrapup.bot.web.insights.InsightsFixture.PERIOD;
import static dev.wrapup.bot.web.insights.InsightsFixture.SECRET_CHANNEL;
import static dev.wrapup.bot.web.insights.InsightsFixture.SOFT_PERIOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.testing.Browser;
import dev.wrapup.bot.testing.BrowserTest;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.domain.FixAnswer;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.insights.IncidentFacts;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.FixChecks;
import dev.wrapup.persistence.Insights;
import dev.wrapup.persistence.RoleGroups;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * /insights in a real Chromium, under the bot's own headers: the seeded incidents' numbers in the
 * tables, the charts drawn at a readable size, nothing refused by the page's policy, and
 * screenshots of the whole page, the action items' sections (the kinds with and without the
 * warning), the role groups, the burden by timezone and the recurrence
 * (target/screenshots/insights*.png).
 */
@BrowserTest
class InsightsBrowserTest {
    @TempDir Path dir;
    private Database database;
    private WebServer web;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.h2(dir));
        database.migrate();
        InsightsFixture.seed(database);
        noteRoleGroups();
        noteRecurrence();
        web = new WebServer(0, database);
        InsightsFixture.route(
                web,
                new InsightsPage(
                        new Insights(database),
                        new FixChecks(database),
                        new Templates(),
                        (viewer, incident) ->
                                incident.channelId().equals(SECRET_CHANNEL)
                                        ? Visibility.NONE
                                        : Visibility.PUBLISHED,
                        List.of("frontend", "backend", "support"),
                        CLOCK),
                () -> new Viewer("U1", "T1", "Ana"));
        web.start();
    }

    /**
     * Frontend took part in A and B and commented on A; backend took part in A only; support was
     * never noted. The secret incident, which the viewer may not see, had everyone.
     */
    private void noteRoleGroups() {
        RoleGroups groups = new RoleGroups(database);
        Instant at = CLOCK.instant();
        for (IncidentFacts f :
                new Insights(database)
                        .incidentsStarted(
                                Instant.parse("2026-11-01T00:00:00Z"),
                                Instant.parse("2026-12-01T00:00:00Z"))) {
            String title = f.incident().title();
            boolean secret = f.incident().channelId().equals(SECRET_CHANNEL);
            groups.record(
                    f.incident().id(),
                    List.of(
                            new RoleGroupPresence(
                                    "frontend",
                                    secret || title.equals("A") || title.equals("B"),
                                    secret || title.equals("A"),
                                    at),
                            new RoleGroupPresence(
                                    "backend", secret || title.equals("A"), secret, at)));
        }
    }

    /** B came back after the fixes from A did not hold. */
    private void noteRecurrence() {
        Map<String, Long> ids = new HashMap<>();
        new Insights(database)
                .incidentsStarted(
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z"))
                .forEach(f -> ids.put(f.incident().title(), f.incident().id()));
        FixChecks checks = new FixChecks(database);
        Instant at = CLOCK.instant();
        database.transaction(
                tx -> {
                    checks.ask(tx, ids.get("B"), List.of(ids.get("A")), "The call.", at);
                    checks.answer(tx, ids.get("B"), ids.get("A"), FixAnswer.DID_NOT_HOLD, "U1", at);
                    return null;
                });
    }

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        database.close();
    }

    @Test
    void theSeededIncidentsNumbersAndTheirCharts(Browser browser) {
        browser.open("http://127.0.0.1:" + web.port() + "/insights?" + PERIOD);

        assertEquals(
                List.of(
                        "Whole period 1 2 0 0 0 3",
                        "Whole period 2 1 h 15 min 2 h 0 min",
                        "Whole period 2 28 h 15 min 2 d 3 h",
                        "Whole period 1 3 d 0 h 3 d 0 h",
                        "Whole period 2 3 2 66.7%",
                        "Whole period 3 1 1 0",
                        "Whole period 1 0 1 1 0 3",
                        "Every group 3 0 0% 0 0%",
                        "Any timezone 3 2 100%",
                        "Whole period 3 1 33.3%"),
                browser.driver().findElements(By.cssSelector("tfoot tr")).stream()
                        .map(WebElement::getText)
                        .toList());
        List<WebElement> charts = browser.driver().findElements(By.cssSelector("svg.plot"));
        assertEquals(10, charts.size());
        assertEquals(
                List.of(
                        "Role group Incidents Took part Share took part Commented Share commented",
                        "frontend 3 2 66.7% 1 33.3%",
                        "backend 3 1 33.3% 0 0%",
                        "support 0 0 — 0 —",
                        "Every group 3 0 0% 0 0%"),
                browser
                        .driver()
                        .findElements(By.cssSelector("section:has(h2#role-groups) tr"))
                        .stream()
                        .map(WebElement::getText)
                        .toList());
        for (WebElement chart : charts) {
            assertTrue(chart.getSize().getWidth() >= 300, "drawn " + chart.getSize());
        }
        assertEquals(
                List.of(),
                browser.console().stream()
                        .filter(m -> m.contains("Content Security Policy"))
                        .toList());
        long height =
                (Long)
                        browser.driver()
                                .executeScript("return document.documentElement.scrollHeight");
        browser.driver().manage().window().setSize(new Dimension(1280, (int) height + 200));
        browser.screenshot("insights");
        browser.screenshot("insights-actions", section(browser, "actions"));
        browser.screenshot("insights-kinds", section(browser, "kinds"));
        browser.driver().manage().window().setSize(new Dimension(1280, 1100));
        browser.driver().executeScript("document.getElementById('role-groups').scrollIntoView()");
        browser.screenshot("insights-role-groups");

        // The burden section on its own, as a reader scrolled to it sees it.
        WebElement burden = browser.driver().findElement(By.cssSelector("section:has(h2#burden)"));
        assertEquals(
                List.of("Pacific/Auckland 2 2 100%", "America/Los_Angeles 1 1 50%"),
                burden.findElements(By.cssSelector("tbody tr")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertEquals(
                List.of("Auckland", "Los Angeles"),
                burden.findElements(By.cssSelector("svg.plot > text")).stream()
                        .map(WebElement::getText)
                        .filter(t -> !t.matches("\\d+"))
                        .toList());
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
        browser.driver().executeScript("arguments[0].scrollIntoView()", burden);
        browser.screenshot("insights-burden");

        // Recurrence: its rate in a sentence, and B, which came back, in its week.
        WebElement recurrence =
                browser.driver().findElement(By.cssSelector("section:has(h2#recurrence)"));
        assertEquals(
                "Recurrence rate: 33.3% — 1 of 3 incidents came back after the fixes from an"
                        + " earlier incident did not hold.",
                recurrence.findElement(By.cssSelector("p.note")).getText());
        assertEquals(
                List.of("2026-11-09 2 1 50%", "2026-11-16 1 0 0%"),
                recurrence.findElements(By.cssSelector("tbody tr")).stream()
                        .map(WebElement::getText)
                        .toList());
        browser.driver().executeScript("arguments[0].scrollIntoView()", recurrence);
        browser.screenshot("insights-recurrence");
    }

    @Test
    void aPeriodOfOnlyTrainingAndProcessShowsTheWarningAboveTheKinds(Browser browser) {
        browser.open("http://127.0.0.1:" + web.port() + "/insights?" + SOFT_PERIOD);

        WebElement kinds = section(browser, "kinds");
        WebElement note = kinds.findElement(By.cssSelector("p.note"));
        assertTrue(note.isDisplayed());
        assertTrue(note.getText().contains("warning sign"), note.getText());
        assertEquals(
                "Whole period 0 0 0 1 1 2",
                kinds.findElement(By.cssSelector("tfoot tr")).getText());
        assertEquals(
                2,
                kinds.findElements(By.cssSelector("svg.plot rect")).stream()
                        .filter(r -> r.getAttribute("height") != null)
                        .filter(r -> Double.parseDouble(r.getAttribute("height")) > 0)
                        .count(),
                "a process bar and a training bar");
        browser.driver().manage().window().setSize(new Dimension(1280, 1200));
        browser.screenshot("insights-kinds-warning", kinds);
    }

    private static WebElement section(Browser browser, String chart) {
        WebElement heading = browser.driver().findElement(By.id(chart));
        browser.driver().executeScript("arguments[0].scrollIntoView()", heading);
        return heading.findElement(By.xpath(".."));
    }
}
