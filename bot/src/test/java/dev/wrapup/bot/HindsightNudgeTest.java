package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.WrapUps;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hindsight and counterfactual wording in an incident channel or a wrap-up comment gets one private
 * second-story question; what was written is kept as written.
 */
class HindsightNudgeTest extends BotTest {
    static final String OPS = "C0OPS";

    private List<FakeSlack.ApiRequest> nudgesTo(String user) {
        return fake.requests("chat.postEphemeral").stream()
                .filter(c -> user.equals(c.param("user")))
                .toList();
    }

    @Test
    void hindsightInTheChannelGetsAPrivateQuestionAndIsRecordedUnchanged() {
        declareHere(OPS, "Certificate expired");
        String ts = fake.nextTs();
        String text = "tbh <@" + BOB + "|bob> should have checked the expiry date";
        event(SlackEvents.message(OPS, CAROL, text, ts));

        FakeSlack.ApiRequest nudge =
                fake.await("chat.postEphemeral", c -> CAROL.equals(c.param("user")));
        assertEquals(OPS, nudge.param("channel"));
        assertTrue(
                nudge.param("text").contains("What made that look reasonable at the time?"),
                nudge.param("text"));
        assertTrue(
                nudge.param("text").contains("\"<@" + BOB + "|bob> should have checked\""),
                nudge.param("text"));
        assertEquals(text, entry(OPS, ts).text(), "recorded unchanged");
    }

    @Test
    void eachCategoryAsksItsOwnQuestionInCommentsToo() {
        Incident incident = declareHere(OPS, "Queue backlog");
        String comment = "All he had to do was read the alert";
        command("/wrapup", "wrong " + comment, ALICE, OPS);
        FakeSlack.ApiRequest nudge =
                fake.await("chat.postEphemeral", c -> ALICE.equals(c.param("user")));
        assertTrue(
                nudge.param("text")
                        .contains("What made that step harder in the moment than it looks now?"),
                nudge.param("text"));
        assertEquals(
                comment,
                new WrapUps(bot.wrapup().database()).comments(incident.id()).get(0).text());

        event(SlackEvents.message(OPS, BOB, "the root cause was <@" + CAROL + ">", fake.nextTs()));
        FakeSlack.ApiRequest rootCause =
                fake.await("chat.postEphemeral", c -> BOB.equals(c.param("user")));
        assertTrue(
                rootCause.param("text").contains("Which conditions let that one action cause harm"),
                rootCause.param("text"));
    }

    @Test
    void blameAndHindsightInOneMessageGetOneNudgeAboutBlame() {
        declareHere(OPS, "Bad deploy");
        event(
                SlackEvents.message(
                        OPS,
                        CAROL,
                        "it was <@" + BOB + ">'s fault, he obviously should have tested it",
                        fake.nextTs()));
        FakeSlack.ApiRequest nudge =
                fake.await("chat.postEphemeral", c -> CAROL.equals(c.param("user")));
        assertTrue(nudge.param("text").contains("What made this easy to get wrong?"));
        // A second message from someone else, nudged too: once it is sent, Carol's queue is done.
        event(SlackEvents.message(OPS, ALICE, "if only we had a canary", fake.nextTs()));
        fake.await("chat.postEphemeral", c -> ALICE.equals(c.param("user")));
        outboxDrained();
        assertEquals(1, nudgesTo(CAROL).size(), "one nudge, not two");
    }

    @Test
    void ordinaryTalkIsNotNudged() {
        declareHere(OPS, "Access request");
        for (String text :
                List.of(
                        "you should have access now",
                        "we should have a runbook for this",
                        "the alert should have fired at 03:00",
                        "simply put, the cache was cold",
                        "we just had to wait for the TTL",
                        "the root cause was the config")) {
            event(SlackEvents.message(OPS, CAROL, text, fake.nextTs()));
        }
        event(SlackEvents.message(OPS, BOB, "obviously the cache", fake.nextTs()));
        fake.await("chat.postEphemeral", c -> BOB.equals(c.param("user")));
        outboxDrained();
        assertEquals(List.of(), nudgesTo(CAROL));
    }
}
