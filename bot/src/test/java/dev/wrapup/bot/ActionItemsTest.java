package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.wrapup.ActionItems;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Action items' kinds and states end to end: the kind named before the owner by command or chosen
 * in the comment form, and an item closed as done or won't do (with its reason), which gets no
 * reminder and reads so in the report and the export.
 */
class ActionItemsTest extends BotTest {
    private static final String OPS = "C0OPS";

    private WrapUps wrapups() {
        return new WrapUps(bot.wrapup().database());
    }

    private Incident incidentWithBob() {
        Incident incident = declareHere(OPS, "Retry storm");
        event(SlackEvents.message(OPS, BOB, "the retries piled up", fake.nextTs()));
        Poll.until(
                "Bob to be a participant",
                () ->
                        participants().list(incident.id()).stream()
                                .anyMatch(p -> p.userId().equals(BOB)));
        return incident;
    }

    @Test
    void theWordBeforeTheOwnerIsTheKindAndFixIsTheDefault() {
        Incident incident = incidentWithBob();
        LocalDate due = LocalDate.now(clock).plusDays(3);

        assertEquals(
                "Action item 1 (guardrail) recorded for <@" + BOB + ">.",
                command(
                        "/wrapup",
                        "action guardrail <@" + BOB + "|bob> Cap retries at 3",
                        ALICE,
                        OPS));
        assertEquals(
                "Action item 2 (fix) recorded for <@" + CAROL + ">.",
                command("/wrapup", "action <@" + CAROL + "> fix the retry loop", ALICE, OPS));
        assertTrue(
                command(
                                "/wrapup",
                                "action Training <@" + BOB + "> Retry budgets due " + due,
                                BOB,
                                OPS)
                        .startsWith(
                                "Action item 3 (training) recorded for <@"
                                        + BOB
                                        + ">, due "
                                        + due));

        List<ActionItem> items = wrapups().actions(incident.id());
        assertEquals(
                List.of(ActionKind.GUARDRAIL, ActionKind.FIX, ActionKind.TRAINING),
                items.stream().map(ActionItem::kind).toList());
        assertEquals(
                List.of("Cap retries at 3", "fix the retry loop", "Retry budgets"),
                items.stream().map(ActionItem::text).toList());
        assertTrue(items.stream().allMatch(ActionItem::open));
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text").contains("Action item 1 (guardrail) for"));
        fake.await(
                "chat.postMessage",
                c ->
                        CAROL.equals(c.param("channel"))
                                && c.param("text").contains("gave you an action item (fix)"));
    }

    @Test
    void anUnknownKindIsAnsweredWithTheKindsAndTheUsageAndNothingIsRecorded() {
        Incident incident = incidentWithBob();

        String answer =
                command("/wrapup", "action fix the retry loop <@" + BOB + "> soon", ALICE, OPS);
        assertTrue(
                answer.startsWith(
                        "`fix the retry loop` is not a kind of action item: write fix, guardrail,"
                                + " detection, process or training before the owner"),
                answer);
        assertTrue(
                answer.contains("`/wrapup action [kind] @owner <text> [due yyyy-mm-dd]`"), answer);
        assertTrue(
                command("/wrapup", "action bugfix <@" + BOB + "> Cap retries", ALICE, OPS)
                        .startsWith("`bugfix` is not a kind of action item"));
        assertTrue(
                command("/wrapup", "action guardrail Cap retries", ALICE, OPS)
                        .startsWith("An action item needs an owner"));
        assertTrue(
                command("/wrapup", "action guardrail <@" + BOB + ">", ALICE, OPS)
                        .startsWith("An action item needs an owner and what to do"));
        assertTrue(wrapups().actions(incident.id()).isEmpty());
    }

