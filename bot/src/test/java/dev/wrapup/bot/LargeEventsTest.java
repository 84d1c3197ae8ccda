package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.TimelineEntry.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Slack's own valid but large events are stored, cut to what the timeline holds with a marker
 * saying what was left out, and acknowledged with 200: a 500 would make Slack retry three times and
 * then drop the message for good.
 */
class LargeEventsTest extends BotTest {
    static final String OPS = "C0BIG";

    /** timeline_entry.text and .files are VARCHAR(40000). */
    static final int COLUMN = 40_000;

    private static final Pattern MARKER =
            Pattern.compile("… \\[truncated: ([\\d,]+) more characters\\]$");
    private static final Pattern MORE_FILES = Pattern.compile("… and ([\\d,]+) more files");

    /**
     * Sends the event as Slack would, checking that it stays under the 1 MiB any request may have.
     */
    private void large(JsonObject event) {
        String body = SlackRequests.eventEnvelope(event, "Ev0SIZE").toString();
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 1024 * 1024, "a test event must stay under 1 MiB: " + bytes);
        event(event);
    }

    /**
     * The characters the marker at the end of the text says were left out; the text must end with
     * one.
     */
    private static int leftOut(String text) {
        Matcher m = MARKER.matcher(text);
        assertTrue(
                m.find(),
                "no truncation marker at the end of: …"
                        + text.substring(Math.max(0, text.length() - 80)));
        return Integer.parseInt(m.group(1).replace(",", ""));
    }

    /** Asserts the stored text is the start of the sent one, the rest counted by the marker. */
    private static void cutFrom(String sent, String stored) {
        assertTrue(stored.length() <= COLUMN, "fits the column: " + stored.length());
        int kept = stored.indexOf("… [truncated: ");
        assertTrue(kept > COLUMN - 100, "keeps nearly all it can: " + kept);
        assertEquals(sent.substring(0, kept), stored.substring(0, kept));
        assertEquals(sent.length() - kept, leftOut(stored), "the marker counts what was left out");
    }

    /**
     * What a person typed as Slack delivers it: &, < and > escaped, so the event text is longer
     * than typed.
     */
    private static String escaped(String typed) {
        return typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void aFortyThousandCharacterMessageIsStoredCutWithAMarker() {
        Incident incident = declareHere(OPS, "Big paste");
        String typed = "R&D <-> ops ".repeat(40_000 / 12) + "0123"; // 40,000 characters as typed
        assertEquals(40_000, typed.length());
        String sent = escaped(typed); // longer as Slack sends it
        String ts = fake.nextTs();
        large(SlackEvents.message(OPS, BOB, sent, ts));
        cutFrom(sent, entry(OPS, ts).text());

        String exactly = "x".repeat(COLUMN);
        String whole = fake.nextTs();
        large(SlackEvents.message(OPS, BOB, exactly, whole));
        assertEquals(
                exactly, entry(OPS, whole).text(), "what fits is stored whole, without a marker");
        assertEquals(3, entries(incident).size());
    }

    @Test
    void editsOfAnOverlongMessageKeepEachCutVersionAndAnUnchangedOneAddsNone() {
        declareHere(OPS, "Big edits");
        String first = escaped("first & draft ".repeat(4_000));
        String second = escaped("second & final ".repeat(4_000));
        String ts = fake.nextTs();
        large(SlackEvents.message(OPS, BOB, first, ts));
        entry(OPS, ts);

        String edit = fake.nextTs();
        large(SlackEvents.messageChanged(OPS, BOB, ts, first, second, edit, edit));
        TimelineEntry edited = entry(OPS, ts);
        cutFrom(second, edited.text());
        assertEquals(1, edited.versions().size());
        cutFrom(first, edited.versions().get(0).text());

        // Slack sends message_changed for unfurls too: the same long text again is no new version.
        String unfurl = fake.nextTs();
        large(SlackEvents.messageChanged(OPS, BOB, ts, second, second, unfurl, unfurl));
        assertEquals(1, entry(OPS, ts).versions().size());

        // An edit of an overlong message from before recording began keeps both, each cut.
        String old = SlackTs.of(Instant.now().minusSeconds(3600));
        String oldEdit = fake.nextTs();
        large(SlackEvents.messageChanged(OPS, CAROL, old, first, second, oldEdit, oldEdit));
        TimelineEntry before = entry(OPS, old);
        cutFrom(second, before.text());
        cutFrom(first, before.versions().stream().map(Version::text).findFirst().orElseThrow());
    }

    @Test
    void aMessageWithThreeHundredFilesKeepsAsManyAsFitAndCountsTheRest() {
        declareHere(OPS, "Screenshots");
        String ts = fake.nextTs();
        JsonObject message = SlackEvents.message(OPS, BOB, "all the graphs", ts);
        message.addProperty("subtype", "file_share");
        JsonArray files = new JsonArray();
        for (int i = 0; i < 300; i++) {
            files.add(
                    file(
                            String.format("F%08d", i),
                            "grafana-panel-" + i + "-p99-latency-by-region.png"));
        }
        message.add("files", files);
        large(message);

        List<FileRef> stored = entry(OPS, ts).files();
        FileRef last = stored.get(stored.size() - 1);
        Matcher more = MORE_FILES.matcher(last.name());
        assertTrue(more.matches(), last.name());
        int kept = stored.size() - 1;
        assertTrue(kept > 50, "keeps as many as fit: " + kept);
        assertEquals(300, kept + Integer.parseInt(more.group(1)));
        for (int i = 0; i < kept; i++) {
            assertEquals("grafana-panel-" + i + "-p99-latency-by-region.png", stored.get(i).name());
            assertEquals(
                    files.get(i).getAsJsonObject().get("permalink").getAsString(),
                    stored.get(i).permalink());
        }

        // Editing its text works too, and keeps the files.
        JsonObject edit =
                SlackEvents.messageChanged(
                        OPS,
                        BOB,
                        ts,
                        "all the graphs",
                        "all the graphs, by region",
                        fake.nextTs(),
                        fake.nextTs());
        edit.getAsJsonObject("message").add("files", files);
        large(edit);
        TimelineEntry edited = entry(OPS, ts);
        assertEquals("all the graphs, by region", edited.text());
        assertEquals(stored, edited.files());
    }

    @Test
    void aFileWithAVeryLongNameIsStoredWithItsNameCutAndALinkThatStillFindsIt() {
        declareHere(OPS, "Long names");
        String name = "export-" + "very-long-segment-".repeat(1_400) + ".csv"; // 25,211 characters
        String ts = fake.nextTs();
        JsonObject message = SlackEvents.message(OPS, BOB, "here is the export", ts);
        message.addProperty("subtype", "file_share");
        JsonArray files = new JsonArray();
        files.add(file("F0LONGNAME", name));
        message.add("files", files);
        large(message);

        FileRef stored = entry(OPS, ts).files().get(0);
        assertTrue(stored.name().length() <= 255, "name cut to " + stored.name().length());
        assertEquals(
                name.length() - stored.name().indexOf("… [truncated: "), leftOut(stored.name()));
        assertEquals("https://fake.slack.com/files/" + BOB + "/F0LONGNAME", stored.permalink());
        assertEquals("F0LONGNAME", stored.id());
    }

    @Test
    void anAlertWithManyLongAttachmentsIsStoredCut() {
        declareHere(OPS, "Alert storm");
        String ts = fake.nextTs();
        JsonObject alert =
                SlackEvents.botMessage(OPS, "B0DATADOG", "Datadog", "", "first", "first", ts);
        JsonArray attachments = new JsonArray();
        for (int i = 0; i < 40; i++) {
            JsonObject a = new JsonObject();
            a.addProperty("fallback", "[Triggered] monitor " + i);
            a.addProperty("pretext", "[Triggered] p99 latency above 2s on checkout-" + i);
            a.addProperty("title", "Monitor " + i + ": " + "checkout latency ".repeat(10));
            a.addProperty("title_link", "https://app.datadoghq.example/monitors/" + i);
            a.addProperty(
                    "text", ("host:checkout-" + i + " region:eu-west-1 value:2.3s ").repeat(60));
            JsonArray fields = new JsonArray();
            for (int f = 0; f < 10; f++) {
                JsonObject field = new JsonObject();
                field.addProperty("title", "tag " + f);
                field.addProperty("value", ("value " + f + " ").repeat(60));
                field.addProperty("short", true);
                fields.add(field);
            }
            a.add("fields", fields);
            attachments.add(a);
        }
        alert.add("attachments", attachments);
        large(alert);

        TimelineEntry stored = entry(OPS, ts);
        assertEquals("Datadog", stored.authorName());
        assertTrue(
                stored.text()
                        .startsWith("[Triggered] p99 latency above 2s on checkout-0\nMonitor 0: "),
                stored.text().substring(0, 100));
        assertTrue(stored.text().length() <= COLUMN);
        assertTrue(leftOut(stored.text()) > 40_000, "most of 40 attachments is left out");
    }

    @Test
    void aMessageWithVeryManyLinksIsStoredCutAndTheLinksKeptAreWhole() {
        declareHere(OPS, "Link dump");
        StringBuilder text = new StringBuilder("every failing request:");
        for (int i = 0; i < 1_500; i++) {
            text.append(" <https://logs.example.com/requests/")
                    .append(i)
                    .append("|request ")
                    .append(i)
                    .append('>');
        }
        String ts = fake.nextTs();
        large(SlackEvents.message(OPS, BOB, text.toString(), ts));

        TimelineEntry stored = entry(OPS, ts);
        cutFrom(text.toString(), stored.text());
        List<String> links = stored.links();
        assertTrue(links.size() > 500, "links kept: " + links.size());
        for (int i = 0; i < links.size(); i++) {
            assertEquals("https://logs.example.com/requests/" + i, links.get(i));
        }
        assertFalse(links.size() == 1_500, "the cut left some out");
    }

    private static JsonObject file(String id, String name) {
        JsonObject f = new JsonObject();
        f.addProperty("id", id);
        f.addProperty("name", name);
        f.addProperty("title", name);
        f.addProperty("mimetype", "image/png");
        f.addProperty("filetype", "png");
        f.addProperty("size", 123_456);
        f.addProperty("url_private", "https://files.slack.com/files-pri/T0TEAM-" + id + "/" + name);
        f.addProperty("permalink", "https://fake.slack.com/files/" + BOB + "/" + id + "/" + name);
        return f;
    }
}
