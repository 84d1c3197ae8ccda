package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.domain.TimelineEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /incident, end to end: signed commands in, Slack Web API calls and stored state out. */
class IncidentCommandsTest extends BotTest {
    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void declareOpensChannelInvitesCallerAndPinsHeader() {
        String answer =
                command("/incident", "declare sev2 Database failover in eu-west", ALICE, GENERAL);
        assertTrue(answer.contains("Declaring *Database failover in eu-west*"), answer);

        FakeSlack.ApiRequest create = fake.await("conversations.create", c -> true);
        assertEquals("inc-" + today() + "-database-failover-in-eu-west", create.param("name"));
        FakeSlack.ApiRequest header =
                fake.await("chat.postMessage", c -> c.param("blocks") != null);
        String channel = header.param("channel");
        assertTrue(channel.startsWith("C"), channel);
        assertTrue(
                header.jsonText("blocks").contains("Database failover in eu-west"),
                header.param("blocks"));
        assertTrue(header.jsonText("blocks").contains("SEV2"), header.param("blocks"));
        assertTrue(header.jsonText("blocks").contains("<@" + ALICE + ">"), header.param("blocks"));
        assertTrue(header.jsonText("blocks").contains("<!date^"), header.param("blocks"));
        fake.await(
                "conversations.invite",
                c -> channel.equals(c.param("channel")) && ALICE.equals(c.param("users")));
        fake.await("pins.add", c -> channel.equals(c.param("channel")));
        fake.await(
                "chat.postMessage",
                c ->
                        GENERAL.equals(c.param("channel"))
                                && c.param("text").contains("declared an incident"));

        Incident incident =
                Poll.value(
                        "incident stored with its header",
                        () ->
                                incidents()
                                        .findByChannel(channel)
                                        .filter(i -> i.headerTs() != null)
                                        .orElse(null),
                        i -> i != null,
                        Duration.ofSeconds(5));
        assertEquals(Severity.SEV2, incident.severity());
        assertEquals(IncidentStatus.INVESTIGATING, incident.status());
        assertEquals(ALICE, incident.commanderId());
        assertEquals("Database failover in eu-west", incident.title());
        assertEquals(ALICE, participants().list(incident.id()).get(0).userId());
        assertEquals(EntryKind.SYSTEM, entries(incident).get(0).kind());
    }

    @Test
    void declareTakesTheNextNameWhenTheChannelNameIsTaken() {
        fake.addChannel("C0TAKEN", "inc-" + today() + "-outage", false);
        fake.addChannel("C0TAKEN2", "inc-" + today() + "-outage-2", false);
        command("/incident", "declare Outage", ALICE, GENERAL);
        fake.await("pins.add", c -> true);
        List<String> names =
                fake.requests("conversations.create").stream().map(c -> c.param("name")).toList();
        assertEquals(
                List.of(
                        "inc-" + today() + "-outage",
                        "inc-" + today() + "-outage-2",
                        "inc-" + today() + "-outage-3"),
                names);
    }

    @Test
    void slackFailuresAreRetriedNotDropped() {
        fake.fail("conversations.create", 500, 1, 0);
        fake.fail("chat.postMessage", 429, 1, 1);
        command("/incident", "declare sev1 Payments down", ALICE, GENERAL);
        FakeSlack.ApiRequest header =
                fake.await(
                        "chat.postMessage",
                        c ->
                                c.param("blocks") != null
                                        && c.jsonText("blocks").contains("Payments down"),
                        Duration.ofSeconds(20));
        fake.await(
                "pins.add",
                c -> header.param("channel").equals(c.param("channel")),
                Duration.ofSeconds(20));
        assertEquals(2, fake.requests("conversations.create").size());
    }

