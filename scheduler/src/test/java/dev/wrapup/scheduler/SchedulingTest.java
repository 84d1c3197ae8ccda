package dev.wrapup.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;

/** Tasks on the real Quartz job store, run when due by the given clock. */
class SchedulingTest {
    private static final Instant NOW = Instant.parse("2030-05-06T10:00:00Z");

    @TempDir Path dir;
    private Database database;
    private Scheduler quartz;
    private Scheduling scheduling;
    private SimpleMeterRegistry meters;
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private void startWith(Clock clock) throws Exception {
        openWith(clock);
        scheduling.start();
    }

    /** The scheduler registered but not yet started, as while the bot is down. */
    private void openWith(Clock clock) throws Exception {
        database =
                Database.open(
                        new DatabaseSettings(
                                "jdbc:h2:file:"
                                        + dir.toAbsolutePath().resolve("wrapup")
                                        + ";WRITE_DELAY=0",
                                null,
                                null));
        database.migrate();
        quartz = QuartzFactory.create(database);
        meters = new SimpleMeterRegistry();
        scheduling = new Scheduling(quartz, clock, meters);
        scheduling.register("call", id -> ran.add("call " + id));
        scheduling.register("reminder", id -> ran.add("reminder " + id));
    }

    @BeforeEach
    void start() throws Exception {
        // Years ahead of the system clock, so Quartz itself fires none of these tasks.
        startWith(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void restartOnTheSystemClock() throws Exception {
        stop();
        startWith(Clock.systemUTC());
    }

    private void until(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private boolean settled() {
        try {
            return quartz.getCurrentlyExecutingJobs().isEmpty()
                    && quartz.getTriggerKeys(GroupMatcher.anyTriggerGroup()).isEmpty();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        scheduling.close();
        database.close();
    }

    @Test
    void runDueRunsWhatIsDueByTheClockInOrderOnceAndLeavesTheRest() {
        scheduling.at("reminder", 7, NOW.minus(Duration.ofMinutes(1)));
        scheduling.at("call", 7, NOW.minus(Duration.ofHours(1)));
        scheduling.at("call", 8, NOW);
        scheduling.at("call", 9, NOW.plusSeconds(1));

        assertEquals(3, scheduling.runDue());
        assertEquals(List.of("call 7", "reminder 7", "call 8"), ran);
        assertTrue(scheduling.when("call", 7).isEmpty(), "a task that ran is no longer planned");
        assertEquals(NOW.plusSeconds(1), scheduling.when("call", 9).orElseThrow());

        assertEquals(0, scheduling.runDue(), "nothing runs twice");
        assertEquals(3, ran.size());
        assertEquals(2.0, fired("call"), "counted as fired");
        assertEquals(1.0, fired("reminder"));
    }

    private double fired(String task) {
        return meters.counter("wrapup.jobs.fired", "task", task).count();
    }

    @Test
    void aRecurringTaskRunsWhenDueByTheClockAndStaysPlanned() throws Exception {
        // On the system clock: its first firing is a minute away, so runDue has nothing to run.
        restartOnTheSystemClock();
        scheduling.register("digest", id -> ran.add("digest " + id));
        scheduling.every("digest", Duration.ofMinutes(1));
        Instant first = scheduling.when("digest", 0).orElseThrow();
        assertEquals(0, scheduling.runDue());

        // A clock past its firing (as a test moves it) runs it on every call, and it stays planned.
        stop();
        startWith(Clock.fixed(first.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        scheduling.register("digest", id -> ran.add("digest " + id));
        scheduling.every("digest", Duration.ofMinutes(1));
        assertEquals(first, scheduling.when("digest", 0).orElseThrow(), "the stored plan is kept");
        scheduling.at("call", 1, first.minusSeconds(1));
        assertEquals(1, scheduling.runDue(), "the one-off task counted, the recurring one not");
        assertEquals(0, scheduling.runDue());
        assertEquals(List.of("call 1", "digest 0", "digest 0"), ran);
        assertTrue(scheduling.when("digest", 0).isPresent());

        // Another interval replaces the plan.
        scheduling.every("digest", Duration.ofMinutes(15));
        assertTrue(scheduling.when("digest", 0).orElseThrow().isAfter(first));
    }

    @Test
    void quartzFiresARecurringTaskAgainAndAgain() throws Exception {
        restartOnTheSystemClock();
        scheduling.register("digest", id -> ran.add("digest " + id));
        scheduling.every("digest", Duration.ofMillis(300));

        until("Quartz to fire it three times", () -> ran.size() >= 3);
        assertTrue(ran.stream().allMatch("digest 0"::equals), ran.toString());
    }

    @Test
    void aCancelledOrReplacedTaskIsNotRunByRunDue() {
        scheduling.at("call", 1, NOW.minusSeconds(5));
        scheduling.cancel("call", 1);
        scheduling.at("call", 2, NOW.minusSeconds(5));
        scheduling.at("call", 2, NOW.plus(Duration.ofHours(2)));

        assertEquals(0, scheduling.runDue());
        assertEquals(List.of(), ran);
    }

    @Test
    void aTaskThatFailsDoesNotStopTheOthers() {
        scheduling.register(
                "broken",
                id -> {
                    throw new IllegalStateException("broken " + id);
                });
        scheduling.at("broken", 1, NOW.minusSeconds(2));
        scheduling.at("call", 1, NOW.minusSeconds(1));

        assertEquals(2, scheduling.runDue());
        assertEquals(List.of("call 1"), ran);
        assertTrue(scheduling.when("broken", 1).isEmpty());
    }

    @Test
    void aTaskWhoseTimePassedWhileStoppedIsFiredByQuartzOnceAtStart() throws Exception {
        stop();
        openWith(Clock.systemUTC());
        scheduling.at(
                "call",
                5,
                Instant.now().minus(Duration.ofMinutes(10))); // stored while nothing fires
        assertEquals(List.of(), ran);

        scheduling.start();
        until("Quartz to fire the missed task", () -> ran.contains("call 5"));
        until("the trigger to be used up", this::settled);
        assertEquals(List.of("call 5"), ran);
        assertEquals(1.0, fired("call"));
        assertEquals(
                1.0,
                meters.counter("wrapup.jobs.misfired", "task", "call").count(),
                "ten minutes late is a misfire");
    }

    @Test
    void quartzStillFiresTasksByItself() throws Exception {
        restartOnTheSystemClock();
        scheduling.at("call", 3, Instant.now());

        until("Quartz to fire the task", () -> ran.contains("call 3"));
        until("the trigger to be used up", this::settled);
        assertEquals(List.of("call 3"), ran);
    }

    @Test
    void runDueAndQuartzFiringTheSameTasksRunEachOnce() throws Exception {
        restartOnTheSystemClock();
        Instant now = Instant.now();
        for (int id = 0; id < 20; id++) {
            scheduling.at("call", id, now);
        }

        until(
                "every task to run",
                () -> {
                    scheduling.runDue();
                    return ran.size() >= 20;
                });
        until("Quartz to finish what it began", this::settled);
        assertEquals(20, ran.size(), ran.toString());
        assertEquals(20, new HashSet<>(ran).size(), ran.toString());
    }
}
