package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.Incident;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `wrapup export`: the record as JSON or Markdown, straight from the database. */
class ExportTest extends BotTest {
    private record Run(int code, String out, String err) {
    }

    private Run export(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "export";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = Main.run(full, Map.of("WRAPUP_DB_URL", bot.wrapup().config().database().url()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Incident recordedIncident() {
        Incident incident = declareHere("C0OPS", "Search is slow");
        String first = fake.nextTs();
        event(SlackEvents.message("C0OPS", BOB, "p99 at 4s on search", first));
        String reply = fake.nextTs();
        event(SlackEvents.threadReply("C0OPS", ALICE, "index rebuild running", reply, first));
        String edit = fake.nextTs();
        event(SlackEvents.messageChanged("C0OPS", BOB, first, "p99 at 4s on search", "p99 at 6s on search", edit, edit));
        String gone = fake.nextTs();
        event(SlackEvents.message("C0OPS", ALICE, "wrong channel, sorry", gone));
        event(SlackEvents.messageDeleted("C0OPS", ALICE, gone, "wrong channel, sorry", fake.nextTs()));
        event(SlackEvents.pin(true, "C0OPS", ALICE, first, "p99", fake.nextTs()));
        command("/incident", "resolve Rebuilt the index", ALICE, "C0OPS");
        entry("C0OPS", gone);
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
        assertEquals("p99 at 4s on search", edited.getAsJsonArray("previous_versions").get(0).getAsJsonObject()
                .get("text").getAsString());
        assertTrue(edited.get("key_moment").getAsBoolean());
        JsonObject deleted = find(timeline, "wrong channel, sorry");
        assertTrue(deleted.get("deleted").getAsBoolean());
        assertEquals("thread-reply", find(timeline, "index rebuild running").get("kind").getAsString());
        assertTrue(record.getAsJsonArray("participants").size() >= 2);
        // By numeric id too.
        assertEquals(run.out(), export(Long.toString(incident.id()), "--format=json", "--full").out());
    }

    @Test
    void withoutFullTheRecordHoldsOnlyWhatTheChannelShowsNow() {
        Incident incident = recordedIncident();
        Run json = export("C0OPS", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertFalse(json.out().contains("p99 at 4s on search"), "no earlier version: " + json.out());
        assertFalse(json.out().contains("wrong channel, sorry"), "no deleted text: " + json.out());
        JsonArray timeline = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("timeline");
        assertEquals(entries(incident).size(), timeline.size(), "the deletion is still marked");
        assertTrue(json.out().contains("p99 at 6s on search"));
        Run md = export("C0OPS");
        assertEquals(0, md.code(), md.err());
        assertFalse(md.out().contains("p99 at 4s on search"), md.out());
        assertFalse(md.out().contains("wrong channel, sorry"), md.out());
        assertTrue(md.out().contains("_(message deleted)_"), md.out());
        assertTrue(md.out().contains("p99 at 6s on search **[key moment]** _(edited)_"), md.out());
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

    @Test
    void markdownIsTheReportWithAReadableTimelineAndKeyMomentsMarked() {
        recordedIncident();
        Run run = export("C0OPS", "--full");
        assertEquals(0, run.code(), run.err());
        String md = run.out();
        assertTrue(md.startsWith("# Wrap-up: Search is slow\n"), md);
        assertTrue(md.contains("## Key moments\n\n- **"), md);
        assertTrue(md.contains("## Full timeline\n"), md);
        assertTrue(md.contains("p99 at 6s on search **[key moment]**"), md);
        assertTrue(md.contains("earlier text:\n"), md);
        assertTrue(md.contains("~~wrong channel, sorry~~ _(deleted at"), md);
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