    @Test
    void declareWithoutTitleOpensAModalAndItsSubmissionDeclares() {
        String answer = command("/incident", "declare sev3", ALICE, GENERAL);
        assertTrue(answer.contains("Opening a form"), answer);
        FakeSlack.ApiRequest open = fake.await("views.open", c -> true);
        assertEquals("1.2.trigger", open.param("trigger_id"));
        JsonObject view = JsonParser.parseString(open.param("view")).getAsJsonObject();
        assertEquals("incident_declare", view.get("callback_id").getAsString());
        assertTrue(
                view.toString().contains("\"initial_option\""), "severity preset from the command");

        HttpResponse<String> empty =
                bot.slack().interaction(viewSubmission(view, " ", "sev3", null));
        assertEquals(200, empty.statusCode());
        assertTrue(empty.body().contains("\"response_action\":\"errors\""), empty.body());
        assertTrue(fake.requests("conversations.create").isEmpty());

        HttpResponse<String> submitted =
                bot.slack()
                        .interaction(
                                viewSubmission(
                                        view,
                                        "Checkout errors",
                                        "sev3",
                                        "Customers see 502 at checkout"));
        assertEquals(200, submitted.statusCode());
        fake.await("pins.add", c -> true);
        Incident incident = incidents().all().get(0);
        assertEquals("Checkout errors", incident.title());
        assertEquals(Severity.SEV3, incident.severity());
        assertEquals("Customers see 502 at checkout", incident.description());
    }

    static JsonObject viewSubmission(
            JsonObject view, String title, String severity, String description) {
        JsonObject values = new JsonObject();
        values.add("title", single("title", "plain_text_input", "value", title));
        JsonObject sevValue = new JsonObject();
        sevValue.addProperty("type", "static_select");
        JsonObject option = new JsonObject();
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", severity.toUpperCase());
        option.add("text", text);
        option.addProperty("value", severity);
        sevValue.add("selected_option", option);
        JsonObject sevBlock = new JsonObject();
        sevBlock.add("severity", sevValue);
        values.add("severity", sevBlock);
        values.add("description", single("description", "plain_text_input", "value", description));
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject submittedView = view.deepCopy();
        submittedView.addProperty("id", "V123");
        submittedView.addProperty("team_id", FakeSlack.TEAM_ID);
        submittedView.add("state", state);
        JsonObject payload = SlackRequests.interactionPayload("view_submission", ALICE);
        payload.addProperty("trigger_id", "2.3.trigger");
        payload.add("view", submittedView);
        return payload;
    }

    private static JsonObject single(String actionId, String type, String field, String value) {
        JsonObject v = new JsonObject();
        v.addProperty("type", type);
        if (value != null) {
            v.addProperty(field, value);
        } else {
            v.add(field, JsonNull.INSTANCE);
        }
        JsonObject block = new JsonObject();
        block.add(actionId, v);
        return block;
    }

