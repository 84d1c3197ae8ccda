package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Outbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slack answering every Web API call with 429: every command, button and form is still answered,
 * what each promised is kept, and a declaration made meanwhile is carried out exactly once after a
 * restart, when Slack is back.
 */
class RateLimitedSlackTest extends BotTest {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Override
    protected Map<String, String> env() {
        return Map.of(
                "WRAPUP_ANALYSIS_DELAY",
                "PT1H",
                "WRAPUP_WORKING_HOURS",
                "MON-SUN 00:00-24:00",
                "WRAPUP_LEARNINGS_CHANNEL",
                "C0LEARN",
                "WRAPUP_ANNOUNCE_CHANNEL",
                "C0ANNOUNCE");
    }

    private void answered(
            String command, String text, String user, String channel, String expected) {
        String answer = command(command, text, user, channel);
        assertTrue(answer.contains(expected), command + " " + text + " answered: " + answer);
    }

    private void interaction(JsonObject payload) {
        HttpResponse<String> response = bot.slack().interaction(payload);
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("errors"), response.body());
    }

    @Test
    void everyCommandButtonAndFormIsAnsweredWhileSlackAnswersEverything429() {
        // Before the storm: an incident to run, one resolved with its call planned, a window to
        // run.
        Incident running = declareHere("C0OPS", "Queue backlog");
        Incident resolved = declareHere("C0CALL", "Checkout latency");
        command("/incident", "resolve Flag rolled back", ALICE, "C0CALL");
        fake.await("upload", c -> c.param("content").contains("BEGIN:VCALENDAR"));
        fake.addChannel("C0MAINT", "db-upgrade", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        fake.addChannel("C0HERE", "ops-here", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        fake.addChannel("C0START", "launch", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        joins("C0OPS", BOB);
        outboxDrained();

        fake.rateLimitEverything(30);
        int callsBefore = fake.requests().size();
        int carriedOutBefore = fake.succeeded().size();

        answered(
                "/incident",
                "declare sev2 Payments down",
                ALICE,
                GENERAL,
                "Declaring *Payments down*");
        answered(
                "/incident",
                "declare here sev3 Login errors",
                ALICE,
                "C0HERE",
                "now the incident channel");
        answered("/incident", "declare sev3", ALICE, GENERAL, "Opening a form");
        answered("/incident", "status identified", BOB, "C0OPS", "Status set to *identified*");
        answered("/incident", "sev sev1", BOB, "C0OPS", "Severity set to *SEV1*");
        answered(
                "/incident",
                "commander <@" + CAROL + ">",
                ALICE,
                "C0OPS",
                "is now the incident commander");
        answered("/incident", "note Consumers restarted", BOB, "C0OPS", "Noted as a key moment");
        answered("/incident", "timeline", BOB, "C0OPS", "timeline entries");
        answered("/incident", "resolve Drained", CAROL, "C0OPS", "Resolved.");
        answered("/incident", "status investigating", CAROL, "C0OPS", "Reopened the incident");

        answered(
                "/wrapup",
                "well Fast rollback",
                BOB,
                "C0CALL",
                "your comment on *what went well* is recorded");
        answered("/wrapup", "status", BOB, "C0CALL", "Wrap-up of Checkout latency");
        answered(
                "/wrapup",
                "facilitator <@" + BOB + ">",
                ALICE,
                "C0CALL",
                "will facilitate the wrap-up");
        LocalDate later = LocalDate.now(ZoneOffset.UTC).plusMonths(2);
        answered(
                "/wrapup",
                "schedule " + later + " 10:00 Europe/Berlin",
                BOB,
                "C0CALL",
                "Moved the analysis call");
        answered(
                "/wrapup",
                "schedule " + later.plusDays(1) + " 10:00",
                BOB,
                "C0CALL",
                "Moved the analysis call");
        answered(
                "/wrapup",
                "action <@"
                        + BOB
                        + "> Cap retries due "
                        + LocalDate.now(ZoneOffset.UTC).plusDays(3),
                ALICE,
                "C0CALL",
                "Action item 1 (fix) recorded");
        answered("/wrapup", "action done 1", BOB, "C0CALL", "Closed action item 1.");
        answered("/wrapup", "publish", ALICE, "C0CALL", "Publishing the wrap-up");
        answered(
                "/wrapup",
                "start Black Friday went smoothly",
                ALICE,
                "C0START",
                "Started the wrap-up");

        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        answered(
                "/maintenance",
                "plan Swap disks from "
                        + MINUTE.format(start)
                        + " to "
                        + MINUTE.format(start.plus(Duration.ofHours(1)))
                        + " UTC",
                ALICE,
                "C0MAINT",
                "Planned *Swap disks*");
        answered(
                "/maintenance",
                "step <@" + BOB + "> Drain the node",
                ALICE,
                "C0MAINT",
                "Step 1 added");
        answered("/maintenance", "step <@" + BOB + "> Swap", ALICE, "C0MAINT", "Step 2 added");
        answered("/maintenance", "begin", ALICE, "C0MAINT", "The window has begun");
        joins("C0MAINT", BOB);
        answered("/maintenance", "done 1", BOB, "C0MAINT", "Step 1 is done.");
        answered(
                "/maintenance",
                "failed 2 wrong disk size",
                BOB,
                "C0MAINT",
                "Step 2 is marked failed.");
        answered(
                "/maintenance", "impact none really", BOB, "C0MAINT", "Production impact recorded");
        answered("/maintenance", "end", ALICE, "C0MAINT", "Ended.");

        interaction(
                IncidentCommandsTest.viewSubmission(
                        declareForm(), "Checkout errors", "sev3", null));
        interaction(
                SlackRequests.buttonClick(
                        BOB, CommentModal.OPEN_ACTION, Long.toString(resolved.id())));
        interaction(
                WrapupTest.submission(
                        commentForm(resolved), BOB, Map.of("wrong", "The alert was late")));

        // Slack was asked meanwhile, and refused it all.
        assertTrue(fake.requests().size() > callsBefore, "Slack was asked meanwhile");
        assertEquals(carriedOutBefore, fake.succeeded().size(), "and refused it all");
        // What they promised waits in the database.
        List<Outbox.Item> waiting = new Outbox(bot.wrapup().database()).pending();
        assertTrue(waiting.stream().anyMatch(i -> i.kind().equals("declare")), "the new channel");
        assertTrue(
                waiting.stream()
                        .anyMatch(i -> i.kind().equals("join") && i.channelId().equals("C0HERE")),
                "joining the channel declared here");
        assertTrue(
                waiting.stream()
                        .anyMatch(
                                i ->
                                        "C0OPS".equals(i.channelId())
                                                && i.text() != null
                                                && i.text().contains("Resolved by")),
                "the resolve's line");
        assertTrue(
                waiting.stream()
                        .anyMatch(
                                i ->
                                        BOB.equals(i.channelId())
                                                && i.text() != null
                                                && i.text().contains("gave you an action item")),
                "the action item's DM");
        assertTrue(
                waiting.stream()
                        .filter(i -> "C0CALL".equals(i.channelId()))
                        .anyMatch(i -> i.kind().equals("call-announcement")),
                "the moved call's announcement");
        assertTrue(
                waiting.stream()
                        .anyMatch(
                                i ->
                                        i.kind().equals("incident-header")
                                                && i.subjectId() == running.id()),
                "the header update");
    }

    @Test
    void aDeclarationAcknowledgedWhileSlackIsRateLimitedIsCarriedOutOnceAfterARestart() {
        // Everything but the token check a starting bot makes, which is not what this is about.
        command("/incident", "help", ALICE, GENERAL);
        fake.rateLimit(c -> !c.method().equals("auth.test"), 1);
        String answer = command("/incident", "declare sev2 Payments are down", ALICE, GENERAL);
        assertTrue(answer.contains("Declaring *Payments are down*"), answer);
        fake.await("conversations.create", c -> true); // tried, and refused
        Map<String, String> env = TestBot.env(fake, dataDir);
        env.putAll(env());
        bot.close();
        restart(env);
        fake.recover();

        FakeSlack.ApiRequest notice =
                fake.await(
                        "chat.postMessage",
                        c ->
                                GENERAL.equals(c.param("channel"))
                                        && fake.succeeded("chat.postMessage").contains(c),
                        Duration.ofSeconds(20));
        assertTrue(
                notice.param("text").contains("declared an incident: *Payments are down*"),
                notice.param("text"));
        FakeSlack.ApiRequest pin =
                fake.await(
                        "pins.add",
                        c -> fake.succeeded("pins.add").contains(c),
                        Duration.ofSeconds(20));
        outboxDrained();

        List<FakeSlack.ApiRequest> created = fake.succeeded("conversations.create");
        assertEquals(1, created.size(), "one channel");
        String channel = incidents().all().get(0).channelId();
        assertEquals(1, incidents().all().size());
        List<FakeSlack.ApiRequest> headers =
                fake.succeeded("chat.postMessage").stream()
                        .filter(
                                c ->
                                        channel.equals(c.param("channel"))
                                                && c.param("blocks") != null)
                        .toList();
        assertEquals(1, headers.size(), "one header");
        assertEquals(channel, pin.param("channel"));
        assertEquals(incidents().all().get(0).headerTs(), pin.param("timestamp"));
        assertEquals(1, fake.succeeded("pins.add").size());
        assertEquals(
                1,
                fake.succeeded("chat.postMessage").stream()
                        .filter(c -> GENERAL.equals(c.param("channel")))
                        .count(),
                "one reply where it was declared");
        assertTrue(fake.members(channel).contains(ALICE), "the caller was invited");
    }

    /** The declare form as the bot opened it, for a submission. */
    private JsonObject declareForm() {
        JsonObject view = new JsonObject();
        view.addProperty("type", "modal");
        view.addProperty("callback_id", "incident_declare");
        view.addProperty("private_metadata", "{\"channel\":\"" + GENERAL + "\",\"here\":false}");
        view.add("blocks", new JsonArray());
        return view;
    }

    private JsonObject commentForm(Incident incident) {
        JsonObject view = new JsonObject();
        view.addProperty("type", "modal");
        view.addProperty("callback_id", "wrapup_comments");
        view.addProperty("private_metadata", Long.toString(incident.id()));
        view.add("blocks", new JsonArray());
        return view;
    }
}