    @Test
    void wontDoNeedsAReasonEndsTheReminderAndReadsSoInTheReportAndTheExport() {
        Incident incident = incidentWithBob();
        Poll.until(
                "Bob's timezone known",
                () -> new Users(bot.wrapup().database()).find(BOB).isPresent());
        LocalDate due = LocalDate.now(clock).plusDays(2);
        command("/wrapup", "action <@" + BOB + "> Alert on retry rate due " + due, ALICE, OPS);
        command("/wrapup", "action process <@" + ALICE + "> Review retry defaults", ALICE, OPS);
        long id = wrapups().actions(incident.id()).get(0).id();
        Optional<Instant> planned = bot.wrapup().scheduling().when(ActionItems.ACTION_DUE_TASK, id);
        assertTrue(planned.isPresent());

        assertTrue(
                command("/wrapup", "action wontdo 1", BOB, OPS)
                        .startsWith("Why won't it be done? `/wrapup action wontdo <n> <why>`"));
        assertTrue(
                command("/wrapup", "action wontdo 1 not mine", CAROL, OPS)
                        .contains("action item 1"),
                "Carol neither owns nor made it");
        assertEquals(
                "Action item 1 is marked won't do.",
                command("/wrapup", "action won't do 1 The new alert covers it", BOB, OPS));
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text").contains("Action item 1 won't be done")
                                && c.param("text").contains("The new alert covers it"));
        assertEquals(
                "Action item 1 is already closed (won't do: The new alert covers it).",
                command("/wrapup", "action done 1", BOB, OPS));
        assertEquals(
                Optional.empty(), bot.wrapup().scheduling().when(ActionItems.ACTION_DUE_TASK, id));

