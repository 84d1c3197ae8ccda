package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.HttpBrowser;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with the app's client id and secret in its environment, where Bolt reads them by
 * itself: the bot still answers as the one workspace's bot, and the pages want a sign-in.
 */
class SignInJarIT {
    @TempDir Path workDir;

    @Test
    void aClientIdForSignInLeavesTheBotInItsWorkspace() throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            Map<String, String> env = BotProcess.env(fake);
            env.put("PATH", System.getenv("PATH"));
            env.putAll(TestBot.signInEnv(fake));
            fake.addUser("U0ALICE", "Alice", "Europe/Berlin", 3600);
            fake.addChannel("C0OPS", "ops", false, "U0ALICE", FakeSlack.BOT_USER_ID);

            try (BotProcess bot = BotProcess.start(env, workDir)) {
                SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
                HttpResponse<String> help = slack.command("/incident", "help", "U1", "C1");
                assertEquals(200, help.statusCode(), bot.output());
                String text = SlackRequests.text(help);
                assertFalse(text.contains("Please install"), text);
                assertTrue(text.contains("/incident declare [sev1-sev4] <title>"), help.body());

                assertTrue(
                        SlackRequests.text(
                                        slack.command(
                                                "/incident",
                                                "declare here sev2 Jar page",
                                                "U0ALICE",
                                                "C0OPS"))
                                .contains("now the incident channel"));

                // The page the jar serves, after signing in through the fake Slack: the
                // templates compiled into the jar render it.
                String site = "http://localhost:" + env.get("PORT");
                HttpBrowser browser = new HttpBrowser();
                HttpResponse<String> page = browser.get(site + "/incidents/1");
                assertEquals(302, page.statusCode(), bot.output());
                assertTrue(
                        HttpBrowser.location(page).toString().startsWith(fake.authorizeUrl()),
                        page.headers().map().toString());
                fake.signInAs("U0ALICE", FakeSlack.TEAM_ID, "Alice");
                HttpResponse<String> back = browser.follow(browser.follow(page));
                HttpResponse<String> signedIn = browser.follow(back);
                assertEquals(200, signedIn.statusCode(), signedIn.body() + bot.output());
                assertTrue(signedIn.body().contains("<h1>Jar page</h1>"), signedIn.body());
                assertTrue(
                        browser.get(site + "/assets/local-time.js").body().contains("function"),
                        "the page's script is in the jar");
            }
        }
    }
}
