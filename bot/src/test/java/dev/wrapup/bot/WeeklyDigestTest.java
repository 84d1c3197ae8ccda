package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.digest.DigestButtons;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Rows;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.WrapUps;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The weekly digest end to end: a direct message to each owner of open items at 09:00 on their own
 * Monday, once whatever the restarts, with the overdue items of the wrap-ups they facilitated, and
 * buttons that close an item and show the message again.
 */
class WeeklyDigestTest extends BotTest {
    private static final String OPS = "C0OPS";
    private static final String DIGEST = "Your action items this week";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private WrapUps wrapups() {
        return new WrapUps(bot.wrapup().database());
    }

    /** The digests sent to the user so far (direct messages of the digest's text). */
    private List<FakeSlack.ApiRequest> digests(String userId) {
        return fake.requests("chat.postMessage").stream()
                .filter(c -> userId.equals(c.param("channel")))
                .filter(c -> c.param("text") != null && c.param("text").startsWith(DIGEST))
                .toList();
    }

    /** 09:00 on the first Monday at least two days ahead, where the zone is. */
    private Instant nextMondayNine(ZoneId zone) {
        LocalDate monday =
                LocalDate.now(clock.withZone(zone))
                        .plusDays(2)
                        .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        return monday.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant();
    }

    /** Moves the clock, runs what is then due, and waits for the Slack work it queued. */
    private void at(Instant when) {
        clock.advanceTo(when);
        bot.runDueTasks();
        outboxDrained();
    }

    private Incident incident(String title) {
        Incident incident = declareHere(OPS, title);
        assertEquals(ALICE, incident.facilitator());
        return incident;
    }

    @Test
    void eachOwnerGetsOneDigestAtNineOnTheirOwnMondayAndNeverTwice() {
        Incident incident = incident("Retry storm");
        command("/wrapup", "action guardrail <@" + CAROL + "> Cap retries at 3", ALICE, OPS);
        command("/wrapup", "action <@" + BOB + "> Alert on retry rate", ALICE, OPS);
        command("/wrapup", "action process <@" + ALICE + "> Review retry defaults", ALICE, OPS);
        assertEquals("Closed action item 3.", command("/wrapup", "action done 3", ALICE, OPS));

        // Auckland's Monday 09:00 comes first (Sunday evening UTC), Los Angeles' 21 hours later.
        Instant auckland = nextMondayNine(AUCKLAND);
        Instant losAngeles = nextMondayNine(LOS_ANGELES);
        assertTrue(auckland.isBefore(losAngeles));

        at(auckland.minusSeconds(60));
        assertEquals(0, digests(CAROL).size(), "not before nine");
        at(auckland.plusSeconds(60));
        assertEquals(1, digests(CAROL).size(), "Carol's at nine in Auckland");
        assertEquals(0, digests(BOB).size(), "Bob's Monday has not come");
        at(losAngeles.minusSeconds(60));
        assertEquals(0, digests(BOB).size());
        assertEquals(1, digests(CAROL).size());
        at(losAngeles.plusSeconds(60));
        assertEquals(1, digests(BOB).size(), "Bob's at nine in Los Angeles");

        FakeSlack.ApiRequest carol = digests(CAROL).get(0);
        String blocks = carol.jsonText("blocks");
        assertTrue(blocks.contains("Your open action items"), blocks);
        assertTrue(blocks.contains("*Cap retries at 3* (guardrail)"), blocks);
        assertTrue(blocks.contains("Retry storm (<#" + OPS + ">)"), blocks);
        assertTrue(blocks.contains("no due date"), blocks);
        assertTrue(blocks.contains("days old"), blocks);
        assertTrue(blocks.contains(DigestButtons.DONE), blocks);
        assertTrue(blocks.contains(DigestButtons.WONT_DO), blocks);
        assertFalse(blocks.contains("Alert on retry rate"), "only Carol's own item");
        assertFalse(blocks.contains("Overdue in wrap-ups you facilitated"), blocks);

        // The rest of that Monday, and a restart on the same database, send nothing more.
        at(losAngeles.plus(Duration.ofHours(6)));
        bot.close();
        restart(TestBot.env(fake, dataDir));
        at(losAngeles.plus(Duration.ofHours(7)));
        // Tuesday, too: a week's digest is never sent late on another day.
        at(losAngeles.plus(Duration.ofHours(30)));
        assertEquals(1, digests(CAROL).size());
        assertEquals(1, digests(BOB).size());
        assertEquals(0, digests(ALICE).size(), "Alice's only item is done; she ran no late items");
        assertEquals(
                2L,
                Rows.number(bot.wrapup().database(), "SELECT COUNT(*) FROM action_digest"),
                "nobody with nothing to say gets a row");

        // The Monday after, again.
        at(auckland.plus(Duration.ofDays(7)).plusSeconds(60));
        assertEquals(2, digests(CAROL).size());
        assertEquals(1, digests(BOB).size());
        at(losAngeles.plus(Duration.ofDays(7)).plusSeconds(60));
        assertEquals(2, digests(BOB).size());
        assertTrue(incident.id() > 0);
    }

