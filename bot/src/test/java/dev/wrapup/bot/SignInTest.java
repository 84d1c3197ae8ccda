package dev.wrapup.bot;

import static dev.wrapup.bot.testing.HttpBrowser.location;
import static dev.wrapup.bot.testing.HttpBrowser.query;
import static dev.wrapup.bot.testing.HttpBrowser.setCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.HttpBrowser;
import dev.wrapup.bot.testing.Rows;
import dev.wrapup.bot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign in with Slack over HTTP, step by step as a browser goes: to Slack's authorize page and back
 * to the callback, a session in a cookie, its expiry and sign-out; and every way a sign-in is
 * refused.
 */
class SignInTest extends BotTest {
    @Override
    protected Map<String, String> env() {
        return TestBot.signInEnv(fake);
    }

    /** The bot as a browser reaches it: at its public URL, which the redirect URI is built on. */
    private String site() {
        return bot.wrapup().config().publicUrl();
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSlack() {
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> page = browser.get(site() + "/incidents/1?only=key");
        assertEquals(302, page.statusCode());
        URI authorize = location(page);
        assertTrue(
                authorize.toString().startsWith(fake.authorizeUrl() + "?"), authorize.toString());
        Map<String, String> params = query(authorize);
        assertEquals(FakeSlack.CLIENT_ID, params.get("client_id"));
        assertEquals("code", params.get("response_type"));
        assertEquals("openid profile", params.get("scope"));
        assertTrue(
                authorize.getRawQuery().contains("scope=openid%20profile"), authorize.toString());
        assertEquals(site() + "/signin/callback", params.get("redirect_uri"));
        assertTrue(params.get("state").matches("[A-Za-z0-9_-]{43}"), params.toString());
        assertTrue(params.get("nonce").matches("[A-Za-z0-9_-]{43}"), params.toString());
        assertNotEquals(params.get("state"), params.get("nonce"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));

        String binding = setCookie(page, "wrapup_signin");
        assertTrue(binding.contains("; HttpOnly"), binding);
        assertTrue(binding.contains("; SameSite=Lax"), binding);
        assertTrue(binding.contains("; Path=/"), binding);
        assertFalse(binding.contains("Secure"), "the public URL is http: " + binding);

        for (String path : List.of("/", "/incidents/1", "/insights", "/insights.csv")) {
            assertEquals(302, browser.get(site() + path).statusCode(), path);
        }
        // A browser's second sign-in keeps its binding, so that two tabs can both sign in.
        HttpResponse<String> again = browser.get(site() + "/");
        assertTrue(
                setCookie(again, "wrapup_signin")
                        .startsWith("wrapup_signin=" + cookieValue(binding)));

        assertEquals(200, browser.get(site() + "/healthz").statusCode(), "not behind sign-in");
        assertEquals(
                403, browser.post(site() + "/incidents/1").statusCode(), "nothing to return to");
    }

    @Test
    void signingInStartsASessionAndReturnsToThePage() {
        fake.signInAs(ALICE, FakeSlack.TEAM_ID, "Alice Liddell");
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> callback = signIn(browser, "/incidents/1?only=key");
        assertEquals(302, callback.statusCode(), callback.body());
        assertEquals(site() + "/incidents/1?only=key", location(callback).toString());

        String session = setCookie(callback, "wrapup_session");
        assertTrue(session.contains("; HttpOnly"), session);
        assertTrue(session.contains("; SameSite=Lax"), session);
        assertTrue(session.contains("; Path=/"), session);
        assertTrue(session.contains("; Max-Age=43200"), "twelve hours: " + session);
        assertFalse(session.contains("Secure"), session);
        assertTrue(
                setCookie(callback, "wrapup_signin").contains("Max-Age=0"),
                "the binding is taken back");

        HttpResponse<String> page = browser.follow(callback);
        assertNotEquals(302, page.statusCode(), "signed in: the page is not sent to Slack again");
        HttpResponse<String> signOut = browser.get(site() + "/signout");
        assertEquals(200, signOut.statusCode());
        assertTrue(signOut.body().contains("signed in as Alice Liddell"), signOut.body());

        FakeSlack.ApiRequest exchange = fake.succeeded("openid.connect.token").get(0);
        assertEquals(site() + "/signin/callback", exchange.param("redirect_uri"));
        assertEquals(1, fake.succeeded("openid.connect.userInfo").size());

        String token = browser.cookie(site(), "wrapup_session");
        assertNotNull(token);
        assertEquals(
                ALICE,
                Rows.value(bot.wrapup().database(), "select user_id from web_session"),
                "the session is kept in the database");
        assertEquals(
                0,
                Rows.number(
                        bot.wrapup().database(),
                        "select count(*) from web_session where token_sha256 = ?",
                        token),
                "by the token's hash, never the token");
    }

    @Test
    void aStateIsUsedOnceWithinTenMinutesFromTheBrowserThatStartedIt() {
        fake.signInAs(ALICE, FakeSlack.TEAM_ID, "Alice");

        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> back = slackSendsBack(browser, "/");
        assertEquals(302, browser.follow(back).statusCode());
        HttpResponse<String> replay = new HttpBrowser().get(location(back).toString());
        assertEquals(400, replay.statusCode(), "a second browser replaying it");
        assertEquals(400, browser.follow(back).statusCode(), "the same browser again");

        // A state that reached another browser is refused there, and used up for the first.
        HttpBrowser first = new HttpBrowser();
        HttpResponse<String> stolen = slackSendsBack(first, "/");
        HttpBrowser other = new HttpBrowser();
        HttpResponse<String> elsewhere = other.follow(stolen);
        assertEquals(400, elsewhere.statusCode());
        assertTrue(elsewhere.body().contains("another browser"), elsewhere.body());
        assertTrue(
                elsewhere.headers().allValues("Set-Cookie").stream()
                        .noneMatch(
                                c -> c.startsWith("wrapup_session=") && !c.contains("Max-Age=0")));
        assertEquals(400, first.follow(stolen).statusCode());

        HttpBrowser slow = new HttpBrowser();
        HttpResponse<String> late = slackSendsBack(slow, "/");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertEquals(400, slow.follow(late).statusCode(), "expired after ten minutes");

        HttpBrowser forged = new HttpBrowser();
        forged.get(site() + "/");
        assertEquals(
                400,
                forged.get(site() + "/signin/callback?code=code-1&state=made-up").statusCode());
        assertEquals(
                1,
                fake.requests("openid.connect.token").size(),
                "only the one good state reached Slack");
    }

    @Test
    void anotherWorkspaceOrADeclinedSignInGetsNoSession() {
        fake.signInAs(ALICE, "T0OTHER", "Alice elsewhere");
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> refused = signIn(browser, "/");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("another Slack workspace"), refused.body());
        assertNull(browser.cookie(site(), "wrapup_session"));
        assertEquals(302, browser.get(site() + "/").statusCode());

        fake.signInAs(null, null, null);
        HttpResponse<String> declined = signIn(new HttpBrowser(), "/");
        assertEquals(403, declined.statusCode());
        assertTrue(fake.requests("openid.connect.token").size() == 1, "no code, no exchange");

        fake.signInAs(BOB, FakeSlack.TEAM_ID, "Bob");
        fake.fail("openid.connect.token", 500, 5, 0);
        HttpResponse<String> unavailable = signIn(new HttpBrowser(), "/");
        assertEquals(502, unavailable.statusCode());
        assertTrue(unavailable.body().contains("Slack could not confirm"), unavailable.body());
    }

