package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.BotIdentity;
import dev.wrapup.persistence.SlackIdentities;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What auth.test at start decides, through Main as `java -jar` runs it: a Slack that cannot be
 * reached and a token Slack refuses are told apart, each saying what to do; a rate-limited or
 * failing Slack is waited for, or met with the identity stored before.
 */
class StartErrorsTest {
    @TempDir Path dataDir;
    FakeSlack fake;

    @BeforeEach
    void startFakeSlack() throws Exception {
        fake = new FakeSlack();
    }

    @AfterEach
    void stopFakeSlack() throws Exception {
        fake.close();
    }

    private record Run(int exitCode, String err) {}

    private Run run(Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Main.run(
                        new String[] {"run"},
                        env,
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSlackThatCannotBeReachedIsNamedWithItsAddress() throws Exception {
        Map<String, String> env = TestBot.env(fake, dataDir);
        String nowhere = "http://127.0.0.1:" + BotProcess.freePort() + "/api/";
        env.put("SLACK_API_URL", nowhere);
        Run run = run(env);
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(
                run.err()
                        .startsWith(
                                "Wrapup could not start: Slack cannot be reached at "
                                        + nowhere
                                        + ": "),
                run.err());
        assertTrue(run.err().contains("SLACK_API_URL"), run.err());
        assertFalse(run.err().contains("refused by Slack"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aTokenSlackRefusesIsAConfigurationErrorSayingHowToFixIt() {
        for (String error :
                new String[] {
                    "invalid_auth",
                    "not_authed",
                    "token_revoked",
                    "account_inactive",
                    "token_expired"
                }) {
            fake.answer("auth.test", call -> refusal(error));
            Run run = run(TestBot.env(fake, dataDir));
            assertEquals(2, run.exitCode(), error + ": " + run.err());
            assertTrue(
                    run.err()
                            .startsWith(
                                    "SLACK_BOT_TOKEN was refused by Slack (auth.test answered \""
                                            + error
                                            + "\")"),
                    run.err());
            assertTrue(run.err().contains("\"OAuth & Permissions\""), run.err());
            assertFalse(run.err().contains("cannot be reached"), run.err());
        }
    }

    @Test
    void aRateLimitedSlackWithNothingStoredIsWaitedForWithinBounds() {
        fake.fail("auth.test", 429, 1000, 3600);
        Run run = run(TestBot.env(fake, dataDir));
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(
                run.err()
                        .startsWith(
                                "Wrapup could not start: Slack at "
                                        + fake.apiUrl()
                                        + " did not confirm SLACK_BOT_TOKEN: auth.test answered HTTP 429 (rate-limited) and asked to wait "
                                        + "3600 s"),
                run.err());
        assertTrue(run.err().contains("no identity stored"), run.err());
        assertEquals(
                1, fake.requests("auth.test").size(), "a wait past the bound is not waited out");
    }

    @Test
    void aShortRateLimitOrAFailureAtFirstStartIsWaitedOut() throws Exception {
        fake.fail("auth.test", 429, 2, 1);
        try (TestBot bot = TestBot.start(fake, dataDir)) {
            assertEquals(3, fake.requests("auth.test").size());
            assertTrue(
                    Duration.between(
                                            fake.requests("auth.test").get(0).at(),
                                            fake.requests("auth.test").get(1).at())
                                    .toMillis()
                            >= 1000,
                    "Retry-After honoured");
            assertTrue(
                    SlackRequests.text(bot.slack().command("/incident", "help", "U1", "C1"))
                            .contains("/incident declare"));
        }
        // A first start elsewhere (nothing stored there) waits out a 5xx as well.
        fake.fail("auth.test", 503, 1, 0);
        try (TestBot bot = TestBot.start(fake, dataDir.resolve("elsewhere"))) {
            assertEquals(5, fake.requests("auth.test").size());
        }
    }

    @Test
    void aRateLimitedSlackAfterAnEarlierStartMeetsTheStoredIdentityAndIsAskedAgainLater()
            throws Exception {
        try (TestBot first = TestBot.start(fake, dataDir)) {
            assertEquals(1, fake.requests("auth.test").size());
        }
        // An hour's Retry-After: a start that waited it out would not return.
        fake.fail("auth.test", 429, 1, 3600);
        try (TestBot bot = TestBot.start(fake, dataDir)) {
            assertTrue(
                    SlackRequests.text(bot.slack().command("/incident", "help", "U1", "C1"))
                            .contains("/incident declare"),
                    "serving with the stored identity");
            assertEquals(
                    401,
                    bot.slack()
                            .post(
                                    SlackRequests.form(
                                            Map.of(
                                                    "command",
                                                    "/incident",
                                                    "text",
                                                    "help",
                                                    "user_id",
                                                    "U1",
                                                    "channel_id",
                                                    "C1",
                                                    "team_id",
                                                    "T0OTHER")),
                                    "application/x-www-form-urlencoded",
                                    Instant.now(),
                                    Map.of())
                            .statusCode(),
                    "and still refusing other workspaces with it");
            assertEquals(
                    2, fake.requests("auth.test").size(), "the next try waits for the Retry-After");
        }
    }

    @Test
    void theIdentityIsAskedForAgainInTheBackgroundAndStored() throws Exception {
        try (TestBot first = TestBot.start(fake, dataDir)) {
            assertEquals(1, fake.requests("auth.test").size());
        }
        fake.fail("auth.test", 500, 1, 0);
        fake.answer(
                "auth.test",
                call -> {
                    JsonObject o = new JsonObject();
                    o.addProperty("ok", true);
                    o.addProperty("team_id", FakeSlack.TEAM_ID);
                    o.addProperty("user_id", FakeSlack.BOT_USER_ID);
                    o.addProperty("bot_id", "B0RENAMED");
                    return o;
                });
        try (TestBot bot = TestBot.start(fake, dataDir)) {
            Poll.until(
                    "a second auth.test, in the background",
                    () -> fake.requests("auth.test").size() == 3);
            SlackIdentities identities = new SlackIdentities(bot.wrapup().database());
            BotIdentity stored =
                    Poll.value(
                            "the refreshed identity stored",
                            () -> identities.find(TestBot.BOT_TOKEN).orElseThrow(),
                            i -> "B0RENAMED".equals(i.botId()),
                            Duration.ofSeconds(10));
            assertEquals(FakeSlack.TEAM_ID, stored.teamId());
        }
    }

    private static JsonObject refusal(String error) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.addProperty("error", error);
        return o;
    }
}