        // The due date comes and goes: no reminder for an item that won't be done.
        clock.advanceTo(planned.get().plusSeconds(60));
        bot.runDueTasks();
        outboxDrained();
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("is due today")),
                "no reminder");

        ActionItem item = wrapups().action(id).orElseThrow();
        assertEquals(ActionState.WONT_DO, item.state());
        assertEquals("The new alert covers it", item.wontDoReason());

        String report = new Reports(bot.wrapup().database()).markdown(incident, Disclosure.FULL);
        assertTrue(report.contains("Kinds: 1 fix, 1 process."), report);
        assertTrue(
                report.contains("Alert on retry rate (fix, won't do: The new alert covers it)"),
                report);
        assertTrue(report.contains("Review retry defaults (process) — owner:"), report);

        JsonArray exported = export().getAsJsonArray("action_items");
        JsonObject first = exported.get(0).getAsJsonObject();
        assertEquals("fix", first.get("kind").getAsString());
        assertEquals("wont_do", first.get("state").getAsString());
        assertEquals("The new alert covers it", first.get("wont_do_reason").getAsString());
        Instant.parse(first.get("closed_at").getAsString());
        assertTrue(first.get("done_at").isJsonNull(), "won't do is not done");
        JsonObject second = exported.get(1).getAsJsonObject();
        assertEquals("process", second.get("kind").getAsString());
        assertEquals("open", second.get("state").getAsString());
        assertTrue(second.get("wont_do_reason").isJsonNull());
    }

    @Test
    void aClosedItemOpensAgainAndIsDoneByItsCreator() {
        Incident incident = incidentWithBob();
        LocalDate due = LocalDate.now(clock).plusDays(5);
        command(
                "/wrapup",
                "action detection <@" + BOB + "> Alert on queue age due " + due,
                ALICE,
                OPS);
        long id = wrapups().actions(incident.id()).get(0).id();
        command("/wrapup", "action wont-do 1 duplicate of the lag alert", ALICE, OPS);

        assertEquals(
                "Action item 1 is open again.", command("/wrapup", "action reopen 1", ALICE, OPS));
        assertEquals(
                "Action item 1 is open already.",
                command("/wrapup", "action reopen 1", ALICE, OPS));
        assertTrue(
                bot.wrapup().scheduling().when(ActionItems.ACTION_DUE_TASK, id).isPresent(),
                "the reminder is planned again");
        ActionItem open = wrapups().action(id).orElseThrow();
        assertTrue(open.open());
        assertEquals(null, open.wontDoReason());

        assertEquals("Closed action item 1.", command("/wrapup", "action done 1", ALICE, OPS));
        assertEquals(ActionState.DONE, wrapups().action(id).orElseThrow().state());
    }

    @Test
    void theCommentFormTakesAnActionItemOfTheChosenKind() {
        Incident incident = incidentWithBob();
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
        assertTrue(open.param("view").contains("\"action_kind\""), open.param("view"));
        assertTrue(
                open.param("view")
                        .contains(
                                "\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Fix\""),
                open.param("view"));

        HttpResponse<String> halfGiven =
                bot.slack()
                        .interaction(submission(view, BOB, null, "Add a canary stage", null, null));
        assertTrue(halfGiven.body().contains("\"response_action\":\"errors\""), halfGiven.body());
        assertTrue(halfGiven.body().contains(CommentModal.ACTION_OWNER), halfGiven.body());
        assertTrue(wrapups().actions(incident.id()).isEmpty());

        LocalDate due = LocalDate.now(clock).plusDays(7);
        HttpResponse<String> sent =
                bot.slack()
                        .interaction(
                                submission(
                                        view, BOB, CAROL, "Add a canary stage", "guardrail", due));
        assertEquals(200, sent.statusCode());
        assertFalse(sent.body().contains("errors"), sent.body());
        HttpResponse<String> defaultKind =
                bot.slack()
                        .interaction(submission(view, BOB, BOB, "Retry with jitter", null, null));
        assertFalse(defaultKind.body().contains("errors"), defaultKind.body());

        List<ActionItem> items = wrapups().actions(incident.id());
        assertEquals(2, items.size());
        assertEquals(ActionKind.GUARDRAIL, items.get(0).kind());
        assertEquals(CAROL, items.get(0).ownerId());
        assertEquals(BOB, items.get(0).createdBy());
        assertEquals(due, items.get(0).dueOn());
        assertEquals(ActionKind.FIX, items.get(1).kind());
        assertTrue(wrapups().comments(incident.id()).isEmpty(), "an action item alone is enough");
    }

    /**
     * The form submitted with no comment and the action item's inputs as given (null: left empty).
     */
    private static JsonObject submission(
            JsonObject view, String userId, String owner, String text, String kind, LocalDate due) {
        JsonObject values = new JsonObject();
        for (String item : new String[] {"well", "wrong", "better"}) {
            values.add(item, input(item, "plain_text_input", "value", null));
        }
        values.add(
                CommentModal.ACTION_TEXT,
                input(CommentModal.ACTION_TEXT, "plain_text_input", "value", text));
        values.add(
                CommentModal.ACTION_OWNER,
                input(CommentModal.ACTION_OWNER, "users_select", "selected_user", owner));
        values.add(
                CommentModal.ACTION_DUE,
                input(
                        CommentModal.ACTION_DUE,
                        "datepicker",
                        "selected_date",
                        due == null ? null : due.toString()));
        JsonObject select = new JsonObject();
        select.addProperty("type", "static_select");
        if (kind != null) {
            JsonObject option = new JsonObject();
            option.addProperty("value", kind);
            select.add("selected_option", option);
        }
        JsonObject kindBlock = new JsonObject();
        kindBlock.add(CommentModal.ACTION_KIND, select);
        values.add(CommentModal.ACTION_KIND, kindBlock);
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject submitted = view.deepCopy();
        submitted.addProperty("id", "V9");
        submitted.add("state", state);
        JsonObject payload = SlackRequests.interactionPayload("view_submission", userId);
        payload.add("view", submitted);
        return payload;
    }

    private static JsonObject input(String id, String type, String field, String value) {
        JsonObject v = new JsonObject();
        v.addProperty("type", type);
        v.addProperty(field, value);
        JsonObject block = new JsonObject();
        block.add(id, v);
        return block;
    }

    private JsonObject export() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Main.run(
                        new String[] {"export", OPS, "--format", "json"},
                        Map.of("WRAPUP_DB_URL", bot.wrapup().config().database().url()),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
