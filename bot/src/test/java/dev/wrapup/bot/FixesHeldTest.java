package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.HttpBrowser;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.FixAnswer;
import dev.wrapup.domain.FixCheck;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.FixChecks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * "Did the fixes hold?": a new incident like an earlier one whose action items are done asks the
 * facilitator in its call; only the facilitator, the commander or an admin answers; the answer is
 * stored, shown in the call's message and on both pages, and counted on /insights.
 */
class FixesHeldTest extends BotTest {
    @Override
    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestBot.signInEnv(fake));
        env.put("WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00");
        return env;
    }

    private String site() {
        return bot.wrapup().config().publicUrl();
    }

    /** A past incident with what was said, its action items given, resolved. */
    private Incident past(String channel, String title, List<String> said, String... actions) {
        Incident incident = declareHere(channel, title);
        for (String text : said) {
            event(SlackEvents.message(channel, BOB, text, fake.nextTs()));
        }
        command("/incident", "resolve " + title + " fixed", ALICE, channel);
        for (String action : actions) {
            command("/wrapup", "action <@" + BOB + "> " + action, ALICE, channel);
        }
        clock.advance(Duration.ofHours(1));
        return incident;
    }

    private Document page(String user, String path) {
        fake.signInAs(user, FakeSlack.TEAM_ID, user);
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> toSlack = browser.get(site() + path);
        HttpResponse<String> back = browser.follow(browser.follow(toSlack));
        HttpResponse<String> page = browser.follow(back);
        assertEquals(200, page.statusCode(), page.body());
        return Jsoup.parse(page.body());
    }

    private static List<String> fixLines(Document page) {
        return page.select("section.fixes li").eachText();
    }

    private static List<String> buttons(JsonArray blocks) {
        List<String> ids = new ArrayList<>();
        for (JsonElement block : blocks) {
            JsonObject b = block.getAsJsonObject();
            if ("actions".equals(b.get("type").getAsString())) {
                for (JsonElement e : b.getAsJsonArray("elements")) {
                    ids.add(
                            e.getAsJsonObject().get("action_id").getAsString()
                                    + "="
                                    + e.getAsJsonObject().get("value").getAsString());
                }
            }
        }
        return ids;
    }

    @Test
    void theCallAsksTheFacilitatorAndTheAnswerShowsEverywhere() {
        List<String> certWords =
                List.of(
                        "customers see certificate errors on checkout",
                        "the certificate on the load balancer expired at midnight",
                        "renewed the certificate and reloaded the load balancer");
        Incident done =
                past(
                        "C0CERT",
                        "Checkout TLS certificate expired",
                        certWords,
                        "automate certificate renewal",
                        "alert before certificate expiry");
        command("/wrapup", "action done 1", BOB, "C0CERT");
        command("/wrapup", "action wontdo 2 the renewal makes alerts moot", BOB, "C0CERT");
        // Like it, but an action item is still open: not asked about.
        Incident open =
                past(
                        "C0CERT2",
                        "Checkout certificate expired on the load balancer",
                        List.of("the load balancer certificate expired again"),
                        "rotate certificates monthly");
        outboxDrained();

        Incident incident = declareHere("C0NEW", "Payments API certificate expired");
        event(
                SlackEvents.message(
                        "C0NEW",
                        BOB,
                        "the certificate on the load balancer expired",
                        fake.nextTs()));
        command("/wrapup", "facilitator <@" + CAROL + ">", ALICE, "C0NEW");
        command("/incident", "resolve certificate renewed", ALICE, "C0NEW");
        outboxDrained();

        bot.runWhenDue(AnalysisCallService.TASK, incident.id());
        FakeSlack.ApiRequest call =
                fake.await(
                        "chat.postMessage",
                        c ->
                                "C0NEW".equals(c.param("channel"))
                                        && c.param("text") != null
                                        && c.param("text").contains("starts now"));
        String text = call.param("text");
        assertTrue(text.contains("Seen before: "), text);
        assertTrue(
                text.contains(
                        "<@"
                                + CAROL
                                + "> Did the fixes from <"
                                + site()
                                + "/incidents/"
                                + done.id()
                                + "|Checkout TLS certificate expired> hold?"),
                text);
        assertFalse(
                text.contains("Did the fixes from <" + site() + "/incidents/" + open.id()),
                "an action item still open: not asked. " + text);
        JsonArray blocks = call.json("blocks").getAsJsonArray();
        String value = incident.id() + ":" + done.id();
        assertEquals(
                List.of(
                        "fix_check_held=" + value,
                        "fix_check_did_not_hold=" + value,
                        "fix_check_not_related=" + value),
                buttons(blocks));
        assertTrue(call.jsonText("blocks").contains("starts now"), "the call's words stay");

        FixChecks checks = new FixChecks(bot.wrapup().database());
        assertEquals(
                List.of(new FixCheck(incident.id(), done.id(), null, null, null)),
                checks.askedIn(incident.id()),
                "asked, not answered yet");
        // The incident in between, like the first one too, asked in its own call (due first).
        assertEquals(
                List.of(
                        "Came back: Checkout certificate expired on the load balancer — asked"
                                + " whether the fixes held, not answered yet",
                        "Came back: Payments API certificate expired — asked whether the fixes"
                                + " held, not answered yet"),
                fixLines(page(ALICE, "/incidents/" + done.id())));

        // Bob took part but is neither facilitator nor commander.
        HttpResponse<String> refused =
                bot.slack().interaction(SlackRequests.buttonClick(BOB, "fix_check_held", value));
        assertEquals(200, refused.statusCode());
        FakeSlack.ApiRequest line =
                fake.await(
                        "chat.postEphemeral",
                        c -> BOB.equals(c.param("user")) && c.param("text").startsWith("Only "));
        assertEquals(
                "Only the facilitator (<@"
                        + CAROL
                        + ">), the commander (<@"
                        + ALICE
                        + ">) or a Wrapup admin can answer whether the fixes held.",
                line.param("text"));
        assertEquals(null, checks.askedIn(incident.id()).get(0).answer(), "nothing stored");
        outboxDrained();
        assertEquals(
                List.of(),
                fake.succeeded("chat.update").stream()
                        .filter(c -> c.jsonText("blocks").contains("fix_check_"))
                        .toList(),
                "the call's message untouched");

        // The facilitator answers, then changes her mind: the last answer wins.
        bot.slack().interaction(SlackRequests.buttonClick(CAROL, "fix_check_held", value));
        fake.await(
                "chat.update",
                c ->
                        "C0NEW".equals(c.param("channel"))
                                && c.jsonText("blocks").contains("*Held* (answered by <@" + CAROL));
        bot.slack().interaction(SlackRequests.buttonClick(CAROL, "fix_check_did_not_hold", value));
        FakeSlack.ApiRequest updated =
                fake.await(
                        "chat.update",
                        c ->
                                "C0NEW".equals(c.param("channel"))
                                        && c.jsonText("blocks")
                                                .contains(
                                                        "*Did not hold* (answered by <@" + CAROL));
        assertEquals(
                new AnalysisCalls(bot.wrapup().database())
                        .find(incident.id())
                        .orElseThrow()
                        .callTs(),
                updated.param("ts"),
                "the call's own message");
        assertTrue(updated.jsonText("blocks").contains("starts now"), "the call's words stay");
        assertEquals(
                3,
                buttons(updated.json("blocks").getAsJsonArray()).size(),
                "the buttons stay to change it");
        FixCheck stored = checks.askedIn(incident.id()).get(0);
        assertEquals(FixAnswer.DID_NOT_HOLD, stored.answer());
        assertEquals(CAROL, stored.answeredBy());
        assertTrue(
                entries(incident).stream()
                        .filter(e -> e.text() != null)
                        .anyMatch(
                                e ->
                                        e.text()
                                                .equals(
                                                        "Did the fixes from \"Checkout TLS"
                                                                + " certificate expired\" hold?"
                                                                + " Did not hold.")),
                "each answer on the timeline");

        // Both pages show it.
        List<String> later = fixLines(page(ALICE, "/incidents/" + incident.id()));
        assertEquals(1, later.size(), later.toString());
        assertTrue(
                later.get(0)
                        .startsWith(
                                "Did the fixes from Checkout TLS certificate expired hold? — Did"
                                        + " not hold (answered by "),
                later.get(0));
        Document earlierPage = page(ALICE, "/incidents/" + done.id());
        assertEquals(
                "Came back: Payments API certificate expired — the fixes did not hold",
                fixLines(earlierPage).get(1));
        Element link = earlierPage.select("section.fixes a").get(1);
        assertEquals("/incidents/" + incident.id(), link.attr("href"));

        // Three incidents started, one came back after fixes that did not hold.
        Document insights = page(ALICE, "/insights");
        Element recurrence = insights.selectFirst("section:has(h2#recurrence)");
        assertEquals(
                "Recurrence rate: 33.3% — 1 of 3 incidents came back after the fixes from an"
                        + " earlier incident did not hold.",
                recurrence.selectFirst("p.note").text());
        assertEquals("Whole period 3 1 33.3%", recurrence.selectFirst("tfoot tr").text());
    }
}
