package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.Rows;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.IncidentTexts;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "Seen before": past incidents like a new one, posted quietly in its channel at declare and again
 * at ten entries when a new one is among them, each once; listed in the call and the published
 * report; never one the channel's members may not see.
 */
class SimilarIncidentsTest extends BotTest {
    static final String LEARN = "C0LEARN";

    @Override
    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestBot.signInEnv(fake));
        env.put("WRAPUP_LEARNINGS_CHANNEL", LEARN);
        return env;
    }

    /** A past incident in its own channel, with what was said, then resolved. */
    private Incident past(String channel, String title, String... said) {
        Incident incident = declareHere(channel, title);
        for (String text : said) {
            event(SlackEvents.message(channel, BOB, text, fake.nextTs()));
        }
        command("/incident", "resolve " + title + " fixed", ALICE, channel);
        clock.advance(Duration.ofHours(1));
        return incident;
    }

    private Incident certificatePast() {
        Incident cert =
                past(
                        "C0CERT",
                        "Checkout TLS certificate expired",
                        "customers see certificate errors on checkout",
                        "the certificate on the load balancer expired at midnight",
                        "renewed the certificate and reloaded the load balancer");
        command("/wrapup", "action <@" + BOB + "> automate certificate renewal", ALICE, "C0CERT");
        command(
                "/wrapup",
                "action <@" + BOB + "> alert before certificate expiry",
                ALICE,
                "C0CERT");
        command("/wrapup", "action done 1", BOB, "C0CERT");
        return cert;
    }

    private List<FakeSlack.ApiRequest> seenBefore(String channel) {
        return fake.succeeded("chat.postMessage").stream()
                .filter(c -> channel.equals(c.param("channel")))
                .filter(c -> c.param("text") != null && c.param("text").startsWith("Seen before:"))
                .toList();
    }

    private Incident gatewayPast() {
        return past(
                "C0GATE",
                "Bad gateway from the load balancer",
                "the load balancer answers 502 bad gateway",
                "the upstream closed connections early, load balancer idle timeout too long");
    }

    /** The newest "Seen before" post in the channel, once there are {@code count}. */
    private FakeSlack.ApiRequest awaitSeenBefore(String channel, int count) {
        Poll.until(count + " Seen before posts", () -> seenBefore(channel).size() >= count);
        List<FakeSlack.ApiRequest> posts = seenBefore(channel);
        assertEquals(count, posts.size(), "Seen before posts");
        return posts.get(count - 1);
    }

    @Test
    void pastIncidentsArePostedAtDeclareAndOnceMoreAtTenEntriesWhenThereIsANewOne() {
        Incident cert = certificatePast();
        Incident gateway = gatewayPast();
        past("C0WIFI", "Office wifi outage in Berlin", "the access points lost power");
        outboxDrained();

        declareHere("C0NEW", "Payments API certificate expired");
        FakeSlack.ApiRequest atDeclare = awaitSeenBefore("C0NEW", 1);
        String text = atDeclare.param("text");
        assertTrue(
                text.contains("/incidents/" + cert.id() + "|Checkout TLS certificate expired>"),
                text);
        assertTrue(text.contains("1 of 2 action items still open"), text);
        assertTrue(text.contains(cert.startedAt().toString().substring(0, 10)), text);
        assertFalse(text.contains("wifi"), "nothing like it: " + text);
        assertFalse(text.contains("gateway"), "not like it yet: " + text);
        assertTrue(
                atDeclare.jsonText("blocks").contains("\"type\":\"context\""),
                "quiet: " + atDeclare.jsonText("blocks"));

        for (int i = 1; i <= 9; i++) {
            event(
                    SlackEvents.message(
                            "C0NEW",
                            BOB,
                            "the load balancer answers 502 bad gateway, step " + i,
                            fake.nextTs()));
        }
        outboxDrained();
        assertEquals(1, seenBefore("C0NEW").size(), "nine entries: still the one post");

        event(
                SlackEvents.message(
                        "C0NEW",
                        BOB,
                        "the certificate on the load balancer expired",
                        fake.nextTs()));
        String atTen = awaitSeenBefore("C0NEW", 2).param("text");
        assertTrue(
                atTen.contains(
                        "/incidents/" + gateway.id() + "|Bad gateway from the load balancer>"),
                "new since the first post: " + atTen);
        for (int i = 0; i < 3; i++) {
            event(
                    SlackEvents.message(
                            "C0NEW", BOB, "renewing the certificate now " + i, fake.nextTs()));
        }
        outboxDrained();
        assertEquals(2, seenBefore("C0NEW").size(), "each post once");

        // After a restart (the claims are in the database) nothing is posted again.
        restartWith(Map.of());
        event(SlackEvents.message("C0NEW", BOB, "certificate renewed", fake.nextTs()));
        outboxDrained();
        assertEquals(2, seenBefore("C0NEW").size(), "once, across restarts");
    }

    @Test
    void atTenEntriesTheSameListIsNotPostedAgain() {
        Incident cert = certificatePast();
        outboxDrained();

        Incident incident = declareHere("C0NEW", "Payments API certificate expired");
        assertTrue(awaitSeenBefore("C0NEW", 1).param("text").contains("/incidents/" + cert.id()));
        for (int i = 1; i <= 10; i++) {
            event(
                    SlackEvents.message(
                            "C0NEW",
                            BOB,
                            "checking the certificate chain, step " + i,
                            fake.nextTs()));
        }
        Poll.until(
                "the post at ten entries to be claimed",
                () ->
                        Rows.number(
                                        bot.wrapup().database(),
                                        "SELECT COUNT(*) FROM similar_post WHERE incident_id = ?"
                                                + " AND occasion = 'ten'",
                                        incident.id())
                                == 1);
        outboxDrained();
        assertEquals(1, seenBefore("C0NEW").size(), "the same past incident: not posted again");
        assertEquals(
                Set.of(cert.id()),
                new IncidentTexts(bot.wrapup().database()).shown(incident.id()),
                "what the channel was shown");
    }

    @Test
    void nothingLikeItNothingPosted() {
        past("C0WIFI", "Office wifi outage in Berlin", "the access points lost power");
        declareHere("C0NEW", "Payments API certificate expired");
        outboxDrained();
        assertEquals(List.of(), seenBefore("C0NEW"));
    }

    @Test
    void aPrivateIncidentIsSuggestedOnlyWhereEveryMemberIsInItsChannel() {
        fake.addChannel("G0SECRET", "secret-cert", true, ALICE, BOB, FakeSlack.BOT_USER_ID);
        Incident secret =
                past(
                        "G0SECRET",
                        "Signing certificate expired on the HSM",
                        "the signing certificate expired and payouts failed");
        Incident open = certificatePast();
        outboxDrained();

        // Carol is in the new channel and not in the private one.
        fake.addChannel("C0WIDE", "wide", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        declareHere("C0WIDE", "Certificate expired on the API gateway");
        outboxDrained();
        List<FakeSlack.ApiRequest> wide = seenBefore("C0WIDE");
        assertEquals(1, wide.size());
        assertTrue(
                wide.get(0).param("text").contains("/incidents/" + open.id() + "|"),
                wide.get(0).param("text"));
        assertFalse(
                wide.get(0).param("text").contains("HSM"),
                "private, and Carol is not in it: " + wide.get(0).param("text"));

        // Everyone here is in the private channel too.
        fake.addChannel("C0NARROW", "narrow", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        declareHere("C0NARROW", "Certificate expired on the signing service");
        outboxDrained();
        String narrow = seenBefore("C0NARROW").get(0).param("text");
        assertTrue(
                narrow.contains(
                        "/incidents/" + secret.id() + "|Signing certificate expired on the HSM>"),
                narrow);

        // When Slack cannot say who is in a channel, the private incident is left out.
        fake.addChannel("C0BLIP", "blip", false, ALICE, FakeSlack.BOT_USER_ID);
        clock.advance(Duration.ofMinutes(2)); // past what the bot remembers of Slack's answers
        fake.answer(
                "conversations.members",
                c ->
                        JsonParser.parseString("{\"ok\":false,\"error\":\"channel_not_found\"}")
                                .getAsJsonObject());
        declareHere("C0BLIP", "Certificate expired on the signing service again");
        outboxDrained();
        List<FakeSlack.ApiRequest> blip = seenBefore("C0BLIP");
        assertEquals(1, blip.size());
        assertTrue(
                blip.get(0).param("text").contains("/incidents/" + open.id() + "|"),
                blip.get(0).param("text"));
        assertFalse(blip.get(0).param("text").contains("HSM"), blip.get(0).param("text"));
    }

    @Test
    void theCallAndThePublishedReportListTheSameSuggestions() {
        fake.addChannel(LEARN, "learnings", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        Incident cert = certificatePast();
        Incident incident = declareHere("C0NEW", "Payments API certificate expired");
        event(SlackEvents.message("C0NEW", BOB, "the certificate expired again", fake.nextTs()));
        command("/incident", "resolve certificate renewed", ALICE, "C0NEW");
        outboxDrained();

        bot.runWhenDue(AnalysisCallService.TASK, incident.id());
        String call =
                fake.await(
                                "chat.postMessage",
                                c ->
                                        "C0NEW".equals(c.param("channel"))
                                                && c.param("text") != null
                                                && c.param("text").contains("starts now"))
                        .param("text");
        assertTrue(call.contains("Seen before: <"), call);
        assertTrue(
                call.contains("/incidents/" + cert.id() + "|Checkout TLS certificate expired>"),
                call);

        command("/wrapup", "well we knew where to look <@" + CAROL + ">", BOB, "C0NEW");
        command("/wrapup", "publish", ALICE, "C0NEW");
        String file =
                fake.await("upload", c -> c.param("content").contains("# Wrap-up: Payments API"))
                        .param("content");
        assertTrue(file.contains("## Seen before"), file);
        assertTrue(
                file.contains(
                        "[Checkout TLS certificate expired](http://localhost:"
                                + bot.wrapup().port()
                                + "/incidents/"
                                + cert.id()
                                + ")"),
                file);
        assertTrue(file.contains("1 of 2 action items still open"), file);
    }
}
