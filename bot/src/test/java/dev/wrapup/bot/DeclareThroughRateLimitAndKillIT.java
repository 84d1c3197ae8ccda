package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A declaration acknowledged while Slack answers 429 is in the database before the ack: after `kill
 * -9` and a restart, once Slack recovers, it is carried out exactly once.
 */
class DeclareThroughRateLimitAndKillIT {
    private static final String ALICE = "U0ALICE";
    private static final String GENERAL = "C0GENERAL";

    @TempDir Path workDir;

    @Test
    void oneChannelOneHeaderOneReply() throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            fake.addUser(ALICE, "Alice", "Europe/Berlin", 3600);
            fake.addChannel(GENERAL, "general", false, ALICE, FakeSlack.BOT_USER_ID);
            Map<String, String> env = BotProcess.env(fake);

            BotProcess bot = BotProcess.start(env, workDir);
            SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
            assertEquals(200, slack.command("/incident", "help", ALICE, GENERAL).statusCode());
            // Slack rate-limits everything from here on; only the token check a starting bot
            // makes is let through, because it is not what this is about.
            fake.rateLimit(c -> !c.method().equals("auth.test"), 1);
            HttpResponse<String> declared =
                    slack.command("/incident", "declare sev2 Payments are down", ALICE, GENERAL);
            assertEquals(200, declared.statusCode(), declared.body());
            assertTrue(
                    SlackRequests.text(declared).contains("Declaring *Payments are down*"),
                    declared.body());
            fake.await(
                    "conversations.create",
                    c -> true,
                    Duration.ofSeconds(20)); // tried, and refused
            bot.kill();
            assertTrue(
                    fake.succeeded().stream().noneMatch(c -> !c.method().equals("auth.test")),
                    "Slack carried out nothing before the kill");

            try (BotProcess restarted = BotProcess.start(env, workDir)) {
                fake.recover();
                FakeSlack.ApiRequest pin =
                        fake.await(
                                "pins.add",
                                c -> fake.succeeded("pins.add").contains(c),
                                Duration.ofSeconds(30));
                String channel = pin.param("channel");
                fake.await(
                        "chat.postMessage",
                        c ->
                                GENERAL.equals(c.param("channel"))
                                        && fake.succeeded("chat.postMessage").contains(c),
                        Duration.ofSeconds(30));
                fake.await(
                        "conversations.invite",
                        c -> fake.succeeded("conversations.invite").contains(c),
                        Duration.ofSeconds(30));
                fake.await(
                        "conversations.setPurpose",
                        c -> fake.succeeded("conversations.setPurpose").contains(c),
                        Duration.ofSeconds(30));

                List<FakeSlack.ApiRequest> created = fake.succeeded("conversations.create");
                assertEquals(1, created.size(), "one channel: " + created);
                assertEquals(
                        List.of(channel),
                        fake.succeeded("chat.postMessage").stream()
                                .filter(c -> c.param("blocks") != null)
                                .map(c -> c.param("channel"))
                                .toList(),
                        "one header, in the channel opened");
                FakeSlack.ApiRequest header =
                        fake.succeeded("chat.postMessage").stream()
                                .filter(c -> c.param("blocks") != null)
                                .findFirst()
                                .orElseThrow();
                assertTrue(
                        header.jsonText("blocks").contains("Payments are down"),
                        header.jsonText("blocks"));
                assertEquals(1, fake.succeeded("pins.add").size(), "pinned once");
                List<FakeSlack.ApiRequest> replies =
                        fake.succeeded("chat.postMessage").stream()
                                .filter(c -> GENERAL.equals(c.param("channel")))
                                .toList();
                assertEquals(1, replies.size(), "one reply where it was declared");
                assertTrue(
                        replies.get(0)
                                .param("text")
                                .contains("declared an incident: *Payments are down*"),
                        replies.get(0).param("text"));
                assertTrue(
                        replies.get(0).param("text").contains("<#" + channel + ">"),
                        replies.get(0).param("text"));
                Poll.until(
                        "Alice invited to the channel",
                        () -> fake.members(channel).contains(ALICE));
            }
        }
    }
}
