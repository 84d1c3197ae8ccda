package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.Incident;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What the bot serves besides Slack's endpoint: pages that send no referrer, load nothing from
 * elsewhere, cannot be framed, link to no script or data, and name no server.
 */
class WebPagesTest extends BotTest {
    @Test
    void everyPageAndFileCarriesTheSecurityHeaders() {
        Incident incident = declareHere("C0OPS", "Headers");
        String key = incidents().find(incident.id()).orElseThrow().webKey();
        for (String path :
                List.of(
                        "/incidents/" + key,
                        "/incidents/" + key + ".md",
                        "/incidents/" + "0".repeat(32),
                        "/healthz",
                        "/no/such/page")) {
            HttpResponse<String> response = bot.get(path);
            assertEquals(
                    "no-referrer",
                    response.headers().firstValue("Referrer-Policy").orElse(null),
                    path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertTrue(csp.contains("img-src 'self'"), path + ": " + csp);
            assertTrue(csp.contains("default-src 'none'"), path + ": " + csp);
            assertEquals(1, response.headers().allValues("Content-Security-Policy").size(), path);
            assertTrue(response.headers().firstValue("Server").isEmpty(), path);
        }
    }

    @Test
    void linksToScriptsOrDataAreNotRendered() {
        Incident incident = declareHere("C0OPS", "Links");
        String[] messages = {
            "[open the runbook](javascript:alert(document.cookie))",
            "[the graph](JaVaScRiPt:alert(1))",
            "[download](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![pixel](data:image/png;base64,iVBORw0KGgo=)",
            "<javascript:alert(2)>",
            "[dashboard](https://grafana.example/d/1) and [mail us](mailto:sre@example.com)",
            "<https://grafana.example/d/2|the graph>"
        };
        for (String text : messages) {
            String ts = fake.nextTs();
            event(SlackEvents.message("C0OPS", BOB, text, ts));
            entry("C0OPS", ts);
        }
        String key = incidents().find(incident.id()).orElseThrow().webKey();
        HttpResponse<String> page = bot.get("/incidents/" + key);
        assertEquals(200, page.statusCode());
        String html = page.body().toLowerCase(Locale.ROOT);
        for (String attribute : List.of("href=\"", "src=\"")) {
            for (String scheme : List.of("javascript:", "data:", "vbscript:")) {
                assertFalse(
                        html.contains(attribute + scheme),
                        attribute + scheme + " in " + page.body());
            }
        }
        // Markdown that people type is shown as typed; the links Slack marks up are links.
        assertTrue(
                html.contains("[dashboard](https://grafana.example/d/1) and [mail us]"),
                page.body());
        assertTrue(html.contains("href=\"https://grafana.example/d/2\""), page.body());
    }
}