    @Test
    void facilitatorsSeeOverdueItemsOfTheirWrapUpsAndTheButtonsCloseItems() {
        Incident incident = incident("Cache stampede");
        Instant monday = nextMondayNine(BERLIN);
        LocalDate mondayDate = monday.atZone(BERLIN).toLocalDate();
        LocalDate lastWeek = mondayDate.minusDays(3);
        command(
                "/wrapup",
                "action <@" + BOB + "> Add request coalescing due " + lastWeek,
                ALICE,
                OPS);
        command(
                "/wrapup",
                "action detection <@" + ALICE + "> Alert on miss rate due " + lastWeek,
                ALICE,
                OPS);
        command("/wrapup", "action <@" + CAROL + "> Warm the cache due " + mondayDate, ALICE, OPS);
        List<ActionItem> items = wrapups().actions(incident.id());
        ActionItem bobs = items.get(0);
        ActionItem alices = items.get(1);

        at(monday.plusSeconds(60));
        assertEquals(1, digests(ALICE).size());
        FakeSlack.ApiRequest digest = digests(ALICE).get(0);
        String blocks = digest.jsonText("blocks");
        int own = blocks.indexOf("Your open action items");
        int facilitated = blocks.indexOf("Overdue in wrap-ups you facilitated");
        assertTrue(own >= 0 && facilitated > own, blocks);
        assertTrue(blocks.indexOf("Alert on miss rate") < facilitated, "her own item is first");
        assertEquals(
                blocks.indexOf("Alert on miss rate"),
                blocks.lastIndexOf("Alert on miss rate"),
                "her own item once");
        String late = blocks.substring(facilitated);
        assertTrue(late.contains("Add request coalescing"), late);
        assertTrue(late.contains("<@" + BOB + ">"), "the owner named: " + late);
        assertTrue(late.contains("overdue"), late);
        assertFalse(blocks.contains("Warm the cache"), "due today is not overdue: " + blocks);

        String ts =
                (String)
                        Rows.value(
                                bot.wrapup().database(),
                                "SELECT posted_ts FROM slack_outbox WHERE channel_id = ? AND text"
                                        + " LIKE ?",
                                ALICE,
                                DIGEST + "%");

        // Carol may not close Bob's item: she is told so and it stays open.
        HttpResponse<String> refused =
                bot.slack()
                        .interaction(
                                click(CAROL, DigestButtons.DONE, mondayDate, bobs.id(), ALICE, ts));
        assertEquals(200, refused.statusCode());
        fake.await(
                "chat.postEphemeral",
                c -> CAROL.equals(c.param("user")) && c.param("text").contains("action item 1"));
        assertEquals(ActionState.OPEN, wrapups().action(bobs.id()).orElseThrow().state());

        // Alice ran the wrap-up: Done closes Bob's item, and the message shows it.
        HttpResponse<String> done =
                bot.slack()
                        .interaction(
                                click(ALICE, DigestButtons.DONE, mondayDate, bobs.id(), ALICE, ts));
        assertEquals(200, done.statusCode());
        assertEquals(ActionState.DONE, wrapups().action(bobs.id()).orElseThrow().state());
        FakeSlack.ApiRequest updated =
                fake.await(
                        "chat.update",
                        c ->
                                ALICE.equals(c.param("channel"))
                                        && ts.equals(c.param("ts"))
                                        && c.jsonText("blocks")
                                                .contains(":white_check_mark: Done"));
        assertFalse(
                updated.jsonText("blocks").contains("\"buttons-" + bobs.id() + "\""),
                "no buttons on a closed item");
        assertTrue(
                updated.jsonText("blocks").contains("\"buttons-" + alices.id() + "\""),
                "the open item keeps its buttons");
        fake.await(
                "chat.postMessage",
                c -> OPS.equals(c.param("channel")) && c.param("text").contains("1 is done"));

        // Won't do asks why in a form; the reason is required, then stored and shown.
        bot.slack()
                .interaction(
                        click(ALICE, DigestButtons.WONT_DO, mondayDate, alices.id(), ALICE, ts));
        FakeSlack.ApiRequest open =
                fake.await(
                        "views.open", c -> c.jsonText("view").contains(DigestButtons.WONT_DO_FORM));
        String metadata =
                JsonParser.parseString(open.param("view"))
                        .getAsJsonObject()
                        .get("private_metadata")
                        .getAsString();
        HttpResponse<String> blank =
                bot.slack()
                        .interaction(
                                SlackRequests.viewSubmission(
                                        DigestButtons.WONT_DO_FORM,
                                        metadata,
                                        ALICE,
                                        Map.of(DigestButtons.REASON, "  ")));
        assertTrue(blank.body().contains("\"response_action\":\"errors\""), blank.body());
        assertEquals(ActionState.OPEN, wrapups().action(alices.id()).orElseThrow().state());

        HttpResponse<String> given =
                bot.slack()
                        .interaction(
                                SlackRequests.viewSubmission(
                                        DigestButtons.WONT_DO_FORM,
                                        metadata,
                                        ALICE,
                                        Map.of(
                                                DigestButtons.REASON,
                                                "The new dashboard shows it")));
        assertEquals(200, given.statusCode());
        assertFalse(given.body().contains("errors"), given.body());
        ActionItem wontDo = wrapups().action(alices.id()).orElseThrow();
        assertEquals(ActionState.WONT_DO, wontDo.state());
        assertEquals("The new dashboard shows it", wontDo.wontDoReason());
        fake.await(
                "chat.update",
                c ->
                        ts.equals(c.param("ts"))
                                && c.jsonText("blocks")
                                        .contains("won't do: The new dashboard shows it"));
    }

    /** A click on a digest's button, in the direct message it was posted to. */
    private static JsonObject click(
            String userId,
            String actionId,
            LocalDate weekOf,
            long actionItemId,
            String channelId,
            String ts) {
        JsonObject payload =
                SlackRequests.buttonClick(userId, actionId, weekOf + ":" + actionItemId);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("channel_id", channelId);
        container.addProperty("message_ts", ts);
        payload.add("container", container);
        JsonObject channel = new JsonObject();
        channel.addProperty("id", channelId);
        payload.add("channel", channel);
        return payload;
    }
}