    @Test
    void declareHereImportsTheLastHourWithPagingAndThreads() {
        fake.addChannel("C0OPS", "ops", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        Instant now = Instant.now();
        fake.addHistory(
                "C0OPS",
                SlackEvents.message(
                        "C0OPS",
                        BOB,
                        "two hours ago, before it started",
                        SlackTs.of(now.minusSeconds(7200))));
        String parent = SlackTs.of(now.minusSeconds(1800));
        JsonObject parentMessage =
                SlackEvents.message("C0OPS", BOB, "error rate is climbing", parent);
        parentMessage.addProperty("thread_ts", parent);
        parentMessage.addProperty("reply_count", 1);
        fake.addHistory("C0OPS", parentMessage);
        fake.addHistory(
                "C0OPS",
                SlackEvents.threadReply(
                        "C0OPS",
                        ALICE,
                        "looking at the LB logs",
                        SlackTs.of(now.minusSeconds(1700)),
                        parent));
        for (int i = 0; i < 205; i++) {
            fake.addHistory(
                    "C0OPS",
                    SlackEvents.message(
                            "C0OPS",
                            i % 2 == 0 ? ALICE : BOB,
                            "update " + i,
                            SlackTs.of(now.minusSeconds(1500 - i))));
        }

        Incident incident = declareHere("C0OPS", "Elevated 5xx");
        Poll.until("the import to finish", () -> entries(incident).size() >= 1 + 1 + 1 + 205);
        List<TimelineEntry> entries = entries(incident);
        assertEquals(
                208,
                entries.size(),
                "declared + parent + reply + 205 updates; nothing older than an hour");
        assertTrue(
                entries.stream()
                        .noneMatch(e -> "two hours ago, before it started".equals(e.text())));
        TimelineEntry reply =
                entries.stream()
                        .filter(e -> "looking at the LB logs".equals(e.text()))
                        .findFirst()
                        .orElseThrow();
        assertEquals(EntryKind.THREAD_REPLY, reply.kind());
        assertEquals(parent, reply.threadTs());
        assertEquals(2, fake.requests("conversations.history").size(), "two pages of 200");
        assertEquals("200", fake.requests("conversations.history").get(1).param("cursor"));
        assertTrue(
                participants().list(incident.id()).stream().anyMatch(p -> p.userId().equals(BOB)));
        fake.await("conversations.join", c -> "C0OPS".equals(c.param("channel")));
    }

    @Test
    void declareHereTwiceIsRefused() {
        declareHere("C0OPS", "First");
        String answer = command("/incident", "declare here Second", ALICE, "C0OPS");
        assertTrue(answer.contains("already has an open incident"), answer);
        assertEquals(1, incidents().all().size());
    }

    @Test
    void statusSeverityCommanderNoteAndResolveAreEntriesAndUpdateTheHeader() {
        Incident incident = declareHere("C0OPS", "Queue backlog");
        String headerTs =
                Poll.value(
                        "header ts",
                        () -> incidents().find(incident.id()).orElseThrow().headerTs(),
                        ts -> ts != null,
                        Duration.ofSeconds(5));
        joins("C0OPS", BOB);

        assertEquals(
                "Status set to *identified*.",
                command("/incident", "status identified", BOB, "C0OPS"));
        fake.await(
                "chat.update",
                c -> headerTs.equals(c.param("ts")) && c.jsonText("blocks").contains("identified"));
        fake.await(
                "chat.postMessage",
                c -> "C0OPS".equals(c.param("channel")) && c.param("text").contains("identified"));

        command("/incident", "sev sev1", BOB, "C0OPS");
        fake.await("chat.update", c -> c.jsonText("blocks").contains("SEV1"));

        String answer = command("/incident", "commander <@" + CAROL + "|carol>", ALICE, "C0OPS");
        assertTrue(answer.contains("<@" + CAROL + "> is now the incident commander"), answer);
        fake.await("conversations.invite", c -> CAROL.equals(c.param("users")));

        command("/incident", "note Rolled back deploy 4812", BOB, "C0OPS");
        command("/incident", "resolve Backlog drained after the rollback", CAROL, "C0OPS");
        fake.await(
                "chat.update",
                c ->
                        c.jsonText("blocks").contains("resolved")
                                && c.jsonText("blocks").contains("Backlog drained"));

        Incident now = incidents().find(incident.id()).orElseThrow();
        assertEquals(IncidentStatus.RESOLVED, now.status());
        assertEquals(Severity.SEV1, now.severity());
        assertEquals(CAROL, now.commanderId());
        assertNotNull(now.resolvedAt());
        assertEquals("Backlog drained after the rollback", now.summary());
        List<EntryKind> kinds = entries(incident).stream().map(TimelineEntry::kind).toList();
        assertEquals(
                List.of(
                        EntryKind.SYSTEM,
                        EntryKind.STATUS,
                        EntryKind.SEVERITY,
                        EntryKind.COMMANDER,
                        EntryKind.NOTE,
                        EntryKind.STATUS),
                kinds);
        TimelineEntry note = entries(incident).get(4);
        assertTrue(note.keyMoment());
        assertEquals(BOB, note.authorId());
        assertTrue(command("/incident", "resolve", CAROL, "C0OPS").contains("already resolved"));
    }

    @Test
    void badArgumentsGetAnExplanationAndTheUsage() {
        declareHere("C0OPS", "Flaky DNS");
        String sev = command("/incident", "sev sev9", ALICE, "C0OPS");
        assertTrue(sev.startsWith("`sev9` is not a severity"), sev);
        assertTrue(sev.contains("/incident declare"), sev);
        String status = command("/incident", "status fixed", ALICE, "C0OPS");
        assertTrue(status.startsWith("`fixed` is not a status"), status);
        String commander = command("/incident", "commander bob", ALICE, "C0OPS");
        assertTrue(commander.startsWith("Mention the new commander with @"), commander);
        String note = command("/incident", "note", ALICE, "C0OPS");
        assertTrue(note.startsWith("What should the note say?"), note);
        assertEquals(
                1,
                entries(incidents().findByChannel("C0OPS").orElseThrow()).size(),
                "nothing changed");
    }

    @Test
    void commandsOutsideAnIncidentSayHowToDeclareOne() {
        for (String text :
                List.of(
                        "status identified",
                        "sev sev2",
                        "note hello",
                        "resolve",
                        "timeline",
                        "commander <@U0BOB>")) {
            String answer = command("/incident", text, ALICE, GENERAL);
            assertTrue(
                    answer.startsWith("There is no incident in this channel"),
                    text + ": " + answer);
        }
        assertTrue(incidents().all().isEmpty());
    }

    @Test
    void timelineCommandSummarisesAndLinksToTheWebPage() {
        Incident incident = declareHere("C0OPS", "Cache stampede");
        String ts = fake.nextTs();
        event(
                SlackEvents.message(
                        "C0OPS",
                        BOB,
                        "hit ratio <b>dropped</b> to 3% <https://grafana.example/d/1|dash>",
                        ts));
        entry("C0OPS", ts);
        command("/incident", "note Cache warmed manually", ALICE, "C0OPS");
        String answer = command("/incident", "timeline", BOB, "C0OPS");
        assertTrue(answer.contains("3 timeline entries, 1 key moment"), answer);
        assertTrue(answer.contains("Cache warmed manually"), answer);
        assertFalse(answer.contains("web page"), "sign-in is off, so are the pages: " + answer);
        fake.await(
                "chat.postMessage",
                c ->
                        c.jsonText("blocks")
                                .contains(
                                        "Everything said in this channel is recorded. "
                                                + "`/incident help` lists what you can do."));
        String key = incidents().find(incident.id()).orElseThrow().webKey();
        for (String path :
                List.of("/incidents/" + key, "/incidents/" + key + ".md", "/incidents/1", "/")) {
            assertEquals(404, bot.get(path).statusCode(), path);
        }

        restartWith(TestBot.signInEnv(fake));
        String linked = command("/incident", "timeline", BOB, "C0OPS");
        assertTrue(
                linked.contains("/incidents/" + incident.id() + "|web page>"),
                "the page is linked by the incident's number: " + linked);
        assertEquals(
                302,
                bot.get("/incidents/" + key).statusCode(),
                "the old link is no way around signing in");
        command("/incident", "status monitoring", ALICE, "C0OPS");
        fake.await(
                "chat.update",
                c ->
                        c.jsonText("blocks")
                                .contains(
                                        "recorded on the <"
                                                + bot.wrapup().config().publicUrl()
                                                + "/incidents/"
                                                + incident.id()
                                                + "|timeline>"));
    }

    @Test
    void privateChannelsWorkTheSame() {
        Incident incident = declareHere("G0SECRET", "Credential leak");
        String ts = fake.nextTs();
        event(SlackEvents.message("G0SECRET", BOB, "rotated the keys", ts));
        assertEquals("rotated the keys", entry("G0SECRET", ts).text());
        command("/incident", "status monitoring", ALICE, "G0SECRET");
        assertEquals(
                IncidentStatus.MONITORING, incidents().find(incident.id()).orElseThrow().status());
        assertNull(incidents().findByChannel(GENERAL).orElse(null));
    }

    @Test
    void answersToCommandsAreEphemeral() {
        HttpResponse<String> response = bot.slack().command("/incident", "help", ALICE, GENERAL);
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertTrue(
                !body.has("response_type")
                        || "ephemeral".equals(body.get("response_type").getAsString()),
                response.body());
        assertFalse(SlackRequests.text(response).isEmpty());
    }
}
