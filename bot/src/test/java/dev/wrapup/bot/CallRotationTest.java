package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.text.Ordinals;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.CallBurden;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets the call outside their working hours, end to end: a team of one in Auckland (Carol), two
 * in Berlin (Alice, Dieter) and one in San Francisco (Bob), with the default hours, MON-FRI
 * 09:00-17:00. In January Berlin (+01) works 08:00-16:00 UTC, Auckland (+13) and San Francisco
 * (-08) share 20:00-01:00 UTC (Monday to Thursday UTC); nothing suits three, so Berlin's afternoon
 * and the Pacific evening tie at two, and the ledger decides between them.
 */
class CallRotationTest extends BotTest {
    private static final String DIETER = "U0DIETER";
    private static final Set<String> BERLIN = Set.of(ALICE, DIETER);
    private static final Set<String> PACIFIC = Set.of(CAROL, BOB);

    @BeforeEach
    void team() {
        fake.addUser(DIETER, "Dieter", "Europe/Berlin", 3600);
        // The first Monday of next January at noon UTC: ten weekly incidents end before any
        // clock change of the three zones but San Francisco's (which keeps the tie, see below).
        LocalDate monday =
                LocalDate.now(clock)
                        .plusYears(1)
                        .withDayOfYear(1)
                        .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
        clock.advanceTo(monday.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    private AnalysisCalls calls() {
        return new AnalysisCalls(bot.wrapup().database());
    }

    /** Declares, hears from all four, resolves, and returns the call's announcement. */
    private FakeSlack.ApiRequest resolvedAndAnnounced(String channel) {
        fake.addChannel(
                channel,
                "ops-" + channel.toLowerCase(),
                false,
                ALICE,
                BOB,
                CAROL,
                DIETER,
                FakeSlack.BOT_USER_ID);
        declareHere(channel, "Checkout latency");
        for (String who : List.of(BOB, CAROL, DIETER)) {
            event(SlackEvents.message(channel, who, "looking", fake.nextTs()));
        }
        command("/incident", "resolve Flag rolled back", ALICE, channel);
        return fake.await(
                "chat.postMessage",
                c ->
                        channel.equals(c.param("channel"))
                                && c.param("text") != null
                                && c.param("text").contains("*Analysis call:*"));
    }

    @Test
    void overTenIncidentsTheInconvenienceIsSharedAndTheAnnouncementSaysHowOften() {
        Map<String, Integer> times = new HashMap<>();
        List<Set<String>> inconvenienced = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String channel = "C0ROT" + i;
            FakeSlack.ApiRequest announcement = resolvedAndAnnounced(channel);
            Incident incident = incidents().findByChannel(channel).orElseThrow();
            AnalysisCall call = calls().find(incident.id()).orElseThrow();
            Set<String> notSuited = Set.copyOf(call.notSuited());
            assertEquals(2, call.suited().size(), "two of four each time: " + call);
            assertTrue(
                    notSuited.equals(BERLIN) || notSuited.equals(PACIFIC),
                    "one side or the other: " + call);
            inconvenienced.add(notSuited);

            String text = announcement.param("text");
            assertTrue(text.contains("inside working hours for 2 of 4 participants"), text);
            for (String who : notSuited) {
                int n = times.merge(who, 1, Integer::sum);
                String zone = users().get(who);
                String local =
                        call.scheduledAt()
                                .atZone(ZoneId.of(zone))
                                .format(DateTimeFormatter.ofPattern("EEE HH:mm"));
                assertTrue(
                        text.contains(
                                "<@"
                                        + who
                                        + "> ("
                                        + local
                                        + " in "
                                        + zone
                                        + ", "
                                        + Ordinals.of(n)
                                        + " time this quarter)"),
                        "names " + who + " and the " + Ordinals.of(n) + " time: " + text);
            }
            assertTrue(text.contains("thank you for making the time"), text);
            clock.advance(Duration.ofDays(7));
        }

        // The earliest equally good slot is always Berlin's afternoon: without the ledger the
        // Pacific pair would have had all ten. With it the sides take turns.
        for (String who : List.of(ALICE, BOB, CAROL, DIETER)) {
            int n = times.getOrDefault(who, 0);
            assertTrue(n >= 3 && n <= 6, who + " inconvenienced " + n + " of 10: " + times);
        }
        for (int i = 1; i < inconvenienced.size(); i++) {
            assertTrue(
                    !inconvenienced.get(i).equals(inconvenienced.get(i - 1)),
                    "the same side twice running at " + (i + 1) + ": " + inconvenienced);
        }
        assertEquals(
                times,
                new CallBurden(bot.wrapup().database())
                        .since(Instant.EPOCH, List.of(ALICE, BOB, CAROL, DIETER), -1),
                "the ledger holds one line per person per inconvenient call");
    }

    @Test
    void movingTheCallReplacesItsLinesAndReopeningRemovesThem() {
        resolvedAndAnnounced("C0MOVE");
        Incident incident = incidents().findByChannel("C0MOVE").orElseThrow();
        CallBurden burden = new CallBurden(bot.wrapup().database());
        List<String> team = List.of(ALICE, BOB, CAROL, DIETER);
        assertEquals(Map.of(BOB, 1, CAROL, 1), burden.since(Instant.EPOCH, team, -1));

        // Wednesday 09:30 in Berlin: inside Berlin's hours, outside the Pacific pair's.
        LocalDate wednesday =
                LocalDate.now(clock).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
        String answer =
                command(
                        "/wrapup",
                        "schedule " + wednesday + " 22:00 Europe/Berlin",
                        ALICE,
                        "C0MOVE");
        assertTrue(answer.startsWith("Moved the analysis call"), answer);
        // 22:00 in Berlin is 21:00 UTC: Auckland's 10:00 and San Francisco's 13:00.
        Poll.until(
                "the ledger follows the call",
                () -> burden.since(Instant.EPOCH, team, -1).equals(Map.of(ALICE, 1, DIETER, 1)));
        FakeSlack.ApiRequest moved =
                fake.await(
                        "chat.postMessage",
                        c ->
                                c.param("text") != null
                                        && c.param("text").contains("moved the analysis call"));
        assertTrue(
                moved.param("text").contains("in Europe/Berlin, 1st time this quarter)"),
                moved.param("text"));

        command("/incident", "status investigating", BOB, "C0MOVE");
        Poll.until(
                "a cancelled call inconveniences nobody",
                () -> burden.since(Instant.EPOCH, team, -1).isEmpty());
        assertEquals(
                AnalysisCall.Status.CANCELLED, calls().find(incident.id()).orElseThrow().status());
    }

    /** Each person's Slack timezone, as the fake Slack describes them. */
    private static Map<String, String> users() {
        return Map.of(
                ALICE, "Europe/Berlin",
                DIETER, "Europe/Berlin",
                BOB, "America/Los_Angeles",
                CAROL, "Pacific/Auckland");
    }
}
