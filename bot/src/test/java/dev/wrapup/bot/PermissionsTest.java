package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.WrapUps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Who may do what, over signed HTTP: admins everything, the commander everything for their
 * incident, the facilitator the wrap-up, participants the response; every refusal is one line
 * naming who may, changes nothing, and leaves an audit line in the log.
 */
class PermissionsTest extends BotTest {
    static final String OPS = "C0OPS";
    static final String LEARN = "C0LEARN";
    static final String DANA = "U0DANA";
    static final String ERIN = "U0ERIN";
    static final String MALLORY = "U0MALLORY";

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @Override
    protected Map<String, String> env() {
        return Map.of("WRAPUP_LEARNINGS_CHANNEL", LEARN, "WRAPUP_ADMINS", DANA + ", S0ADMINS");
    }

    @BeforeEach
    void people() {
        fake.addUser(DANA, "Dana", "Europe/London", 0);
        fake.addUser(ERIN, "Erin", "Europe/London", 0);
        fake.addUser(MALLORY, "Mallory", "Europe/London", 0);
        fake.addUsergroup("S0ADMINS", ERIN);
        fake.addChannel(LEARN, "learnings", false, FakeSlack.BOT_USER_ID);
        // The admin group is read at start; a restart reads it with the members just added.
        restartWith(Map.of());
        Poll.until(
                "the admin group to be read",
                () -> !fake.requests("usergroups.users.list").isEmpty());
        audit.start();
        ((Logger) LoggerFactory.getLogger("dev.wrapup.audit")).addAppender(audit);
    }

    @AfterEach
    void stopAudit() {
        ((Logger) LoggerFactory.getLogger("dev.wrapup.audit")).detachAppender(audit);
    }

    /** Alice declares in #ops; Bob joins; Mallory is in the workspace but takes no part. */
    private Incident incident() {
        Incident incident = declareHere(OPS, "Checkout errors");
        joins(OPS, BOB);
        return incident;
    }

    private Incident now(Incident incident) {
        return incidents().find(incident.id()).orElseThrow();
    }

    private List<String> auditLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void nobodyAppointsThemselvesFacilitator() {
        Incident incident = incident();
        String refused = command("/wrapup", "facilitator <@" + BOB + ">", BOB, OPS);
        assertEquals(
                "Only the commander, who also facilitates (<@"
                        + ALICE
                        + ">) or a Wrapup admin can choose the "
                        + "facilitator.",
                refused);
        assertNull(now(incident).facilitatorId(), "nothing changed");
        assertTrue(
                auditLines()
                        .contains(
                                "refused: user="
                                        + BOB
                                        + " action=set-facilitator incident="
                                        + incident.id()
                                        + " channel="
                                        + OPS),
                auditLines().toString());

        String self = command("/wrapup", "facilitator <@" + DANA + ">", DANA, OPS);
        assertTrue(self.startsWith("Nobody can appoint themselves facilitator"), self);
        assertNull(now(incident).facilitatorId());

        assertTrue(
                command("/wrapup", "facilitator <@" + CAROL + ">", ALICE, OPS)
                        .contains("will facilitate"));
        assertEquals(CAROL, now(incident).facilitatorId());
        // The facilitator may hand it on, and the change is on the timeline.
        assertTrue(
                command("/wrapup", "facilitator <@" + BOB + ">", CAROL, OPS)
                        .contains("will facilitate"));
        assertEquals(BOB, now(incident).facilitatorId());
        List<String> roles =
                entries(incident).stream()
                        .map(TimelineEntry::text)
                        .filter(t -> t.startsWith("Facilitator:"))
                        .toList();
        assertEquals(2, roles.size(), roles.toString());
        fake.await(
                "chat.update",
                c ->
                        c.jsonText("blocks").contains("*Facilitator*\\n<@" + BOB + ">")
                                || c.jsonText("blocks").contains("*Facilitator*\\n\\u003c@" + BOB));
    }

