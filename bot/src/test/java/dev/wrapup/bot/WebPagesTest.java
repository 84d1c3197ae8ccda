package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.TestBot;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the bot serves besides Slack's endpoint: pages that send no referrer, load nothing from
 * elsewhere, cannot be framed, post forms only to the bot itself, and name no server.
 */
class WebPagesTest extends BotTest {
    @Override
    protected Map<String, String> env() {
        return TestBot.signInEnv(fake);
    }

    @Test
    void everyPageAndFileCarriesTheSecurityHeaders() {
        for (String path :
                List.of(
                        "/",
                        "/incidents/1",
                        "/incidents/" + "0".repeat(32),
                        "/signin/callback?state=x&code=y",
                        "/signout",
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
            assertTrue(csp.contains("form-action 'self'"), path + ": " + csp);
            assertEquals(1, response.headers().allValues("Content-Security-Policy").size(), path);
            assertTrue(response.headers().firstValue("Server").isEmpty(), path);
        }
    }
}
