package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.domain.Incident;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A broadcast typed into a command (@channel, @here, @everyone, a user group) is never echoed live
 * by the bot: not in its lines, its header, its DMs or the call's post.
 */
class NoBroadcastEchoTest extends BotTest {
    /** What pings a crowd: Slack's markup for it, or the bare word a client might still link. */
    private static final Pattern LIVE =
            Pattern.compile("<!(channel|here|everyone|subteam)|@(channel|here|everyone)\\b");

    @Override
    protected Map<String, String> env() {
        return Map.of("WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00");
    }

    @Test
    void noPostOrHeaderUpdateCarriesALiveBroadcast() {
        command("/incident", "declare sev2 Outage @everyone", ALICE, GENERAL);
        String channel = fake.await("pins.add", c -> true).param("channel");
        fake.addChannel(channel, "inc", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        joins(channel, BOB);
        command("/incident", "note <!here> the queue is full", BOB, channel);
        command(
                "/wrapup",
                "action <@" + BOB + "> tell <!subteam^S123|@oncall> about the queue",
                ALICE,
                channel);
        command("/incident", "sev sev1", BOB, channel);
        command("/incident", "resolve <!channel> fixed", ALICE, channel);
        bot.runWhenDue(
                AnalysisCallService.TASK, incidents().findByChannel(channel).orElseThrow().id());
        fake.await(
                "chat.postMessage",
                c ->
                        channel.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("starts now"));
        outboxDrained();

        List<FakeSlack.ApiRequest> sent =
                fake.requests().stream().filter(c -> c.method().startsWith("chat.")).toList();
        StringBuilder all = new StringBuilder();
        for (FakeSlack.ApiRequest call : sent) {
            String said = call.param("text") + " " + call.jsonText("blocks");
            assertFalse(
                    LIVE.matcher(said).find(),
                    call.method() + " to " + call.param("channel") + ": " + said);
            all.append(said).append('\n');
        }
        // What was typed did reach Slack, made harmless.
        Incident incident = incidents().findByChannel(channel).orElseThrow();
        assertTrue(
                fake.requests("chat.update").stream()
                        .anyMatch(
                                c ->
                                        incident.headerTs().equals(c.param("ts"))
                                                && c.jsonText("blocks")
                                                        .contains("Outage @\u200Beveryone")),
                "the header");
        for (String harmless :
                List.of(
                        "@\u200Bhere the queue is full",
                        "@\u200Boncall about the queue",
                        "@\u200Bchannel fixed",
                        "Outage @\u200Beveryone")) {
            assertTrue(all.toString().contains(harmless), harmless + " in: " + all);
        }
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .anyMatch(
                                c ->
                                        BOB.equals(c.param("channel"))
                                                && c.param("text").contains("@\u200Boncall")),
                "the action item's DM");
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .anyMatch(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("starts now")
                                                && c.param("text")
                                                        .contains("@\u200Bhere the queue")),
                "the call's post, with the note among its key moments");
    }
}