    @Test
    void commandIsHandedOverOnlyByTheCommanderOrAnAdmin() {
        Incident incident = incident();
        String refused = command("/incident", "commander <@" + BOB + ">", BOB, OPS);
        assertEquals(
                "Only the commander (<@" + ALICE + ">) or a Wrapup admin can hand over command.",
                refused);
        assertEquals(ALICE, now(incident).commanderId());

        assertTrue(
                command("/incident", "commander <@" + CAROL + ">", DANA, OPS)
                        .contains("is now the incident commander"));
        assertEquals(CAROL, now(incident).commanderId());
        assertTrue(entries(incident).stream().anyMatch(e -> e.kind() == EntryKind.COMMANDER));
        // The old commander is just a participant now.
        assertTrue(
                command("/incident", "commander <@" + ALICE + ">", ALICE, OPS)
                        .startsWith("Only the commander (<@" + CAROL + ">)"));
    }

    @Test
    void onlyParticipantsRespond() {
        Incident incident = incident();
        int entries = entries(incident).size();
        for (String text :
                List.of(
                        "status identified",
                        "sev sev1",
                        "note it was the cache",
                        "resolve fixed")) {
            String refused = command("/incident", text, MALLORY, OPS);
            assertTrue(
                    refused.startsWith(
                            "Only the people taking part (who posted in, joined or were invited to this "
                                    + "channel), the commander, who also facilitates (<@"
                                    + ALICE
                                    + ">) or a Wrapup admin can "),
                    refused);
            assertEquals(1, refused.lines().count(), "one line");
        }
        assertEquals(entries, entries(incident).size(), "nothing recorded");
        assertEquals(IncidentStatus.INVESTIGATING, now(incident).status());
        assertEquals(
                4,
                auditLines().stream()
                        .filter(l -> l.contains("user=" + MALLORY + " action=respond"))
                        .count());

        assertEquals(
                "Status set to *identified*.", command("/incident", "status identified", BOB, OPS));
        joins(OPS, MALLORY);
        assertEquals("Severity set to *SEV1*.", command("/incident", "sev sev1", MALLORY, OPS));
    }

    @Test
    void publishingIsForTheFacilitatorTheCommanderAndAdminsIncludingAdminGroups() {
        Incident incident = incident();
        command("/incident", "resolve fixed", BOB, OPS);
        String refused = command("/wrapup", "publish", BOB, OPS);
        assertTrue(refused.startsWith("Only the commander, who also facilitates"), refused);
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(c -> LEARN.equals(c.param("channel"))));
        assertTrue(
                auditLines()
                        .contains(
                                "refused: user="
                                        + BOB
                                        + " action=publish incident="
                                        + incident.id()
                                        + " channel="
                                        + OPS),
                auditLines().toString());