    @Test
    void aSessionLastsTwelveHoursAndEndsAtSignOut() {
        fake.signInAs(BOB, FakeSlack.TEAM_ID, "Bob");
        HttpBrowser browser = new HttpBrowser();
        assertEquals(302, signIn(browser, "/").statusCode());
        clock.advance(Duration.ofHours(12).minusMinutes(1));
        assertNotEquals(302, browser.get(site() + "/").statusCode(), "still signed in");
        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> expired = browser.get(site() + "/");
        assertEquals(302, expired.statusCode(), "twelve hours on, Slack is asked again");
        assertTrue(location(expired).toString().startsWith(fake.authorizeUrl()));

        HttpBrowser other = new HttpBrowser();
        assertEquals(302, signIn(other, "/").statusCode());
        String token = other.cookie(site(), "wrapup_session");
        HttpResponse<String> form = other.get(site() + "/signout");
        assertTrue(form.body().contains("<form method=\"post\" action=\"/signout\">"), form.body());
        HttpResponse<String> signedOut = other.post(site() + "/signout");
        assertEquals(200, signedOut.statusCode());
        assertTrue(signedOut.body().contains("You are signed out"), signedOut.body());
        String cleared = setCookie(signedOut, "wrapup_session");
        assertTrue(
                cleared.startsWith("wrapup_session=;") && cleared.contains("Max-Age=0"), cleared);
        assertEquals(302, other.get(site() + "/").statusCode());

        // The session is over on the server, not only in that browser.
        HttpBrowser copy = new HttpBrowser();
        HttpResponse<String> withOldCookie =
                copy.getWithCookie(site() + "/", "wrapup_session=" + token);
        assertEquals(302, withOldCookie.statusCode());
    }

    @Test
    void cookiesAreSecureWhenThePublicUrlIsHttps() {
        restartWith(Map.of("WRAPUP_PUBLIC_URL", "https://wrapup.example.com/"));
        HttpResponse<String> page = new HttpBrowser().get(bot.baseUrl() + "/");
        assertEquals(302, page.statusCode());
        assertEquals(
                "https://wrapup.example.com/signin/callback",
                query(location(page)).get("redirect_uri"));
        assertTrue(setCookie(page, "wrapup_signin").endsWith("; Secure"));
    }

    /** Starts at the page and follows Slack back to the callback; returns the callback's answer. */
    private HttpResponse<String> signIn(HttpBrowser browser, String path) {
        return browser.follow(slackSendsBack(browser, path));
    }

    /** Starts at the page; returns Slack's answer, which sends the browser to the callback. */
    private HttpResponse<String> slackSendsBack(HttpBrowser browser, String path) {
        HttpResponse<String> page = browser.get(site() + path);
        HttpResponse<String> slack = browser.follow(page);
        assertEquals(302, slack.statusCode(), slack.body());
        return slack;
    }

    private static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
