package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.Browser;
import dev.wrapup.bot.testing.BrowserTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bot's health check opened in a real Chromium, and the browser's clock set to a zone. */
@BrowserTest
class HealthBrowserTest extends BotTest {
    @Test
    void theHealthCheckOpensInTheBrowser(Browser browser) throws Exception {
        browser.open(bot.baseUrl() + "/healthz");
        assertEquals("{\"status\":\"ok\",\"database\":\"up\"}", browser.text());
        Path shot = browser.screenshot("healthz");
        assertTrue(Files.size(shot) > 0, shot.toString());
    }

    @Test
    void theBrowserCanBeSetToTheReadersTimezone(Browser browser) {
        browser.open(bot.baseUrl() + "/healthz");
        browser.timezone("Pacific/Auckland");
        // Midnight UTC on New Year's Day is 13:00 in Auckland (daylight saving, UTC+13).
        Object hour =
                browser.driver().executeScript("return new Date(Date.UTC(2026, 0, 1)).getHours();");
        assertEquals(13L, hour);
        browser.open(bot.baseUrl() + "/healthz");
        assertEquals(
                "Pacific/Auckland",
                browser.driver()
                        .executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone;"),
                "the zone holds across pages");
    }
}
