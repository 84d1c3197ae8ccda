package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.Browser;
import dev.wrapup.bot.testing.BrowserTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.HttpBrowser;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.Incident;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The whole web side in a real Chromium against the running bot: signing in through the fake
 * Slack's OpenID Connect pages, a private incident seen by its channel's members and refused to
 * everyone else, earlier versions of an edit shown only to members, the timeline in order with its
 * thread nested and local times, and hostile text that runs nothing.
 */
@BrowserTest
class SignedInPagesBrowserTest extends BotTest {
    private static final String SECRET = "G0SECRET";
    private static final String PUBLIC = "C0PUBLIC";

    @Override
    protected Map<String, String> env() {
        return TestBot.signInEnv(fake);
    }

    private String page(Incident incident) {
        return bot.wrapup().config().publicUrl() + "/incidents/" + incident.id();
    }

    @Test
    void membersSeeAPrivateIncidentWholeAndEveryoneElseIsRefused(Browser alice) {
        Incident incident = declareHere(SECRET, "Payments are failing");
        String parent = say(ALICE, "Primary database is failing over");
        String reply = fake.nextTs();
        event(SlackEvents.threadReply(SECRET, BOB, "Replica lag is 40 s", reply, parent));
        String edited = say(BOB, "Restarted pgbouncer on db-2");
        event(
                SlackEvents.messageChanged(
                        SECRET,
                        BOB,
                        edited,
                        "Restarted pgbouncer on db-2",
                        "Restarted pgbouncer on db-1",
                        fake.nextTs(),
                        fake.nextTs()));
        String hostile =
                say(
                        ALICE,
                        "<script>window.pwned = 1</script> <img src=x onerror=\"window.pwned = 2\">"
                                + " <javascript:window.pwned=3|click me>");
        entry(SECRET, hostile);
        entry(SECRET, reply);

        fake.signInAs(ALICE, FakeSlack.TEAM_ID, "Alice");
        alice.timezone("Pacific/Auckland");
        alice.open(page(incident));

        // Sent to Slack's authorize page, and back to the page asked for, signed in.
        assertEquals(page(incident), alice.driver().getCurrentUrl());
        assertTrue(fake.requests("openid.connect.token").size() == 1, "the code was exchanged");
        assertEquals(
                "Payments are failing", alice.driver().findElement(By.tagName("h1")).getText());

        List<String> order =
                alice.driver().findElements(By.cssSelector("li.entry > div.text")).stream()
                        .map(WebElement::getText)
                        .toList();
        int failingOver = indexOf(order, "Primary database is failing over");
        int restarted = indexOf(order, "Restarted pgbouncer on db-1");
        int attack = indexOf(order, "<script>");
        assertTrue(failingOver < restarted && restarted < attack, order.toString());

        WebElement thread =
                alice.driver()
                        .findElement(
                                By.xpath(
                                        "//li[contains(@class,'entry')][div[@class='text'"
                                                + " and contains(.,'Primary database')]]"));
        assertTrue(
                thread.findElement(By.cssSelector("ol.replies")).getText().contains("Replica lag"),
                "the reply is nested under its parent");

        WebElement time = alice.driver().findElement(By.cssSelector("time.t"));
        assertTrue(time.getAttribute("title").endsWith("UTC"), time.getAttribute("title"));
        assertTrue(
                alice.driver()
                        .findElement(By.cssSelector(".day-name"))
                        .getText()
                        .contains("Pacific/Auckland"),
                "days and times in the reader's own zone");

        WebElement earlier = alice.driver().findElement(By.cssSelector("details summary"));
        earlier.click();
        assertTrue(
                alice.driver().findElement(By.cssSelector("details")).getText().contains("db-2"),
                "a member sees the earlier version");

        assertEquals(
                Boolean.TRUE,
                alice.driver().executeScript("return typeof window.pwned === 'undefined'"),
                "the message's script, handler and link ran nothing");
        assertTrue(alice.driver().findElements(By.cssSelector("main img")).isEmpty());
        assertTrue(alice.driver().findElements(By.cssSelector("a[href^='javascript']")).isEmpty());
        assertTrue(alice.text().contains("<script>window.pwned = 1</script>"), "shown as text");
        alice.screenshot("signed-in-incident");

        // Carol is in the workspace, not in the channel: the same answer as for no incident.
        try (Browser carol = Browser.start()) {
            fake.signInAs(CAROL, FakeSlack.TEAM_ID, "Carol");
            carol.open(page(incident));
            assertTrue(carol.text().contains("Not available"), carol.text());
            assertFalse(carol.text().contains("Payments"), carol.text());
            assertEquals(403, statusWithSession(carol, page(incident)));
            assertEquals(
                    403,
                    statusWithSession(
                            carol, bot.wrapup().config().publicUrl() + "/incidents/" + 999_999));
            carol.screenshot("refused-private-incident");
        }
        assertEquals(200, statusWithSession(alice, page(incident)));
    }

    @Test
    void aPublicIncidentsEarlierVersionsAreForItsMembersOnly(Browser carol) {
        fake.addChannel(PUBLIC, "ops-public", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        Incident incident = declareHere(PUBLIC, "Slow checkout");
        String ts = fake.nextTs();
        event(SlackEvents.message(PUBLIC, BOB, "Cache hit rate is 12%", ts));
        event(
                SlackEvents.messageChanged(
                        PUBLIC,
                        BOB,
                        ts,
                        "Cache hit rate is 12%",
                        "Cache hit rate is 21%",
                        fake.nextTs(),
                        fake.nextTs()));
        entry(PUBLIC, ts);

        fake.signInAs(CAROL, FakeSlack.TEAM_ID, "Carol");
        carol.open(page(incident));
        assertTrue(carol.text().contains("Cache hit rate is 21%"), carol.text());
        assertTrue(carol.driver().findElements(By.cssSelector("details")).isEmpty());
        assertFalse(carol.text().contains("12%"), "no earlier version for a non-member");

        try (Browser bob = Browser.start()) {
            fake.signInAs(BOB, FakeSlack.TEAM_ID, "Bob");
            bob.open(page(incident));
            bob.driver().findElement(By.cssSelector("details summary")).click();
            assertTrue(
                    bob.driver().findElement(By.cssSelector("details")).getText().contains("12%"));
        }
    }

    private String say(String user, String text) {
        String ts = fake.nextTs();
        event(SlackEvents.message(SECRET, user, text, ts));
        return ts;
    }

    private static int indexOf(List<String> texts, String part) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no entry with " + part + " in " + texts);
    }

    /** The status the bot answers this browser's session with (a browser does not show it). */
    private static int statusWithSession(Browser browser, String url) {
        Cookie session = browser.driver().manage().getCookieNamed("wrapup_session");
        return new HttpBrowser()
                .getWithCookie(url, "wrapup_session=" + session.getValue())
                .statusCode();
    }
}
