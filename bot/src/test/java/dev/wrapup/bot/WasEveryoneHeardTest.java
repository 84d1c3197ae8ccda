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
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.RoleGroups;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * "Was everyone heard?" on the incident page, with names for the channel's members and counts alone
 * for the rest of the workspace, and each person's own wrap-ups on their Home tab, those still
 * owing their comment first.
 */
class WasEveryoneHeardTest extends BotTest {
    private static final String OPS = "C0OPS";
    private static final String DAVE = "U0DAVE";
    private static final String ALERTS = "U0ALERTS";

    @Override
    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestBot.signInEnv(fake));
        env.put("WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00");
        env.put("WRAPUP_ROLE_GROUPS", "frontend=S0FRONT,support=S0SUP");
        return env;
    }

    private String site() {
        return bot.wrapup().config().publicUrl();
    }

    /** Signs in through the fake Slack and returns the page, parsed. */
    private Document page(String user, String name, Incident incident) {
        fake.signInAs(user, FakeSlack.TEAM_ID, name);
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> toSlack = browser.get(site() + "/incidents/" + incident.id());
        HttpResponse<String> back = browser.follow(browser.follow(toSlack));
        HttpResponse<String> page = browser.follow(back);
        assertEquals(200, page.statusCode(), page.body());
        return Jsoup.parse(page.body());
    }

    /** Starts the incident's analysis call, which asks every participant for a comment. */
    private void callStarts(Incident incident) {
        bot.runWhenDue(AnalysisCallService.TASK, incident.id());
        fake.await(
                "chat.postMessage",
                c ->
                        incident.channelId().equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("starts now"));
        WrapUps wrapUps = new WrapUps(bot.wrapup().database());
        Poll.until("everyone to be asked", () -> wrapUps.askedFor(incident.id()).contains(CAROL));
    }

    @Test
    void membersSeeWhoWasHeardAndTheRestOfTheWorkspaceSeesCountsOnly() {
        fake.addUser(DAVE, "Dave", "UTC", 0);
        fake.addUser(new FakeSlack.User(ALERTS, "alerts", "Alerts", "UTC", 0, true));
        fake.addUsergroup("S0FRONT", BOB);
        fake.addUsergroup("S0SUP", DAVE);
        fake.addChannel(OPS, "ops-checkout", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        Incident incident = declareHere(OPS, "Checkout errors");
        joins(OPS, ALERTS);
        Users users = new Users(bot.wrapup().database());
        Poll.until("Slack to say " + ALERTS + " is a bot", () -> users.find(ALERTS).isPresent());
        event(SlackEvents.message(OPS, BOB, "5xx on checkout", fake.nextTs()));
        event(SlackEvents.message(OPS, CAROL, "rolling back", fake.nextTs()));

        Document early = page(ALICE, "Alice", incident);
        assertEquals(
                "Not recorded yet.",
                early.selectFirst("section.heard .heard-groups-unknown").text());

        command("/incident", "resolve Rolled back", ALICE, OPS);
        RoleGroups groups = new RoleGroups(bot.wrapup().database());
        Poll.until("role groups noted", () -> groups.of(incident.id()).size() == 2);
        command("/wrapup", "well The rollback was quick", ALICE, OPS);
        command("/wrapup", "better Alert on 5xx sooner", ALICE, OPS);
        command("/wrapup", "wrong Nobody owned checkout", BOB, OPS);
        callStarts(incident);

        Document full = page(ALICE, "Alice", incident);
        assertEquals("3 participants, 2 commented", full.selectFirst(".heard-counts").text());
        assertEquals(
                List.of("Alice", "Bob", "Carol"),
                full.select("ul.heard-participants li").eachText(),
                "people, not the alerting bot");
        assertEquals(
                List.of("Alice (2 comments)", "Bob (1 comment)"),
                full.select("ul.heard-commented li").eachText());
        assertEquals(List.of("Carol"), full.select("ul.heard-silent li").eachText());
        assertEquals(List.of("support"), full.select("ul.heard-groups li").eachText());

        // Dave is in the workspace, not in the public channel: what may be published.
        Document published = page(DAVE, "Dave", incident);
        assertEquals(
                "Was everyone heard? 3 participants, 2 commented",
                published.selectFirst("section.heard").text());
        assertTrue(published.select("section.heard li").isEmpty());
    }

    @Test
    void theHomeTabListsTheViewersOwnWrapUpsOwedFirst() {
        // Older wrap-ups Carol took part in while they were still under way, ten of them.
        Database database = bot.wrapup().database();
        Instant longAgo = clock.instant().minus(Duration.ofDays(30));
        for (int n = 1; n <= 10; n++) {
            String channel = "C0OLD" + n;
            Instant at = longAgo.plus(Duration.ofHours(n));
            database.transaction(
                    tx -> {
                        Incident old =
                                incidents()
                                        .create(
                                                tx,
                                                new NewIncident(
                                                        IncidentKind.INCIDENT,
                                                        FakeSlack.TEAM_ID,
                                                        channel,
                                                        channel.toLowerCase(),
                                                        "Old " + channel,
                                                        null,
                                                        Severity.SEV3,
                                                        IncidentStatus.MONITORING,
                                                        ALICE,
                                                        ALICE,
                                                        at),
                                                at);
                        new Participants(database).add(tx, old.id(), CAROL, "posted", at);
                        return null;
                    });
        }
        clock.advance(Duration.ofMinutes(1));
        Incident owed = declareHere(OPS, "Checkout errors");
        event(SlackEvents.message(OPS, CAROL, "rolling back", fake.nextTs()));
        command("/incident", "resolve Rolled back", ALICE, OPS);
        callStarts(owed);
        clock.advance(Duration.ofMinutes(1));
        Incident given = declareHere("C0DNS", "DNS lookups slow");
        event(SlackEvents.message("C0DNS", CAROL, "resolver is fine", fake.nextTs()));
        command("/wrapup", "well We found it fast", CAROL, "C0DNS");

        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", CAROL);
        event.addProperty("channel", "D0CAROL");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", fake.nextTs());
        event(event);
        FakeSlack.ApiRequest publish =
                fake.await("views.publish", c -> CAROL.equals(c.param("user_id")));
        JsonArray blocks = publish.json("view").getAsJsonObject().getAsJsonArray("blocks");
        assertTrue(blocks.size() < 100, "within Slack's 100 blocks: " + blocks.size());

        List<String> lines = List.of(section(blocks, "Your wrap-ups").split("\n"));
        assertEquals(12, lines.size(), lines.toString());
        assertEquals(
                "• <"
                        + site()
                        + "/incidents/"
                        + owed.id()
                        + "|Checkout errors>"
                        + " — *you were asked for a comment*: `/wrapup well|wrong|better <text>` in <#"
                        + owed.channelId()
                        + ">",
                lines.get(1),
                "the one she owes first");
        assertEquals(
                "• <"
                        + site()
                        + "/incidents/"
                        + given.id()
                        + "|DNS lookups slow>"
                        + " — you commented · not published yet",
                lines.get(2));
        assertTrue(lines.get(3).contains("|Old C0OLD10>"), "then newest first: " + lines);
        assertTrue(lines.get(3).endsWith("no comment from you · not published yet"), lines.get(3));
        assertEquals("_and 2 more_", lines.get(11));
        assertFalse(
                section(blocks, "Your wrap-ups").contains("Old C0OLD2>"), "the oldest left out");
    }

    /** The text of the Home tab's section that starts with the title. */
    private static String section(JsonArray blocks, String title) {
        for (JsonElement block : blocks) {
            JsonObject text = block.getAsJsonObject().getAsJsonObject("text");
            if (text != null && text.get("text").getAsString().startsWith("*" + title + "*")) {
                return text.get("text").getAsString();
            }
        }
        throw new AssertionError("no section " + title + " in " + blocks);
    }
}
