package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Vendor;
import dev.wrapup.persistence.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same flow on PostgreSQL (WRAPUP_TEST_POSTGRES_URL; skipped with a message when unset):
 * recording, retries, the Quartz job store clustered on PostgreSQL, a call that fires after a
 * restart exactly once, and the wrap-up.
 */
class PostgresEndToEndTest extends BotTest {
    private Map<String, String> env;

    @Override
    protected Map<String, String> env() {
        if (env == null) {
            env =
                    new HashMap<>(
                            Map.of(
                                    "WRAPUP_ANALYSIS_DELAY",
                                    "PT4S",
                                    "WRAPUP_WORKING_HOURS",
                                    "MON-SUN 00:00-24:00",
                                    "WRAPUP_SLOT_ALIGNMENT",
                                    "PT1S",
                                    "WRAPUP_REMINDER_DELAY",
                                    "PT1H",
                                    "WRAPUP_DB_URL",
                                    TestDatabases.freshPostgresSchema().url()));
        }
        return env;
    }

    @Test
    void incidentToCallToWrapUpOnPostgresql() {
        assertEquals(Vendor.POSTGRESQL, bot.wrapup().database().vendor());
        Incident incident = declareHere("C0OPS", "Postgres-backed incident");
        String ts = fake.nextTs();
        var message = SlackEvents.message("C0OPS", BOB, "replica lag 30s", ts);
        for (int retry = 0; retry < 3; retry++) {
            assertEquals(200, bot.slack().event(message, "Ev0PG0001", retry).statusCode());
        }
        assertEquals(1, entries(incident).stream().filter(e -> ts.equals(e.ts())).count());
        String editTs = fake.nextTs();
        event(
                SlackEvents.messageChanged(
                        "C0OPS", BOB, ts, "replica lag 30s", "replica lag 45s", editTs, editTs));
        assertEquals("replica lag 30s", entry("C0OPS", ts).versions().get(0).text());

        command("/incident", "resolve", ALICE, "C0OPS");
        AnalysisCalls calls = new AnalysisCalls(bot.wrapup().database());
        Instant at =
                Poll.value(
                                "the call scheduled",
                                () -> calls.find(incident.id()).orElse(null),
                                c -> c != null,
                                Duration.ofSeconds(10))
                        .scheduledAt();
        bot.close();
        Poll.until(
                "the call time to pass while the bot is down",
                () -> Instant.now().isAfter(at.plusSeconds(1)),
                Duration.ofSeconds(15));
        Map<String, String> again = TestBot.env(fake, dataDir);
        again.putAll(env());
        restart(again);
        fake.await(
                "chat.postMessage",
                c -> c.param("text") != null && c.param("text").contains("starts now"),
                Duration.ofSeconds(30));
        Poll.until(
                "the trigger used up",
                () ->
                        bot.wrapup()
                                .scheduling()
                                .when(AnalysisCallService.TASK, incident.id())
                                .isEmpty(),
                Duration.ofSeconds(10));
        assertEquals(
                AnalysisCall.Status.STARTED,
                new AnalysisCalls(bot.wrapup().database())
                        .find(incident.id())
                        .orElseThrow()
                        .status());
        assertEquals(
                1,
                fake.requests("chat.postMessage").stream()
                        .filter(
                                c ->
                                        c.param("text") != null
                                                && c.param("text").contains("starts now"))
                        .count());

        assertTrue(
                command("/wrapup", "well replicas caught up by themselves", BOB, "C0OPS")
                        .startsWith("Thanks"));
        assertTrue(
                command("/wrapup", "status", ALICE, "C0OPS")
                        .contains("Commented (1): <@" + BOB + ">"));
    }
}
