package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.bot.wrapup.ActionItems;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.bot.wrapup.CommentPrompts;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wrap-up end to end: comments, reminders, nudges, action items, publishing, App Home. */
class WrapupTest extends BotTest {
    static final String OPS = "C0OPS";
    static final String LEARN = "C0LEARN";

    @Override
    protected Map<String, String> env() {
        return Map.of(
                "WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00", "WRAPUP_LEARNINGS_CHANNEL", LEARN);
    }

    private WrapUps wrapups() {
        return new WrapUps(bot.wrapup().database());
    }

    /**
     * Alice declares, Bob and Carol talk, Alice resolves, the call's time comes; returns once it
     * has started.
     */
    private Incident callStarted() {
        fake.addChannel(LEARN, "learnings", false, FakeSlack.BOT_USER_ID);
        Incident incident = declareHere(OPS, "Queue backlog");
        event(SlackEvents.message(OPS, BOB, "consumers are stuck", fake.nextTs()));
        event(SlackEvents.message(OPS, CAROL, "restarting them", fake.nextTs()));
        command("/incident", "resolve Consumers restarted", ALICE, OPS);
        bot.runWhenDue(AnalysisCallService.TASK, incident.id());
        fake.await(
                "chat.postMessage",
                c -> c.param("text") != null && c.param("text").contains("starts now"));
        return incident;
    }

