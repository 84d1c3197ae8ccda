package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.Incident;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What leaves the incident channel: only what its members can still see there. Deleted text and
 * earlier versions of edits never reach the learnings channel or the report file, and the web page
 * linked from them is behind sign-in; a private channel's wrap-up is shown to the publisher before
 * anything is posted, and its timeline stays home unless they say so.
 */
class PublishingTest extends BotTest {
    static final String LEARN = "C0LEARN";
    static final String SECRET = "G0SECRET";
    private static final Pattern PAGE =
            Pattern.compile("<http://[^/]+(/incidents/[0-9]+)\\|web page>");

    @Override
    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestBot.signInEnv(fake));
        env.put("WRAPUP_LEARNINGS_CHANNEL", LEARN);
        return env;
    }

    /**
     * An incident whose channel saw a password pasted and deleted, another edited away, and a
     * spoofed link.
     */
    private Incident leakyIncident(String channel) {
        fake.addChannel(LEARN, "learnings", false, FakeSlack.BOT_USER_ID);
        Incident incident = declareHere(channel, "Login outage");
        String pasted = fake.nextTs();
        event(SlackEvents.message(channel, BOB, "try the admin password hunter2-deleted", pasted));
        event(
                SlackEvents.messageDeleted(
                        channel,
                        BOB,
                        pasted,
                        "try the admin password hunter2-deleted",
                        fake.nextTs()));
        String edited = fake.nextTs();
        event(SlackEvents.message(channel, BOB, "token is xoxp-EDITED-AWAY", edited));
        event(
                SlackEvents.messageChanged(
                        channel,
                        BOB,
                        edited,
                        "token is xoxp-EDITED-AWAY",
                        "token rotated, see the vault",
                        fake.nextTs(),
                        fake.nextTs()));
        event(
                SlackEvents.message(
                        channel,
                        BOB,
                        "status page: <https://evil.example/login|https://status.example> "
                                + "ping <@"
                                + CAROL
                                + "> and <!channel>",
                        fake.nextTs()));
        event(
                SlackEvents.pin(
                        true,
                        channel,
                        ALICE,
                        edited,
                        "token rotated, see the vault",
                        fake.nextTs()));
        entry(channel, edited);
        command("/incident", "resolve Sessions restored", ALICE, channel);
        command("/wrapup", "well we rotated the token <@" + BOB + "> fast", CAROL, channel);
        return incident;
    }

    private static void assertNothingSecret(String where, String text) {
        assertFalse(text.contains("hunter2-deleted"), "deleted text in the " + where + ": " + text);
        assertFalse(
                text.contains("xoxp-EDITED-AWAY"),
                "an earlier version in the " + where + ": " + text);
        assertFalse(
                text.contains("<@" + CAROL) || text.contains("\\u003c@" + CAROL),
                "a live mention in the " + where + ": " + text);
        assertFalse(
                text.contains("<!channel>") || text.contains("\\u003c!channel"),
                "a live broadcast in the " + where + ": " + text);
        assertFalse(
                text.contains("|https://status.example"),
                "a spoofed link label in the " + where + ": " + text);
    }

    @Test
    void deletedAndEditedAwayTextIsNowhereInWhatIsPublished() {
        Incident incident = leakyIncident("C0OPS");
        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ALICE, "C0OPS"));

        FakeSlack.ApiRequest post =
                fake.await("chat.postMessage", c -> LEARN.equals(c.param("channel")));
        String blocks = post.jsonText("blocks");
        assertNothingSecret("summary", blocks + post.param("text"));
        assertTrue(blocks.contains("we rotated the token"), blocks);
        assertFalse(
                blocks.contains("<@" + BOB) || blocks.contains("\\u003c@" + BOB),
                "no ping: " + blocks);

        String file =
                fake.await("upload", c -> c.param("content").contains("# Wrap-up: Login outage"))
                        .param("content");
        assertNothingSecret("file", file);
        assertTrue(file.contains("token rotated, see the vault"), file);
        assertTrue(file.contains("https://evil.example/login"), "the real target: " + file);
        assertTrue(file.contains("_(message deleted)_"), file);
        assertTrue(
                file.contains("## Full timeline"),
                "a public channel's timeline is published: " + file);

        Matcher link = PAGE.matcher(blocks);
        assertTrue(link.find(), blocks);
        assertEquals("/incidents/" + incident.id(), link.group(1));
        assertEquals(302, bot.get(link.group(1)).statusCode(), "the page is behind sign-in");

        // The operator's full export still has the whole record.
        assertTrue(incidents().find(incident.id()).isPresent());
    }

    @Test
    void aPrivateChannelsWrapUpIsConfirmedFirstAndKeepsItsTimelineUnlessTicked() {
        Incident incident = leakyIncident(SECRET);
        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ALICE, SECRET));
        FakeSlack.ApiRequest open =
                fake.await(
                        "views.open", c -> c.jsonText("view").contains("wrapup_publish_confirm"));
        String view = open.jsonText("view");
        assertTrue(view.contains("private channel"), view);
        assertTrue(view.contains("we rotated the token"), "the summary is shown: " + view);
        assertFalse(view.contains("Full timeline"), "the timeline is left out: " + view);
        assertNothingSecret("confirmation", view);
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(c -> LEARN.equals(c.param("channel"))),
                "nothing posted before the confirmation");

        // Someone who may not publish cannot submit it either.
        HttpResponse<String> refused = bot.slack().interaction(submission(incident, BOB, false));
        assertEquals(200, refused.statusCode());
        assertTrue(
                refused.body().contains("response_action") && refused.body().contains("errors"),
                refused.body());

        assertEquals(200, bot.slack().interaction(submission(incident, ALICE, false)).statusCode());
        fake.await("chat.postMessage", c -> LEARN.equals(c.param("channel")));
        String file =
                fake.await("upload", c -> c.param("content").contains("# Wrap-up: Login outage"))
                        .param("content");
        assertFalse(file.contains("## Full timeline"), file);
        assertFalse(file.contains("try the admin password"), file);

        // Published again with the box ticked: the timeline goes too, still current text only.
        command("/wrapup", "publish", ALICE, SECRET);
        fake.await(
                "views.open",
                c ->
                        c.jsonText("view").contains("wrapup_publish_confirm")
                                && fake.requests("views.open").size() >= 2);
        bot.slack().interaction(submission(incident, ALICE, true));
        String second =
                fake.await("upload", c -> c.param("content").contains("## Full timeline"))
                        .param("content");
        assertNothingSecret("file", second);
    }

    static JsonObject submission(Incident incident, String userId, boolean timeline) {
        JsonObject checkbox = new JsonObject();
        checkbox.addProperty("type", "checkboxes");
        JsonArray selected = new JsonArray();
        if (timeline) {
            JsonObject option = new JsonObject();
            option.addProperty("value", "include");
            JsonObject text = new JsonObject();
            text.addProperty("type", "plain_text");
            text.addProperty("text", "Also publish the full timeline");
            option.add("text", text);
            selected.add(option);
        }
        checkbox.add("selected_options", selected);
        JsonObject block = new JsonObject();
        block.add("timeline", checkbox);
        JsonObject values = new JsonObject();
        values.add("timeline", block);
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject view = new JsonObject();
        view.addProperty("id", "V1");
        view.addProperty("type", "modal");
        view.addProperty("callback_id", "wrapup_publish_confirm");
        view.addProperty("private_metadata", Long.toString(incident.id()));
        view.add("state", state);
        JsonObject payload = SlackRequests.interactionPayload("view_submission", userId);
        payload.add("view", view);
        return payload;
    }
}
