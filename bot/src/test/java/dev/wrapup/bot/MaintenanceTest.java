package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.maintenance.MaintenanceAlerts;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.persistence.MaintenanceWindows;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /maintenance end to end: plan, heads-up, steps, begin, impact, end, verdict, wrap-up, report. */
class MaintenanceTest extends BotTest {
    static final String OPS = "C0MAINT";
    static final String ANNOUNCE = "C0ANNOUNCE";
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Override
    protected Map<String, String> env() {
        return Map.of(
                "WRAPUP_WORKING_HOURS",
                "MON-SUN 00:00-24:00",
                "WRAPUP_HEADS_UP",
                "PT1H",
                "WRAPUP_ANNOUNCE_CHANNEL",
                ANNOUNCE,
                "WRAPUP_LEARNINGS_CHANNEL",
                "C0LEARN");
    }

    private MaintenanceWindow window(Incident incident) {
        return new MaintenanceWindows(bot.wrapup().database()).find(incident.id()).orElseThrow();
    }

    private Incident plan(String title, Instant from, Instant to) {
        if (!fake.hasChannel(OPS)) {
            fake.addChannel(OPS, "db-upgrade", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        }
        String answer =
                command(
                        "/maintenance",
                        "plan "
                                + title
                                + " from "
                                + MINUTE.format(from)
                                + " to "
                                + MINUTE.format(to)
                                + " UTC",
                        ALICE,
                        OPS);
        assertTrue(answer.startsWith(":construction: Planned *" + title + "*"), answer);
        fake.await("pins.add", c -> OPS.equals(c.param("channel")));
        Incident incident = incidents().findByChannel(OPS).orElseThrow();
        assertEquals(IncidentKind.MAINTENANCE, incident.kind());
        return incident;
    }

    @Test
    void aWindowThatFailsAStepHasImpactAndEndsLateStillGetsItsWrapUp() {
        // The window is the current minute: planned inside the heads-up period, ending within a
        // minute.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Incident incident = plan("Postgres 16 upgrade", start, start.plus(Duration.ofMinutes(1)));
        bot.runDueTasks(); // the heads-up is due at once
        FakeSlack.ApiRequest headsUp =
                fake.await("chat.postMessage", c -> ANNOUNCE.equals(c.param("channel")));
        assertTrue(
                headsUp.param("text").contains("Planned maintenance: Postgres 16 upgrade"),
                headsUp.param("text"));
        assertTrue(
                headsUp.param("text").contains("<!date^" + start.getEpochSecond() + "^"),
                headsUp.param("text"));

        assertEquals(
                "Step 1 added for <@" + BOB + ">.",
                command("/maintenance", "step <@" + BOB + "|bob> Stop writers", ALICE, OPS));
        command("/maintenance", "step <@" + CAROL + "> Run pg_upgrade", ALICE, OPS);
        command("/maintenance", "step <@" + BOB + "> Start writers", ALICE, OPS);
        String before = fake.nextTs();
        event(SlackEvents.message(OPS, BOB, "before we begin: coffee?", before));

        assertEquals(
                "The window has begun; I'm recording the channel.",
                command("/maintenance", "begin", ALICE, OPS));
        assertEquals("The window has already begun.", command("/maintenance", "begin", ALICE, OPS));
        String during = fake.nextTs();
        event(SlackEvents.message(OPS, CAROL, "pg_upgrade is copying", during));
        command("/maintenance", "done 1", BOB, OPS);
        command("/maintenance", "failed 2 lock timeout on pg_catalog", CAROL, OPS);
        command("/maintenance", "impact checkout returned 500s for two minutes", BOB, OPS);
        fake.await(
                "chat.update",
                c -> c.jsonText("blocks").contains("failed — lock timeout on pg_catalog"));
        assertEquals("pg_upgrade is copying", entry(OPS, during).text());
        assertTrue(timeline().find(OPS, before).isEmpty(), "the channel is recorded from begin");

        // The planned end passes without `end`: the bot asks, and the overrun is recorded.
        assertEquals(
                start.plus(Duration.ofMinutes(1)),
                bot.runWhenDue(MaintenanceAlerts.END_CHECK_TASK, incident.id()));
        FakeSlack.ApiRequest asked =
                fake.await(
                        "chat.postMessage",
                        c ->
                                OPS.equals(c.param("channel"))
                                        && c.param("text") != null
                                        && c.param("text").contains("Is it over?"));
        assertTrue(asked.param("text").contains("<@" + ALICE + ">"), asked.param("text"));
        String ended = command("/maintenance", "end", ALICE, OPS);
        assertTrue(ended.contains("Planned steps done: 1 of 3 (1 failed)."), ended);
        assertTrue(ended.contains("Production impact was recorded."), ended);
        assertTrue(ended.contains("Overran the window by"), ended);
        assertTrue(window(incident).overrunAt() != null);

        bot.runWhenDue(AnalysisCallService.TASK, incident.id());
        FakeSlack.ApiRequest call =
                fake.await(
                        "chat.postMessage",
                        c ->
                                OPS.equals(c.param("channel"))
                                        && c.param("text") != null
                                        && c.param("text").contains("starts now"));
        assertTrue(
                call.param("text").indexOf("What went well")
                        < call.param("text").indexOf("What went wrong"));

        command("/wrapup", "well the rollback plan worked", CAROL, OPS);
        String md =
                new Reports(bot.wrapup().database())
                        .published(incidents().find(incident.id()).orElseThrow());
        assertTrue(md.startsWith("# Maintenance wrap-up: Postgres 16 upgrade"), md);
        assertTrue(md.contains("## Plan\n"), md);
        assertTrue(md.contains("1. Stop writers — owner: Bob — done"), md);
        assertTrue(
                md.contains(
                        "2. Run pg\\_upgrade — owner: Carol — failed (lock timeout on"
                                + " pg\\_catalog)"),
                md);
        assertTrue(md.contains("3. Start writers — owner: Bob — planned"), md);
        assertTrue(md.contains("## Verdict\n\n**Not everything went to plan**"), md);
        assertTrue(md.contains("Overran the window by 1 min."), md);
        assertTrue(md.indexOf("## What went well") < md.indexOf("## What went wrong"), md);
    }

    @Test
    void aFullySuccessfulWindowAlsoGetsItsWrapUpAndItsHeadsUpWaits() {
        Instant start = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        Incident incident = plan("Rotate TLS certificates", start, start.plus(Duration.ofHours(1)));
        assertEquals(
                start.minus(Duration.ofHours(1)),
                bot.wrapup()
                        .scheduling()
                        .when(MaintenanceAlerts.HEADS_UP_TASK, incident.id())
                        .orElseThrow());
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(c -> ANNOUNCE.equals(c.param("channel"))),
                "no heads-up yet, three hours ahead");
        command("/maintenance", "step <@" + BOB + "> Issue new certificates", ALICE, OPS);
        command("/maintenance", "step <@" + CAROL + "> Reload the load balancers", ALICE, OPS);
        command("/maintenance", "begin", ALICE, OPS);
        command("/maintenance", "done 1", BOB, OPS);
        command("/maintenance", "done 2", CAROL, OPS);
        String ended = command("/maintenance", "end", ALICE, OPS);
        assertTrue(ended.contains("*A success.*"), ended);
        assertTrue(ended.contains("Planned steps done: 2 of 2."), ended);
        assertTrue(ended.contains("No production impact was recorded."), ended);
        assertTrue(ended.contains("Ended on time."), ended);
        fake.await(
                "chat.postMessage",
                c ->
                        OPS.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("*Analysis call:*"));
        assertTrue(
                bot.wrapup()
                        .scheduling()
                        .when(MaintenanceAlerts.END_CHECK_TASK, incident.id())
                        .isEmpty());
        fake.await("chat.update", c -> c.jsonText("blocks").contains("A success"));
    }