    @Test
    void commentsBySlashCommandAreKeptAsWrittenAndTheLastOneIsAnnounced() {
        Incident incident = declareHere(OPS, "Queue backlog");
        event(SlackEvents.message(OPS, BOB, "consumers are stuck", fake.nextTs()));
        String text = "Rollback took *2 min* :rocket: — 日本語もOK <https://runbook.example|runbook>";
        String answer = command("/wrapup", "well " + text, ALICE, OPS);
        assertTrue(answer.startsWith("Thanks, your comment on *what went well*"), answer);
        assertEquals(text, wrapups().comments(incident.id()).get(0).text());
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("Everyone has given")),
                "no public line until the last one");

        command("/wrapup", "better Alert on consumer lag", BOB, OPS);
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("Everyone has given their comment"));
        assertEquals(
                List.of(AgendaItem.WELL, AgendaItem.BETTER),
                wrapups().comments(incident.id()).stream().map(WrapUpComment::item).toList());
        // A later comment is recorded but not announced again: what it would announce is
        // queued before the command answers, so once the queue is empty the count is final.
        command("/wrapup", "wrong I missed the alert", BOB, OPS);
        outboxDrained();
        assertEquals(
                1,
                fake.requests("chat.postMessage").stream()
                        .filter(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("Everyone has given"))
                        .count(),
                "announced once");

        String empty = command("/wrapup", "wrong", ALICE, OPS);
        assertTrue(empty.startsWith("What is your comment? `/wrapup wrong <text>`"), empty);
        assertTrue(
                command("/wrapup", "well hi", ALICE, GENERAL)
                        .startsWith("There is nothing to wrap up"));
    }

    @Test
    void theCallStartsThroughASlackOutageAndARestart() {
        Incident incident = declareHere(OPS, "Queue backlog");
        event(SlackEvents.message(OPS, BOB, "consumers are stuck", fake.nextTs()));
        command("/incident", "resolve Consumers restarted", ALICE, OPS);
        fake.await(
                "chat.postMessage",
                c -> c.param("text") != null && c.param("text").contains("*Analysis call:*"));
        // From here until told otherwise, Slack refuses every post and asks us to wait a second.
        fake.fail("chat.postMessage", 429, 10_000, 1);
        bot.runWhenDue(AnalysisCallService.TASK, incident.id());
        Outbox outbox = new Outbox(bot.wrapup().database());
        long queued =
                Poll.value(
                                "the call's message queued",
                                outbox::next,
                                m -> m.isPresent() && "call-started".equals(m.get().topic()),
                                Duration.ofSeconds(20))
                        .get()
                        .id();
        // More refusals than the quick retries of a direct call would have taken.
        Poll.until(
                "six refused attempts",
                () -> outbox.find(queued).get().attempts() >= 6,
                Duration.ofSeconds(30));
        assertTrue(outbox.find(queued).get().postedAt() == null);

        restartWith(Map.of()); // the bot goes down with the message still to post
        fake.fail("chat.postMessage", 429, 0, 0); // and Slack is back
        Outbox afterRestart = new Outbox(bot.wrapup().database());
        Poll.until(
                "the call's message posted",
                () -> afterRestart.find(queued).get().postedAt() != null,
                Duration.ofSeconds(20));
        AnalysisCalls calls = new AnalysisCalls(bot.wrapup().database());
        assertEquals(
                afterRestart.find(queued).get().postedTs(),
                calls.find(incident.id()).get().callTs());
        List<FakeSlack.ApiRequest> tries =
                fake.requests("chat.postMessage").stream()
                        .filter(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("starts now"))
                        .toList();
        assertTrue(tries.size() >= 7, "refused six times or more, then posted: " + tries.size());
        // The prompts queued behind it follow it, in order.
        fake.await(
                "chat.postMessage",
                c ->
                        BOB.equals(c.param("channel"))
                                && c.jsonText("blocks").contains("wrapup_comment_open"));
        outboxDrained();
    }

    @Test
    void someoneWhoWasNotAParticipantCommentsAndCountsAsOne() {
        Incident incident = declareHere(OPS, "Queue backlog");
        command("/wrapup", "wrong The dashboard was stale", "U0DAVE", OPS);
        assertTrue(
                participants().list(incident.id()).stream()
                        .anyMatch(
                                p ->
                                        p.userId().equals("U0DAVE")
                                                && p.joinedBy().equals("commented")));
    }

    @Test
    void aBotInTheChannelIsNeitherCountedNorMissingAComment() {
        String alerts = "U0ALERTS";
        fake.addUser(new FakeSlack.User(alerts, "alerts", "Alerts", "UTC", 0, true));
        Incident incident = declareHere(OPS, "Queue backlog");
        joins(OPS, alerts);
        Users users = new Users(bot.wrapup().database());
        Poll.until("Slack to say " + alerts + " is a bot", () -> users.find(alerts).isPresent());

        command("/wrapup", "well Quick detection", ALICE, OPS);
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("Everyone has given their comment"));
        String status = command("/wrapup", "status", ALICE, OPS);
        assertTrue(status.contains("Not yet (0): everyone has commented"), status);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(
                0,
                Main.run(
                        new String[] {"export", Long.toString(incident.id()), "--format", "md"},
                        Map.of("WRAPUP_DB_URL", bot.wrapup().config().database().url()),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err));
        String md = out.toString(StandardCharsets.UTF_8);
        assertTrue(md.contains("1 of 1 participants commented.\n"), md);
    }

    @Test
    void theCallPromptsEveryoneByDmAndTheModalRecordsTheirComments() {
        Incident incident = callStarted();
        FakeSlack.ApiRequest dm =
                fake.await(
                        "chat.postMessage",
                        c ->
                                BOB.equals(c.param("channel"))
                                        && c.jsonText("blocks").contains("wrapup_comment_open"));
        assertTrue(
                dm.jsonText("blocks").contains(AgendaItem.BETTER.question()),
                dm.jsonText("blocks"));

        HttpResponse<String> click =
                bot.slack()
                        .interaction(
                                SlackRequests.buttonClick(
                                        BOB,
                                        CommentModal.OPEN_ACTION,
                                        Long.toString(incident.id())));
        assertEquals(200, click.statusCode());
        FakeSlack.ApiRequest open =
                fake.await("views.open", c -> c.param("view").contains("wrapup_comments"));
        JsonObject view = JsonParser.parseString(open.param("view")).getAsJsonObject();

        HttpResponse<String> none = bot.slack().interaction(submission(view, BOB, Map.of()));
        assertTrue(none.body().contains("\"response_action\":\"errors\""), none.body());
        assertTrue(none.body().contains("at least one"), none.body());

        HttpResponse<String> sent =
                bot.slack()
                        .interaction(
                                submission(
                                        view,
                                        BOB,
                                        Map.of(
                                                "well",
                                                "Paging worked",
                                                "better",
                                                "Document the restart")));
        assertEquals(200, sent.statusCode());
        assertFalse(sent.body().contains("errors"), sent.body());
        List<WrapUpComment> comments = wrapups().comments(incident.id());
        assertEquals(2, comments.size());
        assertTrue(
                comments.stream()
                        .allMatch(c -> c.userId().equals(BOB) && c.source().equals("modal")));
    }

    @Test
    void statusListsWhoHasCommentedAndTheReminderChasesTheRestOnce() {
        Incident incident = callStarted();
        command("/wrapup", "well Quick detection", ALICE, OPS);
        String status = command("/wrapup", "status", ALICE, OPS);
        assertTrue(status.contains("Commented (1): <@" + ALICE + ">"), status);
        assertTrue(status.contains("Not yet (2): <@" + BOB + "> <@" + CAROL + ">"), status);
        assertTrue(status.contains("Analysis call started <!date^"), status);

        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("Still no comment")),
                "no reminder before its time");
        // The default reminder delay, two hours after the call started; the scheduler keeps
        // its times to the millisecond.
        Instant called =
                new AnalysisCalls(bot.wrapup().database())
                        .find(incident.id())
                        .orElseThrow()
                        .startedAt()
                        .truncatedTo(ChronoUnit.MILLIS);
        Instant reminded = bot.runWhenDue(CommentPrompts.REMINDER_TASK, incident.id());
        assertFalse(
                reminded.isBefore(called.plus(Duration.ofHours(2))),
                reminded + " after the call at " + called);
        assertTrue(
                reminded.isBefore(called.plus(Duration.ofHours(2)).plusSeconds(60)),
                reminded + " vs " + called);
        FakeSlack.ApiRequest toFacilitator =
                fake.await(
                        "chat.postMessage",
                        c ->
                                ALICE.equals(c.param("channel"))
                                        && c.param("text") != null
                                        && c.param("text").contains("Still no comment"));
        assertTrue(
                toFacilitator.param("text").contains("<@" + BOB + ">, <@" + CAROL + ">"),
                toFacilitator.param("text"));
        for (String who : new String[] {BOB, CAROL}) {
            fake.await(
                    "chat.postMessage",
                    c ->
                            who.equals(c.param("channel"))
                                    && c.jsonText("blocks").contains("A gentle reminder"));
        }
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(
                                c ->
                                        ALICE.equals(c.param("channel"))
                                                && c.jsonText("blocks")
                                                        .contains("A gentle reminder")),
                "no reminder to those who answered");
        assertEquals(1, wrapups().comments(incident.id()).size());
    }

    @Test
    void blamingLanguageGetsAPrivateNudgeAndIsStillRecorded() {
        Incident incident = declareHere(OPS, "Bad deploy");
        String ts = fake.nextTs();
        String text = "honestly it was <@" + BOB + "|bob>'s fault, he should have known";
        event(SlackEvents.message(OPS, CAROL, text, ts));
        FakeSlack.ApiRequest nudge =
                fake.await("chat.postEphemeral", c -> CAROL.equals(c.param("user")));
        assertEquals(OPS, nudge.param("channel"));
        assertTrue(
                nudge.param("text").contains("What made this easy to get wrong?"),
                nudge.param("text"));
        assertEquals(text, entry(OPS, ts).text(), "recorded unchanged");

        command("/wrapup", "wrong Human error during the deploy", ALICE, OPS);
        fake.await(
                "chat.postEphemeral",
                c ->
                        ALICE.equals(c.param("user"))
                                && c.param("text").toLowerCase().contains("human error"));
        joins(OPS, BOB);
        command("/incident", "note the deployer was careless", BOB, OPS);
        fake.await(
                "chat.postEphemeral",
                c -> BOB.equals(c.param("user")) && c.param("text").contains("careless"));

        event(
                SlackEvents.message(
                        OPS,
                        CAROL,
                        "fault tolerance kicked in, error rate is back to 0.1%",
                        fake.nextTs()));
        command("/wrapup", "better add a canary stage", CAROL, OPS);
        assertEquals(
                1,
                fake.requests("chat.postEphemeral").stream()
                        .filter(c -> CAROL.equals(c.param("user")))
                        .count(),
                "ordinary incident talk is not nudged");
        assertEquals(
                "Human error during the deploy", wrapups().comments(incident.id()).get(0).text());
    }

    @Test
    void actionItemsAreNumberedDmedRemindedOnTheDueDateAndClosed() {
        Incident incident = declareHere(OPS, "Disk full");
        event(SlackEvents.message(OPS, BOB, "the disk filled up overnight", fake.nextTs()));
        Poll.until(
                "Bob's timezone known",
                () -> new Users(bot.wrapup().database()).find(BOB).isPresent());
        LocalDate due = LocalDate.now(clock).plusDays(2);
        String answer =
                command(
                        "/wrapup",
                        "action <@" + BOB + "|bob> Alert at 80% disk due " + due,
                        ALICE,
                        OPS);
        assertTrue(
                answer.startsWith("Action item 1 (fix) recorded for <@" + BOB + ">, due " + due),
                answer);
        fake.await(
                "chat.postMessage",
                c ->
                        BOB.equals(c.param("channel"))
                                && c.param("text").contains("gave you an action item"));
        // The reminder goes out at 9:00 on the due date where Bob is (Los Angeles), not before.
        long item = wrapups().actions(incident.id()).get(0).id();
        Instant nineThere = due.atTime(9, 0).atZone(ZoneId.of("America/Los_Angeles")).toInstant();
        clock.advanceTo(nineThere.minusSeconds(1));
        assertEquals(0, bot.runDueTasks());
        assertEquals(nineThere, bot.runWhenDue(ActionItems.ACTION_DUE_TASK, item));
        fake.await(
                "chat.postMessage",
                c -> BOB.equals(c.param("channel")) && c.param("text").contains("is due today"));

        command("/wrapup", "action <@" + CAROL + "> Add a runbook link to the alert", ALICE, OPS);
        assertEquals(2, wrapups().actions(incident.id()).get(1).number());
        assertEquals("Closed action item 1.", command("/wrapup", "action done 1", BOB, OPS));
        assertTrue(command("/wrapup", "action done 1", BOB, OPS).contains("already done"));
        assertTrue(command("/wrapup", "action done 9", BOB, OPS).contains("no action item 9"));
        assertTrue(
                command("/wrapup", "action bob fix it", BOB, OPS)
                        .startsWith("An action item needs an owner"));
        assertTrue(
                command("/wrapup", "action <@" + BOB + "> fix it due someday", BOB, OPS)
                        .startsWith("`someday` is not a due date"));
        assertTrue(wrapups().actions(incident.id()).get(0).done());
    }

    @Test
    void publishingPostsToTheLearningsChannelNeutralisesBroadcastsAndUpdatesOnRepublish() {
        Incident incident = callStarted();
        command(
                "/wrapup",
                "well <!channel> <!here|here> the <!subteam^S0ONCALL|@oncall> team was great",
                BOB,
                OPS);
        command("/wrapup", "wrong the retry storm", CAROL, OPS);
        command("/wrapup", "action <@" + CAROL + "> Cap retries", ALICE, OPS);

        String refused = command("/wrapup", "publish", BOB, OPS);
        assertEquals(
                "Only the commander, who also facilitates (<@"
                        + ALICE
                        + ">) or a Wrapup admin can publish "
                        + "this wrap-up.",
                refused);
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(c -> LEARN.equals(c.param("channel"))));

        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ALICE, OPS));
        FakeSlack.ApiRequest summary =
                fake.await("chat.postMessage", c -> LEARN.equals(c.param("channel")));
        String blocks = summary.jsonText("blocks");
        assertTrue(blocks.contains("Queue backlog"), blocks);
        assertTrue(blocks.contains("Cap retries"), blocks);
        assertFalse(
                blocks.contains("<!channel>")
                        || blocks.contains("<!here")
                        || blocks.contains("<!subteam"),
                blocks);
        assertTrue(blocks.contains("@\\u200bchannel") || blocks.contains("@\u200Bchannel"), blocks);
        FakeSlack.ApiRequest file =
                fake.await("upload", c -> c.param("content").contains("# Wrap-up: Queue backlog"));
        String md = file.param("content");
        assertFalse(md.contains("<!channel>"), md);
        assertTrue(md.contains("## What went wrong\n\n- the retry storm — _Carol_"), md);
        assertTrue(md.contains("No comment from: Alice"), md);
        FakeSlack.ApiRequest complete =
                fake.await(
                        "files.completeUploadExternal", c -> LEARN.equals(c.param("channel_id")));
        assertEquals(
                summary.param("ts") == null
                        ? complete.param("thread_ts")
                        : complete.param("thread_ts"),
                complete.param("thread_ts"));
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text")
                                        .contains("published the wrap-up in <#" + LEARN + ">"));

        // `export --format md` prints the same report; kept in target/ as an example.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(
                0,
                Main.run(
                        new String[] {"export", OPS, "--format", "md"},
                        Map.of("WRAPUP_DB_URL", bot.wrapup().config().database().url()),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err));
        String exported = out.toString(StandardCharsets.UTF_8);
        assertEquals(md, SlackText.neutraliseBroadcasts(exported));
        try {
            Files.writeString(Path.of("target", "example-wrapup-report.md"), exported);
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        command("/wrapup", "better Add jitter to retries", ALICE, OPS);
        command("/wrapup", "publish", ALICE, OPS);
        FakeSlack.ApiRequest update =
                fake.await("chat.update", c -> LEARN.equals(c.param("channel")));
        assertTrue(update.jsonText("blocks").contains("Add jitter"), update.jsonText("blocks"));
        fake.await("files.delete", c -> true);
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("updated the wrap-up"));
        assertEquals(
                1,
                fake.requests("chat.postMessage").stream()
                        .filter(c -> LEARN.equals(c.param("channel")))
                        .count(),
                "publishing again updates, it does not post twice");
        assertEquals(
                incident.id(), wrapups().publication(incident.id()).orElseThrow().incidentId());
    }

    @Test
    void appHomeShowsWhatTheViewerHasOnTheirPlate() {
        Incident open = declareHere("C0OPEN", "Still burning");
        event(SlackEvents.message("C0OPEN", BOB, "looking", fake.nextTs()));
        Incident incident = callStarted();
        command("/wrapup", "action <@" + BOB + "> Tune the consumer timeout", ALICE, OPS);
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", BOB);
        event.addProperty("channel", "D0BOB");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", fake.nextTs());
        event(event);
        FakeSlack.ApiRequest publish =
                fake.await("views.publish", c -> BOB.equals(c.param("user_id")));
        String view = publish.jsonText("view");
        assertTrue(view.contains("\"type\":\"home\""), view);
        assertTrue(
                section(publish, "Open incidents").contains("Still burning"),
                "open incident Bob is in: " + view);
        assertTrue(
                section(publish, "Open incidents").contains("_commander <@" + ALICE + ">_"),
                "the roles: " + view);
        assertFalse(
                section(publish, "Open incidents").contains("web page"),
                "no link while sign-in is off: " + view);
        assertTrue(section(publish, "Your wrap-ups").contains("Queue backlog"), view);
        assertTrue(
                section(publish, "Your wrap-ups")
                        .contains("`/wrapup well|wrong|better <text>` in <#" + OPS + ">"),
                "how to give the owed comment: " + view);
        assertEquals(
                "*Your open action items*\n• 1. Tune the consumer timeout (<#" + OPS + ">)\n",
                section(publish, "Your open action items"));
        assertTrue(open.id() != incident.id());

        // Once Bob has commented, the wrap-up no longer waits for him.
        command("/wrapup", "well the rollback was quick", BOB, OPS);
        event.addProperty("event_ts", fake.nextTs());
        event(event);
        FakeSlack.ApiRequest again =
                Poll.value(
                                "a second Home tab",
                                () -> fake.requests("views.publish"),
                                calls -> calls.size() == 2,
                                Duration.ofSeconds(10))
                        .get(1);
        assertFalse(
                section(again, "Your wrap-ups").contains("wrong|better"), again.jsonText("view"));
        assertTrue(
                section(again, "Your wrap-ups").contains("you commented"), again.jsonText("view"));

        // With sign-in on, each open incident links to its page.
        restartWith(TestBot.signInEnv(fake));
        event.addProperty("event_ts", fake.nextTs());
        event(event);
        FakeSlack.ApiRequest linked =
                Poll.value(
                                "a Home tab with links",
                                () -> fake.requests("views.publish"),
                                calls -> calls.size() == 3,
                                Duration.ofSeconds(10))
                        .get(2);
        assertTrue(
                section(linked, "Open incidents")
                        .contains("/incidents/" + open.id() + "|web page>"),
                section(linked, "Open incidents"));
    }

    /** The text of the Home tab's section that starts with the title. */
    private static String section(FakeSlack.ApiRequest publish, String title) {
        for (var block : publish.json("view").getAsJsonObject().getAsJsonArray("blocks")) {
            JsonObject text = block.getAsJsonObject().getAsJsonObject("text");
            if (text != null && text.get("text").getAsString().startsWith("*" + title + "*")) {
                return text.get("text").getAsString();
            }
        }
        throw new AssertionError("no section " + title + " in " + publish.jsonText("view"));
    }

    @Test
    void startWrapsUpSomethingThatWasNotAnIncidentWithTheChannelsMembers() {
        String answer = command("/wrapup", "start Black Friday went smoothly", CAROL, GENERAL);
        assertTrue(
                answer.startsWith("Started the wrap-up of *Black Friday went smoothly*"), answer);
        Incident wrapup = incidents().findByChannel(GENERAL).orElseThrow();
        Poll.until(
                "members became participants", () -> participants().list(wrapup.id()).size() == 3);
        fake.await(
                "chat.postMessage",
                c ->
                        GENERAL.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("*Analysis call:*"));
        assertTrue(
                command("/wrapup", "start Again", CAROL, GENERAL).contains("already has an open"));
        assertTrue(
                command("/wrapup", "start", CAROL, GENERAL).startsWith("What are we wrapping up?"));
    }

    static JsonObject submission(JsonObject view, String userId, Map<String, String> answers) {
        JsonObject values = new JsonObject();
        for (String item : new String[] {"well", "wrong", "better"}) {
            JsonObject v = new JsonObject();
            v.addProperty("type", "plain_text_input");
            if (answers.containsKey(item)) {
                v.addProperty("value", answers.get(item));
            } else {
                v.add("value", JsonNull.INSTANCE);
            }
            JsonObject block = new JsonObject();
            block.add(item, v);
            values.add(item, block);
        }
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject submitted = view.deepCopy();
        submitted.addProperty("id", "V9");
        submitted.add("state", state);
        JsonObject payload = SlackRequests.interactionPayload("view_submission", userId);
        payload.add("view", submitted);
        return payload;
    }
}