        // Erin is an admin through the S0ADMINS user group.
        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ERIN, OPS));
        fake.await("chat.postMessage", c -> LEARN.equals(c.param("channel")));
    }

    @Test
    void onlyLeadsMoveTheCallAndTurnTheRemindersOff() {
        Incident incident = incident();
        command("/incident", "resolve fixed", ALICE, OPS);
        Poll.until(
                "the call to be planned",
                () -> new AnalysisCalls(bot.wrapup().database()).find(incident.id()).isPresent());
        Instant planned =
                new AnalysisCalls(bot.wrapup().database())
                        .find(incident.id())
                        .orElseThrow()
                        .scheduledAt();
        String when =
                DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
                        .withZone(ZoneOffset.UTC)
                        .format(planned.plus(Duration.ofDays(1)));
        String refused = command("/wrapup", "schedule " + when + " UTC", BOB, OPS);
        assertTrue(
                refused.startsWith(
                        "Only the commander, who also facilitates (<@"
                                + ALICE
                                + ">) or a Wrapup admin "
                                + "can move the analysis call"),
                refused);
        assertEquals(
                planned,
                new AnalysisCalls(bot.wrapup().database())
                        .find(incident.id())
                        .orElseThrow()
                        .scheduledAt(),
                "not moved");

        assertTrue(
                command("/wrapup", "remind off", BOB, OPS)
                        .contains("can start or stop the reminders"));
        assertTrue(command("/wrapup", "remind off", ALICE, OPS).startsWith("Reminders are off"));
        assertTrue(new WrapUps(bot.wrapup().database()).hasReached(incident.id(), "reminders-off"));
        assertTrue(command("/wrapup", "remind on", ALICE, OPS).startsWith("Reminders are on"));
        assertTrue(
                command("/wrapup", "remind sometimes", ALICE, OPS)
                        .contains("`/wrapup remind` takes"));
    }

    @Test
    void actionItemsAreClosedByTheirOwnerTheirCreatorOrTheLeads() {
        Incident incident = incident();
        joins(OPS, CAROL);
        command("/wrapup", "action <@" + CAROL + "> Add a cache alert", ALICE, OPS);
        String refused = command("/wrapup", "action done 1", BOB, OPS);
        assertEquals(
                "Only <@"
                        + CAROL
                        + ">, <@"
                        + ALICE
                        + ">, the commander, who also facilitates (<@"
                        + ALICE
                        + ">) or a Wrapup admin can close action item 1.",
                refused);
        assertTrue(
                command("/wrapup", "action done 1", CAROL, OPS).startsWith("Closed action item 1"));

        command("/wrapup", "action <@" + CAROL + "> Write the runbook", BOB, OPS);
        assertTrue(
                command("/wrapup", "action done 2", BOB, OPS).startsWith("Closed action item 2"),
                "its creator");
        String outsider = command("/wrapup", "action <@" + CAROL + "> Something", MALLORY, OPS);
        assertTrue(outsider.startsWith("Only the people taking part"), outsider);
        assertEquals(2, new WrapUps(bot.wrapup().database()).actions(incident.id()).size());
    }

    @Test
    void aMaintenancePlanIsChangedByItsCommanderAndFacilitatorAndStepsByTheirOwners() {
        fake.addChannel("C0MAINT", "maint", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        String from =
                DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now().plus(Duration.ofDays(2)));
        String to =
                DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(2)));
        assertTrue(
                command(
                                "/maintenance",
                                "plan DB upgrade from " + from + " to " + to + " UTC",
                                ALICE,
                                "C0MAINT")
                        .startsWith(":construction: Planned"));
        Incident window = incidents().findByChannel("C0MAINT").orElseThrow();
        assertTrue(
                command("/maintenance", "step <@" + BOB + "> Stop writers", BOB, "C0MAINT")
                        .startsWith(
                                "Only the commander, who also facilitates (<@"
                                        + ALICE
                                        + ">) or a Wrapup admin can change "
                                        + "this maintenance window's plan"));
        assertTrue(
                command("/maintenance", "step <@" + BOB + "> Stop writers", ALICE, "C0MAINT")
                        .startsWith("Step 1"));
        assertTrue(
                command("/maintenance", "begin", BOB, "C0MAINT").startsWith("Only the commander"));
        assertEquals(IncidentStatus.PLANNED, now(window).status());
        assertTrue(
                command("/maintenance", "begin", ALICE, "C0MAINT")
                        .startsWith("The window has begun"));
        assertEquals(
                "Only <@"
                        + BOB
                        + ">, the commander, who also facilitates (<@"
                        + ALICE
                        + ">) or a Wrapup admin "
                        + "can mark step 1.",
                command("/maintenance", "failed 1 it broke", CAROL, "C0MAINT"));
        assertEquals("Step 1 is done.", command("/maintenance", "done 1", BOB, "C0MAINT"));
        assertTrue(
                command("/maintenance", "end", CAROL, "C0MAINT").startsWith("Only the commander"));
        assertEquals(IncidentStatus.IN_PROGRESS, now(window).status());
    }
}