    @Test
    void theHeadsUpGoesOutTheConfiguredTimeBeforeTheStart() {
        Instant start = clock.instant().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
        Incident incident = plan("Kernel patching", start, start.plus(Duration.ofMinutes(30)));
        clock.advanceTo(start.minus(Duration.ofHours(1)).minusSeconds(1));
        assertEquals(0, bot.runDueTasks(), "not before its time");
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(c -> ANNOUNCE.equals(c.param("channel"))));
        assertEquals(
                start.minus(Duration.ofHours(1)),
                bot.runWhenDue(MaintenanceAlerts.HEADS_UP_TASK, incident.id()));
        FakeSlack.ApiRequest headsUp =
                fake.await("chat.postMessage", c -> ANNOUNCE.equals(c.param("channel")));
        assertTrue(headsUp.param("text").contains("<#" + OPS + ">"), headsUp.param("text"));
        assertTrue(window(incident).headsUpAt() != null);
    }

    @Test
    void badInputGetsAClearAnswerAndChangesNothing() {
        Instant start = clock.instant().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.MINUTES);
        fake.addChannel(OPS, "db-upgrade", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        String backwards =
                command(
                        "/maintenance",
                        "plan Swap disks from "
                                + MINUTE.format(start)
                                + " to "
                                + MINUTE.format(start.minus(Duration.ofHours(1))),
                        ALICE,
                        OPS);
        assertTrue(backwards.startsWith("The window must end after it starts."), backwards);
        assertTrue(
                command("/maintenance", "plan Swap disks tomorrow", ALICE, OPS)
                        .startsWith("A plan needs a title"));
        assertTrue(
                command(
                                "/maintenance",
                                "plan Swap disks from "
                                        + MINUTE.format(start)
                                        + " to "
                                        + MINUTE.format(start.plusSeconds(3600))
                                        + " Mars/Olympus",
                                ALICE,
                                OPS)
                        .startsWith("`Mars/Olympus`"));
        assertTrue(
                command("/maintenance", "begin", ALICE, OPS)
                        .startsWith("There is no maintenance window"));
        assertTrue(incidents().all().isEmpty());

        Incident incident = plan("Swap disks", start, start.plus(Duration.ofHours(1)));
        assertEquals(
                "There is no step 4 in this plan.", command("/maintenance", "done 4", ALICE, OPS));
        assertTrue(
                command("/maintenance", "failed 1", ALICE, OPS)
                        .startsWith("Say why step 1 failed"));
        assertEquals(
                "The window has not begun: `/maintenance begin` first.",
                command("/maintenance", "end", ALICE, OPS));
        assertTrue(
                command("/maintenance", "step bob do it", ALICE, OPS)
                        .startsWith("A step needs an owner"));
        assertTrue(
                command(
                                "/maintenance",
                                "plan Another from "
                                        + MINUTE.format(start)
                                        + " to "
                                        + MINUTE.format(start.plusSeconds(7200)),
                                ALICE,
                                OPS)
                        .startsWith("This channel already has"));
        assertTrue(
                command("/incident", "declare here Unrelated", ALICE, OPS)
                        .contains("already has an open incident"));
        assertTrue(window(incident).steps().isEmpty());
        assertEquals(1, incidents().all().size());

        declareHere("C0INC", "Real incident");
        assertTrue(
                command(
                                "/maintenance",
                                "plan Patch from "
                                        + MINUTE.format(start)
                                        + " to "
                                        + MINUTE.format(start.plusSeconds(3600)),
                                ALICE,
                                "C0INC")
                        .startsWith("This channel already has"));
    }
}
