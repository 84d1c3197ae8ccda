package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.Slack;
import dev.wrapup.bot.roles.Admins;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackIdentity;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.bot.web.signin.ChannelAccess;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.SlackIdentities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sees how much of an incident: its channel's members and the admins all of it, the rest of the
 * workspace what may be published of a public channel's incident and nothing of a private one's;
 * Slack's answers reused for at most a minute, and a Slack that cannot answer shows nothing.
 */
class ChannelAccessTest extends BotTest {
    private static final String ADMIN = "U0ADMIN";

    private SlackIdentity identity;
    private ChannelAccess access;

    @BeforeEach
    void access() throws Exception {
        Slack slack = Wrapup.slack(bot.wrapup().config());
        identity =
                SlackIdentity.atStart(
                        slack.methods(TestBot.BOT_TOKEN),
                        fake.apiUrl(),
                        TestBot.BOT_TOKEN,
                        new SlackIdentities(bot.wrapup().database()),
                        clock);
        // One try per request, so that a failing Slack is seen at once.
        SlackApi api =
                new SlackApi(
                        slack.methods(TestBot.BOT_TOKEN),
                        1,
                        Duration.ofMillis(10),
                        new SimpleMeterRegistry());
        access = new ChannelAccess(api, new Admins(List.of(ADMIN), api), identity, clock);
    }

    @AfterEach
    void closeIdentity() {
        identity.close();
    }

    private Visibility of(String userId, Incident incident) {
        return access.of(new Viewer(userId, FakeSlack.TEAM_ID, userId), incident);
    }

    @Test
    void aPublicChannelsIncidentIsPublishedToTheWorkspaceAndWholeToItsMembers() {
        Incident incident = declareHere("C0PUB", "Public outage");
        assertEquals(Visibility.FULL, of(ALICE, incident));
        assertEquals(Visibility.FULL, of(BOB, incident));
        assertEquals(Visibility.PUBLISHED, of(CAROL, incident), "a member of the workspace");
        assertEquals(Visibility.FULL, of(ADMIN, incident));
        assertEquals(
                Visibility.NONE,
                access.of(new Viewer(ALICE, "T0OTHER", "Alice"), incident),
                "someone from another workspace, whatever their id");
    }

    @Test
    void aPrivateChannelsIncidentIsForItsMembersAndTheAdminsOnly() {
        Incident incident = declareHere("G0PRIV", "Private leak");
        assertEquals(Visibility.FULL, of(ALICE, incident));
        assertEquals(Visibility.NONE, of(CAROL, incident));
        assertEquals(Visibility.FULL, of(ADMIN, incident));
    }

    @Test
    void slacksAnswersAreReusedForAMinuteAtMost() {
        Incident incident = declareHere("C0PUB", "Public outage");
        int members = fake.requests("conversations.members").size();
        int infos = fake.requests("conversations.info").size();
        assertEquals(Visibility.PUBLISHED, of(CAROL, incident));
        assertEquals(Visibility.PUBLISHED, of(CAROL, incident));
        assertEquals(Visibility.FULL, of(ALICE, incident));
        assertEquals(members + 1, fake.requests("conversations.members").size());
        assertEquals(infos + 1, fake.requests("conversations.info").size());

        fake.join("C0PUB", CAROL);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Visibility.PUBLISHED, of(CAROL, incident), "not asked again yet");
        assertEquals(members + 1, fake.requests("conversations.members").size());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Visibility.FULL, of(CAROL, incident), "a minute on, Slack is asked again");
        assertEquals(members + 2, fake.requests("conversations.members").size());
    }

    @Test
    void whenSlackCannotSayTheIncidentIsShownToNobodyButTheAdmins() {
        Incident incident = declareHere("C0PUB", "Public outage");
        fake.fail("conversations.members", 500, 2, 0);
        fake.fail("conversations.info", 500, 2, 0);
        assertEquals(Visibility.NONE, of(CAROL, incident), "taken for private");
        assertEquals(Visibility.NONE, of(ALICE, incident), "taken for a non-member");
        assertEquals(Visibility.FULL, of(ADMIN, incident));

        // A failure is not remembered: the next request asks again.
        assertEquals(Visibility.FULL, of(ALICE, incident));
        assertEquals(Visibility.PUBLISHED, of(CAROL, incident));
    }
}
