package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.WrapUps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `wrapup export`: the record as JSON or Markdown, straight from the database. */
class ExportTest extends BotTest {
    private static final String LEARN = "C0LEARN";
    private static final String ANNOUNCE = "C0ANNOUNCE";
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Override
    protected Map<String, String> env() {
        return Map.of("WRAPUP_LEARNINGS_CHANNEL", LEARN, "WRAPUP_ANNOUNCE_CHANNEL", ANNOUNCE);
    }

    private record Run(int code, String out, String err) {}

    private Run export(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "export";
        System.arraycopy(args, 0, full, 1, args.length);
        int code =
                Main.run(
                        full,
                        Map.of("WRAPUP_DB_URL", bot.wrapup().config().database().url()),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Incident recordedIncident() {
        Incident incident = declareHere("C0OPS", "Search is slow");
        String first = fake.nextTs();
        event(SlackEvents.message("C0OPS", BOB, "p99 at 4s on search", first));
        String reply = fake.nextTs();
        event(SlackEvents.threadReply("C0OPS", ALICE, "index rebuild running", reply, first));
        String edit = fake.nextTs();
        event(
                SlackEvents.messageChanged(
                        "C0OPS",
                        BOB,
                        first,
                        "p99 at 4s on search",
                        "p99 at 6s on search",
                        edit,
                        edit));
        String gone = fake.nextTs();
        event(SlackEvents.message("C0OPS", ALICE, "wrong channel, sorry", gone));
        event(
                SlackEvents.messageDeleted(
                        "C0OPS", ALICE, gone, "wrong channel, sorry", fake.nextTs()));
        event(SlackEvents.pin(true, "C0OPS", ALICE, first, "p99", fake.nextTs()));
        command("/incident", "resolve Rebuilt the index", ALICE, "C0OPS");
        entry("C0OPS", gone);
        // Resolving plans the analysis call after the ack; the record settles once it is announced.
        Poll.until(
                "the analysis call to be announced",
                () ->
                        calls().find(incident.id())
                                .map(c -> c.announcementTs() != null)
                                .orElse(false));
        outboxDrained();
        return incidents().find(incident.id()).orElseThrow();
    }

    @Test
    void jsonHasTheIncidentParticipantsAndEveryEntryInOrderWithVersionsAndMarkers() {
        Incident incident = recordedIncident();
        Run run = export("C0OPS", "--format", "json", "--full");
        assertEquals(0, run.code(), run.err());
        JsonObject record = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(incident.id(), record.getAsJsonObject("incident").get("id").getAsLong());
        assertEquals("resolved", record.getAsJsonObject("incident").get("status").getAsString());
        JsonArray timeline = record.getAsJsonArray("timeline");
        assertEquals(entries(incident).size(), timeline.size());
        String previous = "";
        for (var e : timeline) {
            String at = e.getAsJsonObject().get("occurred_at").getAsString();
            assertTrue(at.compareTo(previous) >= 0, "time order");
            previous = at;
        }
        JsonObject edited = find(timeline, "p99 at 6s on search");
        assertEquals(
                "p99 at 4s on search",
                edited.getAsJsonArray("previous_versions")
                        .get(0)
                        .getAsJsonObject()
                        .get("text")
                        .getAsString());
        assertTrue(edited.get("key_moment").getAsBoolean());
        JsonObject deleted = find(timeline, "wrong channel, sorry");
        assertTrue(deleted.get("deleted").getAsBoolean());
        assertEquals(
                "thread-reply", find(timeline, "index rebuild running").get("kind").getAsString());
        assertTrue(record.getAsJsonArray("participants").size() >= 2);
        // By numeric id too.
        assertEquals(
                run.out(), export(Long.toString(incident.id()), "--format=json", "--full").out());
    }

    @Test
    void withoutFullTheRecordHoldsOnlyWhatTheChannelShowsNow() {
        Incident incident = recordedIncident();
        Run json = export("C0OPS", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertFalse(
                json.out().contains("p99 at 4s on search"), "no earlier version: " + json.out());
        assertFalse(json.out().contains("wrong channel, sorry"), "no deleted text: " + json.out());
        JsonArray timeline =
                JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("timeline");
        assertEquals(entries(incident).size(), timeline.size(), "the deletion is still marked");
        assertTrue(json.out().contains("p99 at 6s on search"));
        Run md = export("C0OPS");
        assertEquals(0, md.code(), md.err());
        assertFalse(md.out().contains("p99 at 4s on search"), md.out());
        assertFalse(md.out().contains("wrong channel, sorry"), md.out());
        assertTrue(md.out().contains("_(message deleted)_"), md.out());
        assertTrue(
                md.out().contains("p99 at 6s on search **\\[key moment\\]** _(edited)_"), md.out());
    }

    private static JsonObject find(JsonArray timeline, String text) {
        for (var e : timeline) {
            JsonObject o = e.getAsJsonObject();
            if (!o.get("text").isJsonNull() && o.get("text").getAsString().equals(text)) {
                return o;
            }
        }
        throw new AssertionError("no entry '" + text + "' in " + timeline);
    }

    private JsonObject json(String... args) {
        Run run = export(args);
        assertEquals(0, run.code(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void jsonHasTheWrapUpsCommentsActionItemsAnalysisCallAndPublication() {
        fake.addChannel(LEARN, "learnings", false, FakeSlack.BOT_USER_ID);
        Incident incident = recordedIncident();
        // Resolving planned the call a day or more ahead; the facilitator then moves it.
        command("/wrapup", "facilitator <@" + BOB + ">", ALICE, "C0OPS");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusMonths(2);
        Instant callAt = day.atTime(10, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        assertTrue(
                command("/wrapup", "schedule " + day + " 10:00 Europe/Berlin", BOB, "C0OPS")
                        .startsWith("Moved the analysis call"));

        command(
                "/wrapup",
                "well <@" + BOB + "|bob> saw it <https://grafana.example/d/1|on the dashboard>",
                CAROL,
                "C0OPS");
        command("/wrapup", "wrong nobody owned the index job", BOB, "C0OPS");
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(14);
        command("/wrapup", "action <@" + BOB + "> Alert on search p99 due " + due, ALICE, "C0OPS");
        command("/wrapup", "action <@" + CAROL + "> Give the index job an owner", ALICE, "C0OPS");
        assertEquals("Closed action item 2.", command("/wrapup", "action done 2", CAROL, "C0OPS"));

        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ALICE, "C0OPS"));
        String summaryTs =
                fake.await("files.completeUploadExternal", c -> LEARN.equals(c.param("channel_id")))
                        .param("thread_ts");
        Poll.until(
                "the publication to be saved",
                () -> wrapups().publication(incident.id()).isPresent());
        fake.await("upload", c -> c.param("content").contains("SEQUENCE:1"));
        outboxDrained();
        Poll.until(
                "Carol's name to be known",
                () ->
                        participants().list(incident.id()).stream()
                                .anyMatch(
                                        p ->
                                                p.userId().equals(CAROL)
                                                        && "Carol".equals(p.displayName())));

        JsonObject record = json("C0OPS", "--format", "json");
        assertEquals(2, record.get("format_version").getAsInt());
        assertEquals(BOB, record.getAsJsonObject("incident").get("facilitator_id").getAsString());
        assertEquals(ALICE, record.getAsJsonObject("incident").get("commander_id").getAsString());

        JsonArray comments = record.getAsJsonArray("comments");
        assertEquals(2, comments.size(), comments.toString());
        JsonObject well = comments.get(0).getAsJsonObject();
        assertEquals(CAROL, well.get("user_id").getAsString());
        assertEquals("Carol", well.get("display_name").getAsString());
        assertEquals("well", well.get("item").getAsString());
        // The text as written, Slack markup and all, as the timeline's is: the reader has the ids.
        assertEquals(
                "<@" + BOB + "|bob> saw it <https://grafana.example/d/1|on the dashboard>",
                well.get("text").getAsString());
        assertEquals("command", well.get("source").getAsString());
        assertTrue(well.get("id").getAsLong() > 0);
        Instant.parse(well.get("created_at").getAsString());
        JsonObject wrong = comments.get(1).getAsJsonObject();
        assertEquals(BOB, wrong.get("user_id").getAsString());
        assertEquals("wrong", wrong.get("item").getAsString());
        assertEquals("nobody owned the index job", wrong.get("text").getAsString());

        JsonArray actions = record.getAsJsonArray("action_items");
        assertEquals(2, actions.size(), actions.toString());
        JsonObject first = actions.get(0).getAsJsonObject();
        assertEquals(1, first.get("number").getAsInt());
        assertEquals(BOB, first.get("owner_id").getAsString());
        assertEquals("Alert on search p99", first.get("text").getAsString());
        assertEquals(due.toString(), first.get("due_on").getAsString());
        assertEquals(ALICE, first.get("created_by").getAsString());
        Instant.parse(first.get("created_at").getAsString());
        assertTrue(first.get("done_at").isJsonNull());
        JsonObject second = actions.get(1).getAsJsonObject();
        assertEquals(2, second.get("number").getAsInt());
        assertEquals(CAROL, second.get("owner_id").getAsString());
        assertTrue(second.get("due_on").isJsonNull());
        Instant.parse(second.get("done_at").getAsString());

        JsonObject call = record.getAsJsonObject("analysis_call");
        assertEquals("scheduled", call.get("status").getAsString());
        assertEquals(callAt.toString(), call.get("scheduled_at").getAsString());
        assertTrue(call.get("started_at").isJsonNull());
        assertEquals(1, call.get("sequence").getAsInt(), "moved once");
        AnalysisCall stored = calls().find(incident.id()).orElseThrow();
        assertEquals(stored.suited(), strings(call.getAsJsonArray("suited")));
        assertEquals(stored.notSuited(), strings(call.getAsJsonArray("not_suited")));
        List<String> asked = new ArrayList<>(stored.suited());
        asked.addAll(stored.notSuited());
        assertTrue(
                asked.containsAll(List.of(ALICE, BOB)),
                "whom the time suits, and whom not: " + call);

        JsonObject publication = record.getAsJsonObject("publication");
        assertEquals(LEARN, publication.get("channel_id").getAsString());
        assertEquals(summaryTs, publication.get("message_ts").getAsString());
        assertTrue(publication.get("include_timeline").getAsBoolean());
        Instant.parse(publication.get("published_at").getAsString());

        assertTrue(record.get("maintenance").isJsonNull(), "not a maintenance window");

        // The wrap-up's own record has nothing deleted or edited away: --full adds nothing to it.
        JsonObject full = json("C0OPS", "--format", "json", "--full");
        for (String section :
                new String[] {
                    "incident",
                    "participants",
                    "comments",
                    "action_items",
                    "analysis_call",
                    "maintenance",
                    "publication"
                }) {
            assertEquals(record.get(section), full.get(section), section);
        }
    }

    @Test
    void jsonHasAMaintenanceWindowsPlanStepsImpactsAndVerdict() {
        String ops = "C0MAINT";
        fake.addChannel(ops, "db-upgrade", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofHours(1));
        assertTrue(
                command(
                                "/maintenance",
                                "plan Postgres 16 upgrade from "
                                        + MINUTE.format(start)
                                        + " to "
                                        + MINUTE.format(end)
                                        + " UTC",
                                ALICE,
                                ops)
                        .startsWith(":construction: Planned"));
        Incident incident = incidents().findByChannel(ops).orElseThrow();
        // Planned inside the heads-up period (a day by default), so the heads-up goes out at once.
        fake.await("chat.postMessage", c -> ANNOUNCE.equals(c.param("channel")));
        command("/maintenance", "step <@" + BOB + "> Stop writers", ALICE, ops);
        command("/maintenance", "step <@" + CAROL + "> Run pg_upgrade", ALICE, ops);
        command("/maintenance", "step <@" + BOB + "> Start writers", ALICE, ops);
        command("/maintenance", "begin", ALICE, ops);
        command("/maintenance", "done 1", BOB, ops);
        command("/maintenance", "failed 2 lock timeout on pg_catalog", CAROL, ops);
        command("/maintenance", "impact checkout returned 500s for two minutes", BOB, ops);

        JsonObject open = json(ops, "--format", "json").getAsJsonObject("maintenance");
        assertTrue(open.get("ended_at").isJsonNull());
        assertTrue(
                open.get("verdict").isJsonNull(), "no verdict while the window is open: " + open);

        assertTrue(
                command("/maintenance", "end", ALICE, ops)
                        .contains("Planned steps done: 1 of 3 (1 failed)."));
        JsonObject record = json(Long.toString(incident.id()), "--format", "json");
        assertEquals("maintenance", record.getAsJsonObject("incident").get("kind").getAsString());
        JsonObject maintenance = record.getAsJsonObject("maintenance");
        assertEquals(start.toString(), maintenance.get("planned_start").getAsString());
        assertEquals(end.toString(), maintenance.get("planned_end").getAsString());
        assertEquals("UTC", maintenance.get("zone").getAsString());
        Instant began = Instant.parse(maintenance.get("began_at").getAsString());
        Instant ended = Instant.parse(maintenance.get("ended_at").getAsString());
        assertFalse(ended.isBefore(began));
        Instant.parse(maintenance.get("heads_up_at").getAsString());
        assertTrue(
                maintenance.get("overrun_at").isJsonNull(), "ended hours before its planned end");

        JsonArray steps = maintenance.getAsJsonArray("steps");
        assertEquals(3, steps.size(), steps.toString());
        assertStep(steps.get(0).getAsJsonObject(), 1, BOB, "Stop writers", "done", null);
        assertStep(
                steps.get(1).getAsJsonObject(),
                2,
                CAROL,
                "Run pg_upgrade",
                "failed",
                "lock timeout on pg_catalog");
        assertStep(steps.get(2).getAsJsonObject(), 3, BOB, "Start writers", "planned", null);

        JsonArray impacts = maintenance.getAsJsonArray("impacts");
        assertEquals(1, impacts.size(), impacts.toString());
        assertEquals(BOB, impacts.get(0).getAsJsonObject().get("user_id").getAsString());
        assertEquals(
                "checkout returned 500s for two minutes",
                impacts.get(0).getAsJsonObject().get("text").getAsString());
        Instant.parse(impacts.get(0).getAsJsonObject().get("recorded_at").getAsString());

        JsonObject verdict = maintenance.getAsJsonObject("verdict");
        assertFalse(verdict.get("success").getAsBoolean());
        assertEquals(3, verdict.get("steps_planned").getAsInt());
        assertEquals(1, verdict.get("steps_done").getAsInt());
        assertEquals(1, verdict.get("steps_failed").getAsInt());
        assertTrue(verdict.get("impact").getAsBoolean());
        assertTrue(verdict.get("on_time").getAsBoolean());
        assertEquals(0, verdict.get("overrun_seconds").getAsLong());

        assertEquals(maintenance, json(ops, "--format", "json", "--full").get("maintenance"));
    }

    private static void assertStep(
            JsonObject step, int number, String owner, String text, String state, String failure) {
        assertEquals(number, step.get("number").getAsInt(), step.toString());
        assertEquals(owner, step.get("owner_id").getAsString(), step.toString());
        assertEquals(text, step.get("text").getAsString(), step.toString());
        assertEquals(state, step.get("state").getAsString(), step.toString());
        assertEquals(
                failure,
                step.get("failure").isJsonNull() ? null : step.get("failure").getAsString(),
                step.toString());
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.getAsString()));
        return values;
    }

    private WrapUps wrapups() {
        return new WrapUps(bot.wrapup().database());
    }

    private AnalysisCalls calls() {
        return new AnalysisCalls(bot.wrapup().database());
    }

    @Test
    void markdownIsTheReportWithAReadableTimelineAndKeyMomentsMarked() {
        recordedIncident();
        Run run = export("C0OPS", "--full");
        assertEquals(0, run.code(), run.err());
        String md = run.out();
        assertTrue(md.startsWith("# Wrap-up: Search is slow\n"), md);
        assertTrue(md.contains("## Key moments\n\n- **"), md);
        assertTrue(md.contains("## Full timeline\n"), md);
        assertTrue(md.contains("p99 at 6s on search **\\[key moment\\]**"), md);
        assertTrue(md.contains("earlier text:\n"), md);
        assertTrue(md.contains("wrong channel, sorry _(deleted at"), md);
        assertTrue(md.contains("  - `"), "thread reply indented under its parent: " + md);
        assertTrue(md.contains("## Summary\n\nRebuilt the index"), md);
    }

    @Test
    void unknownIdIsAClearMessageAndExitCodeOne() {
        Run run = export("C0NOPE", "--format", "json");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("No incident with id or channel id 'C0NOPE'"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badArgumentsPrintUsageAndExitCodeTwo() {
        Run run = export("C0OPS", "--format", "pdf");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("Unknown format 'pdf'"), run.err());
        assertTrue(run.err().contains("Usage: java -jar wrapup.jar export"), run.err());
    }
}
