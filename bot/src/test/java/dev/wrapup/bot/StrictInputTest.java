package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.WrapUps;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input is checked before anything is stored: dates that do not exist or lie too far ahead, and
 * text over its limit, get one line saying why (naming the limit), and change nothing; text exactly
 * at its limit is taken whole.
 */
class StrictInputTest extends BotTest {
    static final String OPS = "C0OPS";
    static final String MAINT = "C0MAINT";
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** Text of exactly n characters, words and all. */
    private static String text(int n) {
        return "The replica lagged because the vacuum held a lock. "
                        .repeat(n / 51 + 1)
                        .substring(0, n - 1)
                + ".";
    }

    /** The answer is this one line. */
    private static void oneLine(String expected, String answer) {
        assertEquals(expected, answer);
        assertTrue(!answer.contains("\n"), "one line: " + answer);
    }

    private WrapUps wrapups() {
        return new WrapUps(bot.wrapup().database());
    }

    private MaintenanceWindow window(Incident incident) {
        return new MaintenanceWindows(bot.wrapup().database()).find(incident.id()).orElseThrow();
    }

    // ---------------------------------------------------------------- titles

    @Test
    void aTitleOverFiveHundredCharactersIsRefusedEverywhereAndOneAtTheLimitIsTaken() {
        String refusal = "A title can be at most 500 characters; this one has 501.";
        oneLine(refusal, command("/incident", "declare sev2 " + text(501), ALICE, GENERAL));
        oneLine(refusal, command("/incident", "declare here " + text(501), ALICE, GENERAL));
        oneLine(refusal, command("/wrapup", "start " + text(501), ALICE, GENERAL));
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        fake.addChannel(MAINT, "db-upgrade", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        oneLine(
                refusal,
                command(
                        "/maintenance",
                        "plan "
                                + text(501)
                                + " from "
                                + MINUTE.format(start)
                                + " to "
                                + MINUTE.format(start.plusSeconds(3600))
                                + " UTC",
                        ALICE,
                        MAINT));
        assertTrue(incidents().all().isEmpty());
        assertTrue(fake.requests("conversations.create").isEmpty());

        String title = text(500);
        assertEquals(title, declareHere(OPS, title).title());
        assertTrue(
                command("/wrapup", "start " + title, ALICE, GENERAL)
                        .startsWith("Started the wrap-up of *"));
        assertTrue(
                command(
                                "/maintenance",
                                "plan "
                                        + title
                                        + " from "
                                        + MINUTE.format(start)
                                        + " to "
                                        + MINUTE.format(start.plusSeconds(3600))
                                        + " UTC",
                                ALICE,
                                MAINT)
                        .startsWith(":construction: Planned *"));
        assertEquals(
                List.of(title, title, title),
                incidents().all().stream().map(Incident::title).toList());
    }

    @Test
    void theDeclareFormRefusesAnOverlongTitleOrDescriptionOnTheFieldAndTakesOnesAtTheLimit() {
        fake.addChannel(OPS, "ops", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        JsonObject errors = formErrors(bot.slack().interaction(declareForm(text(501), text(3001))));
        assertEquals(
                "A title can be at most 500 characters; this one has 501.",
                errors.get("title").getAsString());
        assertEquals(
                "A description can be at most 3,000 characters; this one has 3,001.",
                errors.get("description").getAsString());
        assertEquals(
                Map.of(
                        "description",
                        "A description can be at most 3,000 characters; this one has 3,001."),
                asMap(formErrors(bot.slack().interaction(declareForm("Replica lag", text(3001))))));

        HttpResponse<String> taken = bot.slack().interaction(declareForm(text(500), text(3000)));
        assertEquals(200, taken.statusCode());
        assertTrue(!taken.body().contains("errors"), taken.body());
        Incident incident =
                Poll.value(
                        "the incident declared from the form",
                        () -> incidents().findByChannel(OPS).orElse(null),
                        i -> i != null,
                        Duration.ofSeconds(10));
        assertEquals(text(500), incident.title());
        assertEquals(text(3000), incident.description());
        assertEquals(1, incidents().all().size(), "the refused forms declared nothing");
    }

    // ---------------------------------------------------------------- incident texts

    @Test
    void aNoteOverItsLimitIsRefusedAndAddsNothing() {
        Incident incident = declareHere(OPS, "Replica lag");
        joins(OPS, BOB);
        int before = entries(incident).size();
        oneLine(
                "A note can be at most 3,000 characters; this one has 3,001.",
                command("/incident", "note " + text(3001), BOB, OPS));
        assertEquals(before, entries(incident).size());
        assertEquals(
                "Noted as a key moment on the timeline.",
                command("/incident", "note " + text(3000), BOB, OPS));
        assertEquals(text(3000), entries(incident).get(before).text());
    }

    @Test
    void aResolveSummaryOverItsLimitIsRefusedAndTheIncidentStaysOpen() {
        Incident incident = declareHere(OPS, "Replica lag");
        oneLine(
                "A resolve summary can be at most 3,000 characters; this one has 3,001.",
                command("/incident", "resolve " + text(3001), ALICE, OPS));
        Incident open = incidents().find(incident.id()).orElseThrow();
        assertEquals(IncidentStatus.INVESTIGATING, open.status());
        assertNull(open.summary());
        assertTrue(
                command("/incident", "resolve " + text(3000), ALICE, OPS).startsWith("Resolved."));
        assertEquals(text(3000), incidents().find(incident.id()).orElseThrow().summary());
    }

    // ---------------------------------------------------------------- wrap-up texts

    @Test
    void aCommentOverItsLimitIsRefusedByCommandAndOnTheFormsField() {
        Incident incident = declareHere(OPS, "Replica lag");
        oneLine(
                "A comment can be at most 3,000 characters; this one has 3,001.",
                command("/wrapup", "wrong " + text(3001), BOB, OPS));
        assertEquals(
                Map.of("wrong", "A comment can be at most 3,000 characters; this one has 3,001."),
                asMap(
                        formErrors(
                                bot.slack()
                                        .interaction(
                                                commentForm(
                                                        incident, "Paging worked", text(3001))))));
        assertTrue(wrapups().comments(incident.id()).isEmpty());

        assertTrue(
                command("/wrapup", "wrong " + text(3000), BOB, OPS)
                        .startsWith("Thanks, your comment"));
        HttpResponse<String> taken =
                bot.slack().interaction(commentForm(incident, text(3000), null));
        assertEquals(200, taken.statusCode());
        assertTrue(!taken.body().contains("errors"), taken.body());
        List<WrapUpComment> comments = wrapups().comments(incident.id());
        assertEquals(
                List.of(AgendaItem.WRONG, AgendaItem.WELL),
                comments.stream().map(WrapUpComment::item).toList());
        assertTrue(comments.stream().allMatch(c -> c.text().equals(text(3000))));
    }

    @Test
    void anActionItemOverItsLimitIsRefused() {
        Incident incident = declareHere(OPS, "Replica lag");
        oneLine(
                "An action item can be at most 1,000 characters; this one has 1,001.",
                command("/wrapup", "action <@" + BOB + "> " + text(1001), ALICE, OPS));
        oneLine(
                "An action item can be at most 1,000 characters; this one has 1,001.",
                command(
                        "/wrapup",
                        "action <@"
                                + BOB
                                + "> "
                                + text(1001)
                                + " due "
                                + LocalDate.now(ZoneOffset.UTC).plusDays(7),
                        ALICE,
                        OPS));
        assertTrue(wrapups().actions(incident.id()).isEmpty());
        assertTrue(
                command("/wrapup", "action <@" + BOB + "> " + text(1000), ALICE, OPS)
                        .startsWith("Action item 1"));
        assertEquals(text(1000), wrapups().actions(incident.id()).get(0).text());
    }

    // ---------------------------------------------------------------- maintenance texts

    private Incident planned() {
        fake.addChannel(MAINT, "db-upgrade", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        command(
                "/maintenance",
                "plan Swap disks from "
                        + MINUTE.format(start)
                        + " to "
                        + MINUTE.format(start.plusSeconds(3600))
                        + " UTC",
                ALICE,
                MAINT);
        return incidents().findByChannel(MAINT).orElseThrow();
    }

    @Test
    void aStepOverItsLimitIsRefused() {
        Incident incident = planned();
        oneLine(
                "A step can be at most 3,000 characters; this one has 3,001.",
                command("/maintenance", "step <@" + BOB + "> " + text(3001), ALICE, MAINT));
        assertTrue(window(incident).steps().isEmpty());
        assertEquals(
                "Step 1 added for <@" + BOB + ">.",
                command("/maintenance", "step <@" + BOB + "> " + text(3000), ALICE, MAINT));
        assertEquals(text(3000), window(incident).steps().get(0).text());
    }

    @Test
    void aFailureReasonOverItsLimitIsRefusedAndTheStepStaysPlanned() {
        Incident incident = planned();
        command("/maintenance", "step <@" + BOB + "> Stop the writers", ALICE, MAINT);
        oneLine(
                "The reason a step failed can be at most 3,000 characters; this one has 3,001.",
                command("/maintenance", "failed 1 " + text(3001), BOB, MAINT));
        assertEquals(MaintenanceWindow.State.PLANNED, window(incident).steps().get(0).state());
        assertEquals(
                "Step 1 is marked failed.",
                command("/maintenance", "failed 1 " + text(3000), BOB, MAINT));
        assertEquals(text(3000), window(incident).steps().get(0).failure());
    }

    @Test
    void anImpactOverItsLimitIsRefused() {
        Incident incident = planned();
        oneLine(
                "An impact can be at most 3,000 characters; this one has 3,001.",
                command("/maintenance", "impact " + text(3001), ALICE, MAINT));
        assertTrue(window(incident).impacts().isEmpty());
        assertTrue(
                command("/maintenance", "impact " + text(3000), ALICE, MAINT)
                        .startsWith("Production impact recorded"));
        assertEquals(text(3000), window(incident).impacts().get(0).text());
    }

    // ---------------------------------------------------------------- dates

    @Test
    void theCallIsNotMovedToADayThatDoesNotExistNorToMidnightAsTwentyFourNorBeyondAYear() {
        Incident incident = declareHere(OPS, "Replica lag");
        command("/incident", "resolve The vacuum was tuned", ALICE, OPS);
        AnalysisCalls calls = new AnalysisCalls(bot.wrapup().database());
        Instant planned =
                Poll.value(
                                "the call planned",
                                () -> calls.find(incident.id()).orElse(null),
                                c -> c != null,
                                Duration.ofSeconds(10))
                        .scheduledAt();

        oneLine(
                "`2027-02-30 10:00` is not a date: February 2027 has 28 days.",
                command("/wrapup", "schedule 2027-02-30 10:00", ALICE, OPS));
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        oneLine(
                "`"
                        + tomorrow
                        + " 24:00` is not a time of day: hours go from 0 to 23, and midnight is 0:00 of the "
                        + "next day.",
                command("/wrapup", "schedule " + tomorrow + " 24:00 UTC", ALICE, OPS));
        String beyond = LocalDate.now(ZoneOffset.UTC).plusYears(1).plusDays(2).toString();
        oneLine(
                "The analysis call can be moved at most a year ahead; hold it while people still remember the "
                        + "incident.",
                command("/wrapup", "schedule " + beyond + " 10:00 UTC", ALICE, OPS));
        assertEquals(
                planned,
                calls.find(incident.id()).orElseThrow().scheduledAt(),
                "the call did not move");

        String within = LocalDate.now(ZoneOffset.UTC).plusMonths(11).toString();
        assertTrue(
                command("/wrapup", "schedule " + within + " 10:00 UTC", ALICE, OPS)
                        .startsWith("Moved the analysis"));
        assertEquals(
                Instant.parse(within + "T10:00:00Z"),
                calls.find(incident.id()).orElseThrow().scheduledAt());
    }

    @Test
    void aWindowMustExistStartWithinTwoYearsAndLastAtMostAWeek() {
        fake.addChannel(MAINT, "db-upgrade", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        int nextYear = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
        oneLine(
                "`"
                        + nextYear
                        + "-02-30 22:00` is not a date: February "
                        + nextYear
                        + " has "
                        + YearMonth.of(nextYear, 2).lengthOfMonth()
                        + " days.",
                command(
                        "/maintenance",
                        "plan Swap disks from "
                                + nextYear
                                + "-02-30 22:00 to "
                                + nextYear
                                + "-03-01 02:00 UTC",
                        ALICE,
                        MAINT));
        oneLine(
                "`"
                        + nextYear
                        + "-03-01 24:00` is not a time of day: hours go from 0 to 23, and midnight is 0:00 of "
                        + "the next day.",
                command(
                        "/maintenance",
                        "plan Swap disks from "
                                + nextYear
                                + "-03-01 22:00 to "
                                + nextYear
                                + "-03-01 24:00 UTC",
                        ALICE,
                        MAINT));
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        Instant farOff = start.atZone(ZoneOffset.UTC).plusYears(2).plusDays(1).toInstant();
        oneLine(
                "A maintenance window can start at most two years ahead.",
                command(
                        "/maintenance",
                        "plan Swap disks from "
                                + MINUTE.format(farOff)
                                + " to "
                                + MINUTE.format(farOff.plusSeconds(3600))
                                + " UTC",
                        ALICE,
                        MAINT));
        oneLine(
                "A maintenance window can last at most 7 days; plan a longer change as several windows.",
                command(
                        "/maintenance",
                        "plan Swap disks from "
                                + MINUTE.format(start)
                                + " to "
                                + MINUTE.format(start.plus(Duration.ofDays(7)).plusSeconds(60))
                                + " UTC",
                        ALICE,
                        MAINT));
        assertTrue(incidents().all().isEmpty());

        assertTrue(
                command(
                                "/maintenance",
                                "plan Swap disks from "
                                        + MINUTE.format(start)
                                        + " to "
                                        + MINUTE.format(start.plus(Duration.ofDays(7)))
                                        + " UTC",
                                ALICE,
                                MAINT)
                        .startsWith(":construction:"));
        Incident incident = incidents().findByChannel(MAINT).orElseThrow();
        assertEquals(start.plus(Duration.ofDays(7)), window(incident).plannedEnd());
    }

    @Test
    void anActionIsNotDueOnADayThatDoesNotExistNorMoreThanThreeYearsAhead() {
        Incident incident = declareHere(OPS, "Replica lag");
        oneLine(
                "`2027-02-29` is not a date: February 2027 has 28 days.",
                command(
                        "/wrapup",
                        "action <@" + BOB + "> Tune the vacuum due 2027-02-29",
                        ALICE,
                        OPS));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        oneLine(
                "An action item can be due at most three years ahead (" + today.plusYears(3) + ").",
                command(
                        "/wrapup",
                        "action <@"
                                + BOB
                                + "> Tune the vacuum due "
                                + today.plusYears(3).plusDays(1),
                        ALICE,
                        OPS));
        oneLine(
                "An action item can be due at most three years ahead (" + today.plusYears(3) + ").",
                command(
                        "/wrapup",
                        "action <@" + BOB + "> Tune the vacuum due 9999-12-31",
                        ALICE,
                        OPS));
        assertTrue(wrapups().actions(incident.id()).isEmpty());
        assertTrue(
                command(
                                "/wrapup",
                                "action <@" + BOB + "> Tune the vacuum due " + today.plusYears(3),
                                ALICE,
                                OPS)
                        .startsWith("Action item 1"));
        assertEquals(today.plusYears(3), wrapups().actions(incident.id()).get(0).dueOn());
    }

    // ---------------------------------------------------------------- forms

    private static JsonObject declareForm(String title, String description) {
        JsonObject meta = new JsonObject();
        meta.addProperty("channel", OPS);
        meta.addProperty("here", true);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", title);
        values.put("description", description);
        return SlackRequests.viewSubmission("incident_declare", meta.toString(), ALICE, values);
    }

    private static JsonObject commentForm(Incident incident, String well, String wrong) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("well", well);
        values.put("wrong", wrong);
        values.put("better", null);
        return SlackRequests.viewSubmission(
                "wrapup_comments", Long.toString(incident.id()), BOB, values);
    }

    /** The errors a form submission was answered with, by block id. */
    private static JsonObject formErrors(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals("errors", body.get("response_action").getAsString(), response.body());
        return body.getAsJsonObject("errors");
    }

    private static Map<String, String> asMap(JsonObject errors) {
        Map<String, String> map = new LinkedHashMap<>();
        errors.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsString()));
        return map;
    }
}
