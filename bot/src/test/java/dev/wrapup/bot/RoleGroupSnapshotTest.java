package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.RoleGroups;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which role groups took part is noted when the call is announced and again at publication, and
 * `/wrapup status` names the groups nobody took part from.
 */
class RoleGroupSnapshotTest extends BotTest {
    static final String OPS = "C0OPS";
    static final String LEARN = "C0LEARN";

    @Override
    protected Map<String, String> env() {
        return Map.of(
                "WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00",
                "WRAPUP_LEARNINGS_CHANNEL", LEARN,
                "WRAPUP_ROLE_GROUPS", "frontend=S0FRONT,backend=S0BACK,support=S0SUP");
    }

    private List<String> noted(Incident incident) {
        return new RoleGroups(bot.wrapup().database())
                .of(incident.id()).stream()
                        .map(
                                g ->
                                        g.role()
                                                + (g.participated() ? " took part" : " absent")
                                                + (g.commented() ? ", commented" : ""))
                        .toList();
    }

    @Test
    void groupsAreNotedAtTheAnnouncementAndAgainAtPublication() {
        fake.addUsergroup("S0FRONT", ALICE);
        fake.addUsergroup("S0BACK", BOB);
        fake.addUsergroup("S0SUP", "U0DAVE");
        fake.addChannel(LEARN, "learnings", false, FakeSlack.BOT_USER_ID);
        Incident incident = declareHere(OPS, "Checkout errors");
        event(SlackEvents.message(OPS, BOB, "5xx on checkout", fake.nextTs()));
        command("/incident", "resolve Rolled back", ALICE, OPS);
        fake.await(
                "chat.postMessage",
                c -> c.param("text") != null && c.param("text").contains("*Analysis call:*"));
        Poll.until("groups noted at the announcement", () -> noted(incident).size() == 3);
        assertEquals(
                List.of("backend took part", "frontend took part", "support absent"),
                noted(incident));

        String status = command("/wrapup", "status", ALICE, OPS);
        assertTrue(status.contains("Role groups nobody took part from: *support*"), status);
        assertFalse(status.contains("U0DAVE"), "groups, not people: " + status);

        command("/wrapup", "well Rollback was quick", BOB, OPS);
        command("/wrapup", "publish", ALICE, OPS);
        Poll.until(
                "groups noted again at publication",
                () -> noted(incident).contains("backend took part, commented"));
        assertEquals(
                List.of("backend took part, commented", "frontend took part", "support absent"),
                noted(incident));
    }
}
