package dev.wrapup.bot.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.Browser;
import dev.wrapup.bot.testing.BrowserTest;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The incident page and the list in a real Chromium, under the bot's Content-Security-Policy: the
 * bot's own script runs and shows times in the reader's timezone, nothing is refused, and the key
 * moments filter works by link alone.
 */
@BrowserTest
class IncidentPageBrowserTest {
    @TempDir Path dir;

    @Test
    void timesReadInTheReadersZoneAndNothingIsRefused(Browser browser) {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incident incident = new Seed(database).incident("C1");
                    try (PagesServer web = new PagesServer(database, "U1")) {
                        browser.open(web.url("/"));
                        browser.timezone("Pacific/Auckland");
                        browser.open(web.url("/incidents/" + incident.id()));

                        // 09:00 UTC on 22 November is 22:00 in Auckland (UTC+13).
                        WebElement heading =
                                browser.driver().findElement(By.cssSelector(".day-name"));
                        assertTrue(
                                heading.getText().contains("Pacific/Auckland"), heading.getText());
                        WebElement first = browser.driver().findElement(By.cssSelector("time.t"));
                        assertEquals("22:00", first.getText());
                        assertEquals("2026-11-22 09:00:00 UTC", first.getAttribute("title"));
                        List<String> console = browser.console();
                        assertTrue(
                                console.stream()
                                        .noneMatch(m -> m.contains("Content Security Policy")),
                                console.toString());
                        // The earlier version is one click away.
                        WebElement summary =
                                browser.driver().findElement(By.cssSelector("details summary"));
                        summary.click();
                        assertTrue(
                                browser.driver()
                                        .findElement(By.cssSelector("details"))
                                        .getText()
                                        .contains(Seed.FIRST_VERSION));
                        Path shot = browser.screenshot("incident-page");
                        assertTrue(Files.size(shot) > 0);
                        browser.driver()
                                .executeScript(
                                        "document.querySelector('section.heard')"
                                                + ".scrollIntoView()");
                        assertTrue(Files.size(browser.screenshot("incident-heard")) > 0);

                        browser.driver().findElement(By.linkText("Show key moments only")).click();
                        assertEquals(
                                3,
                                browser.driver().findElements(By.cssSelector("li.entry")).size());

                        browser.open(web.url("/?state=resolved"));
                        assertEquals(
                                1,
                                browser.driver()
                                        .findElements(By.cssSelector("table.incidents tbody tr"))
                                        .size());
                        browser.screenshot("incident-list");
                        assertTrue(browser.console().isEmpty(), browser.console().toString());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
