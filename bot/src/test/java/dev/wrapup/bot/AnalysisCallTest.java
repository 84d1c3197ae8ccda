package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The analysis call end to end, with working hours all day, every day, so that the slot is the
 * first half hour after the delay; the test moves the bot's clock to the call.
 */
class AnalysisCallTest extends BotTest {
    private static final Pattern DATE_TOKEN = Pattern.compile("<!date\\^(\\d+)\\^");

    @Override
    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestBot.signInEnv(fake));
        env.putAll(
                Map.of(
                        "WRAPUP_WORKING_HOURS",
                        "MON-SUN 00:00-24:00",
                        "WRAPUP_VIDEO_URL",
                        "https://meet.example/{channel}-{incident}",
                        "WRAPUP_REMINDER_DELAY",
                        "PT1H"));
        return env;
    }

    private AnalysisCalls calls() {
        return new AnalysisCalls(bot.wrapup().database());
    }

    private Incident resolvedIncident(String channel) {
        Incident incident = declareHere(channel, "Checkout latency");
        event(SlackEvents.message(channel, BOB, "p99 is 3s", fake.nextTs()));
        String ts = fake.nextTs();
        event(SlackEvents.message(channel, CAROL, "rolled back the feature flag", ts));
        event(SlackEvents.pin(true, channel, ALICE, ts, "rolled back", fake.nextTs()));
        command("/incident", "resolve Flag rolled back", ALICE, channel);
        return incident;
    }

    private static long dateToken(String text) {
        Matcher m = DATE_TOKEN.matcher(text);
        assertTrue(m.find(), "no <!date^…> token in: " + text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void resolveAnnouncesTheCallWithADateTokenAndACalendarFileThenStartsIt() {
        Instant resolvedAround = clock.instant();
        Incident incident = resolvedIncident("C0OPS");
        FakeSlack.ApiRequest announcement =
                fake.await(
                        "chat.postMessage",
                        c ->
                                "C0OPS".equals(c.param("channel"))
                                        && c.param("text") != null
                                        && c.param("text").contains("*Analysis call:*"));
        String text = announcement.param("text");
        long at = dateToken(text);
        // The default delay of a day, then the next half hour.
        Instant earliest = resolvedAround.plus(Duration.ofHours(24));
        assertTrue(
                at >= earliest.getEpochSecond() - 1
                        && at <= earliest.plus(Duration.ofMinutes(30)).getEpochSecond(),
                text);
        assertEquals(0, at % 1800, text);
        assertTrue(text.contains("facilitated by <@" + ALICE + ">"), text);
        assertTrue(text.contains("inside working hours for 3 of 3 participants"), text);

        FakeSlack.ApiRequest upload =
                fake.await("upload", c -> c.param("content").contains("BEGIN:VCALENDAR"));
        String ics = upload.param("content");
        assertTrue(ics.contains("UID:wrapup-incident-" + incident.id() + "@wrapup"), ics);
        assertTrue(ics.contains("SEQUENCE:0"), ics);
        FakeSlack.ApiRequest complete = fake.await("files.completeUploadExternal", c -> true);
        assertEquals("C0OPS", complete.param("channel_id"));
        String announcementTs = calls().find(incident.id()).orElseThrow().announcementTs();
        assertTrue(
                announcementTs != null && announcementTs.equals(complete.param("thread_ts")),
                "the calendar file is in the announcement's thread: " + complete.params());

        clock.advanceTo(Instant.ofEpochSecond(at).minusSeconds(1));
        assertEquals(0, bot.runDueTasks(), "nothing is due a second before the call");
        assertEquals(
                Instant.ofEpochSecond(at), bot.runWhenDue(AnalysisCallService.TASK, incident.id()));
        FakeSlack.ApiRequest call =
                fake.await(
                        "chat.postMessage",
                        c -> c.param("text") != null && c.param("text").contains("starts now"));
        String post = call.param("text");
        assertTrue(post.contains("https://meet.example/C0OPS-" + incident.id()), post);
        assertTrue(post.contains("not here to find out who is to blame"), post);
        assertTrue(
                post.contains(
                        "1. What went well\n2. What went wrong\n3. What we could do better next time"),
                post);
        assertTrue(post.contains("rolled back the feature flag"), "key moment listed: " + post);
        assertTrue(post.contains("/incidents/" + incident.id() + "|web page>"), post);
        for (String who : new String[] {ALICE, BOB, CAROL}) {
            assertTrue(post.contains("<@" + who + ">"), post);
            fake.await(
                    "chat.postMessage",
                    c ->
                            who.equals(c.param("channel"))
                                    && c.jsonText("blocks").contains("wrapup_comment_open"));
        }
        assertEquals(
                AnalysisCall.Status.STARTED, calls().find(incident.id()).orElseThrow().status());

        // What is said during the call lands on the same timeline.
        String during = fake.nextTs();
        event(SlackEvents.message("C0OPS", BOB, "the flag had no owner", during));
        assertEquals(incident.id(), entry("C0OPS", during).incidentId());
    }

    @Test
    void rescheduleMovesTheCallAndUpdatesTheSameCalendarEvent() {
        Incident incident = resolvedIncident("C0OPS");
        fake.await("upload", c -> c.param("content").contains("SEQUENCE:0"));
        String refused =
                command("/wrapup", "schedule 2099-01-01 10:00 Europe/Berlin", BOB, "C0OPS");
        assertTrue(refused.startsWith("Only the commander, who also facilitates"), refused);
        command("/wrapup", "facilitator <@" + BOB + ">", ALICE, "C0OPS");

        LocalDate day = LocalDate.now(clock).plusMonths(2);
        Instant at = day.atTime(10, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        String answer =
                command("/wrapup", "schedule " + day + " 10:00 Europe/Berlin", BOB, "C0OPS");
        assertTrue(
                answer.startsWith("Moved the analysis call to <!date^" + at.getEpochSecond() + "^"),
                answer);
        FakeSlack.ApiRequest moved =
                fake.await(
                        "chat.postMessage",
                        c ->
                                c.param("text") != null
                                        && c.param("text").contains("moved the analysis call"));
        assertEquals(at.getEpochSecond(), dateToken(moved.param("text")));
        String ics =
                fake.await("upload", c -> c.param("content").contains("SEQUENCE:1"))
                        .param("content");
        assertTrue(ics.contains("UID:wrapup-incident-" + incident.id() + "@wrapup"), ics);
        assertTrue(
                ics.contains(
                        "DTSTART:"
                                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                        .withZone(ZoneOffset.UTC)
                                        .format(at)),
                ics);
        assertEquals(at, calls().find(incident.id()).orElseThrow().scheduledAt());

        assertTrue(
                command("/wrapup", "schedule 2001-01-01 10:00", BOB, "C0OPS")
                        .contains("has passed"));
        assertTrue(
                command("/wrapup", "schedule tomorrow", BOB, "C0OPS")
                        .contains("/wrapup schedule <yyyy-mm-dd HH:mm>"));
        assertTrue(
                command("/wrapup", "schedule " + day + " 10:00 Mars/Olympus", BOB, "C0OPS")
                        .startsWith("`Mars/Olympus` is not a timezone"));
    }

    @Test
    void theCallersTimezoneIsTheDefault() {
        Incident incident = resolvedIncident("C0OPS");
        fake.await("upload", c -> true);
        Poll.until(
                "Bob's timezone known",
                () -> new Users(bot.wrapup().database()).find(BOB).isPresent());
        command("/wrapup", "facilitator <@" + BOB + ">", ALICE, "C0OPS");
        LocalDate day = LocalDate.now(clock).plusMonths(2);
        command("/wrapup", "schedule " + day + " 10:00", BOB, "C0OPS"); // Bob is in Los Angeles
        assertEquals(
                day.atTime(10, 0).atZone(ZoneId.of("America/Los_Angeles")).toInstant(),
                calls().find(incident.id()).orElseThrow().scheduledAt());
    }

    @Test
    void reopeningCancelsThePendingCallAndResolvingTwiceNeverSchedulesTwo() {
        Incident incident = resolvedIncident("C0OPS");
        fake.await("upload", c -> true);
        assertTrue(
                command("/incident", "resolve again", ALICE, "C0OPS").contains("already resolved"));

        String answer = command("/incident", "status investigating", BOB, "C0OPS");
        assertTrue(answer.contains("Reopened"), answer);
        fake.await(
                "chat.postMessage",
                c ->
                        c.param("text") != null
                                && c.param("text")
                                        .contains(
                                                "analysis call is cancelled because the incident was reopened"));
        assertEquals(
                AnalysisCall.Status.CANCELLED, calls().find(incident.id()).orElseThrow().status());
        assertTrue(
                bot.wrapup().scheduling().when(AnalysisCallService.TASK, incident.id()).isEmpty());

        command("/incident", "resolve for real this time", BOB, "C0OPS");
        Poll.until(
                "scheduled again, in the database and in Quartz",
                () ->
                        calls().find(incident.id()).orElseThrow().status()
                                        == AnalysisCall.Status.SCHEDULED
                                && bot.wrapup()
                                        .scheduling()
                                        .when(AnalysisCallService.TASK, incident.id())
                                        .isPresent());
        long announcements =
                fake.requests("chat.postMessage").stream()
                        .filter(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("*Analysis call:*"))
                        .count();
        assertEquals(
                2,
                Poll.value(
                        "two announcements",
                        () ->
                                fake.requests("chat.postMessage").stream()
                                        .filter(
                                                c ->
                                                        c.param("text") != null
                                                                && c.param("text")
                                                                        .contains(
                                                                                "*Analysis call:*"))
                                        .count(),
                        n -> n >= 2,
                        Duration.ofSeconds(5)));
        assertTrue(announcements <= 2);
    }

    @Test
    void theFacilitatorIsNamedAndMissingRoleGroupsAreSuggested() {
        fake.addUsergroup("S0FRONT", ALICE);
        fake.addUsergroup("S0BACK", "U0DAVE");
        restartWith(Map.of("WRAPUP_ROLE_GROUPS", "frontend=S0FRONT,backend=S0BACK"));
        declareHere("C0OPS", "Mobile login");
        assertTrue(
                command("/wrapup", "facilitator <@" + CAROL + "|carol>", ALICE, "C0OPS")
                        .contains("<@" + CAROL + "> will facilitate"));
        command("/incident", "resolve", ALICE, "C0OPS");
        String text =
                fake.await(
                                "chat.postMessage",
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("*Analysis call:*"))
                        .param("text");
        assertTrue(text.contains("facilitated by <@" + CAROL + ">"), text);
        assertTrue(text.contains("Nobody from *backend* took part"), text);
        assertFalse(text.contains("frontend"), text);
        assertFalse(text.contains("<!subteam"), "a suggestion never pings a whole group: " + text);
    }

    @Test
    void aBotStoppedBeforeTheCallAndStartedAfterItPostsTheCallExactlyOnce() throws Exception {
        Incident incident = resolvedIncident("C0OPS");
        fake.await("upload", c -> true);
        Instant at = calls().find(incident.id()).orElseThrow().scheduledAt();
        bot.close();
        clock.advanceTo(at.plusSeconds(1)); // the call's time passes while the bot is down
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("starts now")));

        var env = TestBot.env(fake, dataDir);
        env.putAll(env());
        restart(env);
        assertEquals(1, bot.runDueTasks());
        fake.await(
                "chat.postMessage",
                c -> c.param("text") != null && c.param("text").contains("starts now"));
        assertTrue(
                bot.wrapup().scheduling().when(AnalysisCallService.TASK, incident.id()).isEmpty());
        assertEquals(0, bot.runDueTasks());
        outboxDrained();
        assertEquals(
                AnalysisCall.Status.STARTED, calls().find(incident.id()).orElseThrow().status());
        assertEquals(
                1,
                fake.requests("chat.postMessage").stream()
                        .filter(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("starts now"))
                        .count());
    }

    @Test
    void aFiringRunAgainAfterItsReplicaDiedBeforeThePromptsSendsThemAndNotTheCallAgain() {
        Incident incident = resolvedIncident("C0OPS");
        fake.await("upload", c -> true);
        // What a replica killed right after the call's commit leaves: the call started (its
        // message queued with it) and nobody asked for a comment. Quartz runs the firing again.
        bot.wrapup()
                .database()
                .transaction(tx -> calls().claimStart(tx, incident.id(), clock.instant()));
        bot.runWhenDue(AnalysisCallService.TASK, incident.id());

        for (String user : List.of(ALICE, BOB, CAROL)) {
            fake.await(
                    "chat.postMessage",
                    c ->
                            user.equals(c.param("channel"))
                                    && c.param("text") != null
                                    && c.param("text").startsWith("Your comment on"));
        }
        outboxDrained();
        assertEquals(
                3,
                fake.requests("chat.postMessage").stream()
                        .filter(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").startsWith("Your comment on"))
                        .count());
        assertTrue(
                fake.requests("chat.postMessage").stream()
                        .noneMatch(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("starts now")),
                "the call's own message is the first firing's, not posted again");
    }
}
