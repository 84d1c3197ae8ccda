package dev.wrapup.bot.bench;

import ch.qos.logback.classic.Level;
import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast the bot acknowledges while Slack answers every Web API call with 429 and Retry-After 30:
 * every slash command, the declare form, the comment button and the comment form, in rounds, first
 * from one sender, then from four at once, all on 127.0.0.1 against the real {@code Wrapup.start}
 * wiring (temp H2 file) and the fake Slack. Prints p50/p99/max ack latency per phase and the
 * slowest kinds of request. Not a test; run it with {@code ./mvnw -q -B -pl bot -am test-compile
 * exec:exec@bench-ack}. Exits 1 when a request was not acknowledged with its expected answer.
 */
public final class AckUnderRateLimitDriver {
    private static final int RETRY_AFTER_SECONDS = 30;
    private static final int WARM_UP_ROUNDS = 15;
    private static final int ROUNDS = 40;
    private static final int SENDERS = 4;
    private static final int CONCURRENT_ROUNDS = 15;

    /** No phase may run longer than this, whatever the bot does. */
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(180);

    /** Slack shows the user an error when a command is not acknowledged within this. */
    private static final Duration SLACK_WAITS = Duration.ofSeconds(3);

    private static final String ALICE = "U0ALICE";
    private static final String BOB = "U0BOB";
    private static final String CAROL = "U0CAROL";
    private static final String GENERAL = "C0GENERAL";
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** One request: its kind, how to send it, and what its answer must contain (null: any 200). */
    private record Request(String kind, Supplier<HttpResponse<String>> send, String expected) {}

    /** What a phase measured. */
    private record Phase(
            String name,
            int senders,
            Histogram all,
            Map<String, Histogram> byKind,
            long notAcked,
            long overSlacksWait) {}

    private static final Map<String, LongAdder> NOT_ACKED = new ConcurrentHashMap<>();

    private AckUnderRateLimitDriver() {}

    public static void main(String[] args) throws Exception {
        // Under the storm every try of queued work logs a line; they would drown the table.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.ERROR);
        Path dataDir = Files.createTempDirectory("wrapup-bench-ack");
        boolean ok;
        try (FakeSlack fake = new FakeSlack()) {
            fake.addUser(ALICE, "Alice", "Europe/Berlin", 3600);
            fake.addUser(BOB, "Bob", "America/Los_Angeles", -28800);
            fake.addUser(CAROL, "Carol", "Pacific/Auckland", 46800);
            fake.addChannel(GENERAL, "general", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
            Map<String, String> env = TestBot.env(fake, dataDir);
            env.put("WRAPUP_ANALYSIS_DELAY", "PT1H");
            env.put("WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00");
            env.put("WRAPUP_LEARNINGS_CHANNEL", "C0LEARN");
            try (TestBot bot = TestBot.start(env)) {
                List<Sender> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    senders.add(Sender.setUp(bot, fake, s));
                }
                fake.rateLimitEverything(RETRY_AFTER_SECONDS);
                int slackCallsBefore = fake.requests().size();
                int carriedOutBefore = fake.succeeded().size();
                List<Phase> phases = new ArrayList<>();
                run("warm-up", senders.subList(0, 1), WARM_UP_ROUNDS);
                phases.add(run("sequential", senders.subList(0, 1), ROUNDS));
                phases.add(run("concurrent", senders, CONCURRENT_ROUNDS));
                System.out.printf(
                        "Acks while the fake Slack answers every Web API call 429 (Retry-After %d s):"
                                + " %d kinds of request (every slash command, the declare form, the comment button"
                                + " and form) per round after %d rounds of warm-up; %d cores%n",
                        RETRY_AFTER_SECONDS,
                        phases.get(0).byKind().size(),
                        WARM_UP_ROUNDS,
                        Runtime.getRuntime().availableProcessors());

                print(phases);
                int slackCalls = fake.requests().size() - slackCallsBefore;
                int carriedOut = fake.succeeded().size() - carriedOutBefore;
                int waiting = new Outbox(bot.wrapup().database()).pending().size();
                System.out.printf(
                        "Slack meanwhile: %d calls, %d carried out (the rest answered 429); Slack work"
                                + " waiting in the queue: %d items%n",
                        slackCalls, carriedOut, waiting);
                NOT_ACKED.forEach(
                        (why, n) -> System.out.printf("  not acked, %s (%d)%n", why, n.sum()));
                ok = phases.stream().allMatch(p -> p.notAcked() == 0);
            }
        } finally {
            deleteAll(dataDir);
        }
        System.exit(ok ? 0 : 1);
    }

    /** Each sender runs its rounds, one request after the other; the senders at once. */
    private static Phase run(String name, List<Sender> senders, int rounds) throws Exception {
        Histogram all = new ConcurrentHistogram(3);
        Map<String, Histogram> byKind = new ConcurrentHashMap<>();
        LongAdder notAcked = new LongAdder();
        LongAdder slow = new LongAdder();
        Instant deadline = Instant.now().plus(PHASE_LIMIT);
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        List<Future<?>> running = new ArrayList<>();
        for (Sender sender : senders) {
            running.add(
                    pool.submit(
                            () -> {
                                for (int r = 0;
                                        r < rounds && Instant.now().isBefore(deadline);
                                        r++) {
                                    for (Request request : sender.round()) {
                                        long start = System.nanoTime();
                                        String why = send(request);
                                        long micros = (System.nanoTime() - start) / 1000;
                                        all.recordValue(micros);
                                        byKind.computeIfAbsent(
                                                        request.kind(),
                                                        k -> new ConcurrentHistogram(3))
                                                .recordValue(micros);
                                        if (micros > SLACK_WAITS.toNanos() / 1000) {
                                            slow.increment();
                                        }
                                        if (why != null) {
                                            notAcked.increment();
                                            NOT_ACKED
                                                    .computeIfAbsent(
                                                            name
                                                                    + ", "
                                                                    + request.kind()
                                                                    + ": "
                                                                    + why,
                                                            k -> new LongAdder())
                                                    .increment();
                                        }
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get(PHASE_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new Phase(name, senders.size(), all, byKind, notAcked.sum(), slow.sum());
    }

    /** Null when acknowledged with the expected answer, else why not. */
    private static String send(Request request) {
        try {
            HttpResponse<String> response = request.send().get();
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            if (request.expected() != null
                    && !SlackRequests.text(response).contains(request.expected())) {
                return "answered \"" + SlackRequests.text(response) + "\"";
            }
            return null;
        } catch (RuntimeException | AssertionError e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void print(List<Phase> phases) {
        System.out.printf(
                "%n%-11s %7s %8s %7s %7s %8s %9s %9s%n",
                "phase",
                "senders",
                "requests",
                "p50 ms",
                "p99 ms",
                "max ms",
                "over 3 s",
                "not acked");
        for (Phase p : phases) {
            System.out.printf(
                    "%-11s %7d %8d %7.2f %7.2f %8.2f %9d %9d%n",
                    p.name(),
                    p.senders(),
                    p.all().getTotalCount(),
                    ms(p.all(), 50),
                    ms(p.all(), 99),
                    p.all().getMaxValue() / 1000.0,
                    p.overSlacksWait(),
                    p.notAcked());
        }
        for (Phase p : phases) {
            System.out.printf(
                    "%s, slowest kinds by p99: %s%n",
                    p.name(),
                    String.join(
                            ", ",
                            p.byKind().entrySet().stream()
                                    .sorted(Comparator.comparingDouble(e -> -ms(e.getValue(), 99)))
                                    .limit(5)
                                    .map(
                                            e ->
                                                    String.format(
                                                            "%s %.2f ms",
                                                            e.getKey(), ms(e.getValue(), 99)))
                                    .toList()));
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * One sender's channels and counters, so that every round's answers are what they should be.
     */
    private static final class Sender {
        private final TestBot bot;
        private final int id;
        private final String ops;
        private final String call;
        private final long callIncident;
        private int round;
        private int actions;

        private Sender(TestBot bot, int id, String ops, String call, long callIncident) {
            this.bot = bot;
            this.id = id;
            this.ops = ops;
            this.call = call;
            this.callIncident = callIncident;
        }

        /** Before the storm: an incident to run, and one resolved with its call planned. */
        static Sender setUp(TestBot bot, FakeSlack fake, int id) {
            String ops = "C0OPS" + id;
            String call = "C0CALL" + id;
            for (String channel : List.of(ops, call)) {
                fake.addChannel(
                        channel, channel.toLowerCase(), false, ALICE, BOB, FakeSlack.BOT_USER_ID);
                expect(
                        bot.slack()
                                .command(
                                        "/incident",
                                        "declare here sev2 Benchmark " + channel,
                                        ALICE,
                                        channel),
                        "now the incident channel");
                fake.await(
                        "pins.add",
                        c -> channel.equals(c.param("channel")),
                        Duration.ofSeconds(30));
            }
            expect(bot.slack().command("/incident", "resolve Set up", ALICE, call), "Resolved.");
            // The call is planned and announced once its calendar file is in the announcement's
            // thread.
            fake.await(
                    "files.completeUploadExternal",
                    c -> call.equals(c.param("channel_id")),
                    Duration.ofSeconds(30));
            Incident incident =
                    new Incidents(bot.wrapup().database()).findByChannel(call).orElseThrow();
            return new Sender(bot, id, ops, call, incident.id());
        }

        private static void expect(HttpResponse<String> response, String expected) {
            if (response.statusCode() != 200 || !SlackRequests.text(response).contains(expected)) {
                throw new IllegalStateException(
                        "set-up failed: " + response.statusCode() + " " + response.body());
            }
        }

        /**
         * The next round: every kind of request once, each leaving things so that the next round
         * can repeat it.
         */
        synchronized List<Request> round() {
            int r = round++;
            String u = id + "x" + r;
            SlackRequests slack = bot.slack();
            Instant from =
                    Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
            String maint = "C0M" + u;
            List<Request> round =
                    new ArrayList<>(
                            List.of(
                                    command(
                                            "/incident declare",
                                            "/incident",
                                            "declare sev2 Storm " + u,
                                            GENERAL,
                                            "Declaring"),
                                    command(
                                            "/incident declare here",
                                            "/incident",
                                            "declare here sev3 Here " + u,
                                            "C0H" + u,
                                            "now the incident channel"),
                                    command(
                                            "/incident declare (form)",
                                            "/incident",
                                            "declare sev3",
                                            GENERAL,
                                            "Opening a form"),
                                    command(
                                            "/incident status",
                                            "/incident",
                                            "status " + (r % 2 == 0 ? "identified" : "monitoring"),
                                            ops,
                                            "Status set to"),
                                    command(
                                            "/incident sev",
                                            "/incident",
                                            "sev " + (r % 2 == 0 ? "sev1" : "sev2"),
                                            ops,
                                            "Severity set to"),
                                    // Command goes back and forth: only the commander of the moment
                                    // may hand it over.
                                    command(
                                            "/incident commander",
                                            "/incident",
                                            "commander <@" + (r % 2 == 0 ? BOB : ALICE) + ">",
                                            ops,
                                            "is now the incident commander",
                                            r % 2 == 0 ? ALICE : BOB),
                                    command(
                                            "/incident note",
                                            "/incident",
                                            "note Queue depth " + u,
                                            ops,
                                            "Noted as a key moment"),
                                    command(
                                            "/incident timeline",
                                            "/incident",
                                            "timeline",
                                            ops,
                                            "timeline entries"),
                                    command(
                                            "/incident resolve",
                                            "/incident",
                                            "resolve Drained " + u,
                                            ops,
                                            "Resolved."),
                                    command(
                                            "/incident status (reopen)",
                                            "/incident",
                                            "status investigating",
                                            ops,
                                            "Reopened"),
                                    command(
                                            "/wrapup well",
                                            "/wrapup",
                                            "well Fast rollback " + u,
                                            call,
                                            "is recorded"),
                                    command(
                                            "/wrapup status",
                                            "/wrapup",
                                            "status",
                                            call,
                                            "Wrap-up of"),
                                    command(
                                            "/wrapup schedule",
                                            "/wrapup",
                                            "schedule "
                                                    + LocalDate.now(ZoneOffset.UTC)
                                                            .plusDays(30 + r % 28)
                                                    + " 10:00 Europe/Berlin",
                                            call,
                                            "Moved the analysis call"),
                                    // The commander names the facilitator, a different one each
                                    // round.
                                    command(
                                            "/wrapup facilitator",
                                            "/wrapup",
                                            "facilitator <@" + (r % 2 == 0 ? BOB : CAROL) + ">",
                                            call,
                                            "will facilitate"),
                                    command(
                                            "/wrapup action",
                                            "/wrapup",
                                            "action <@" + BOB + "> Cap retries " + u,
                                            call,
                                            "Action item " + (actions + 1) + " recorded"),
                                    command(
                                            "/wrapup action done",
                                            "/wrapup",
                                            "action done " + (actions + 1),
                                            call,
                                            "Closed action item " + (actions + 1)),
                                    command(
                                            "/wrapup start",
                                            "/wrapup",
                                            "start Launch " + u,
                                            "C0S" + u,
                                            "Started the wrap-up"),
                                    command(
                                            "/wrapup publish",
                                            "/wrapup",
                                            "publish",
                                            call,
                                            "Publishing the wrap-up"),
                                    command(
                                            "/maintenance plan",
                                            "/maintenance",
                                            "plan Swap "
                                                    + u
                                                    + " from "
                                                    + MINUTE.format(from)
                                                    + " to "
                                                    + MINUTE.format(from.plus(Duration.ofHours(1)))
                                                    + " UTC",
                                            maint,
                                            "Planned"),
                                    command(
                                            "/maintenance step",
                                            "/maintenance",
                                            "step <@" + BOB + "> Drain",
                                            maint,
                                            "Step 1 added"),
                                    command(
                                            "/maintenance begin",
                                            "/maintenance",
                                            "begin",
                                            maint,
                                            "has begun"),
                                    command(
                                            "/maintenance done",
                                            "/maintenance",
                                            "done 1",
                                            maint,
                                            "Step 1 is done."),
                                    command(
                                            "/maintenance impact",
                                            "/maintenance",
                                            "impact none " + u,
                                            maint,
                                            "impact recorded"),
                                    command(
                                            "/maintenance end",
                                            "/maintenance",
                                            "end",
                                            maint,
                                            "Ended."),
                                    new Request(
                                            "declare form submitted",
                                            () -> slack.interaction(declareForm("Form " + u)),
                                            null),
                                    new Request(
                                            "comment button",
                                            () -> slack.interaction(button(callIncident)),
                                            null),
                                    new Request(
                                            "comment form submitted",
                                            () -> slack.interaction(commentForm(callIncident, u)),
                                            null)));
            actions++;
            return round;
        }

        /** Alice's, who declared everything here: whoever may do what, she may. */
        private Request command(
                String kind, String command, String text, String channel, String expected) {
            return command(kind, command, text, channel, expected, ALICE);
        }

        private Request command(
                String kind,
                String command,
                String text,
                String channel,
                String expected,
                String user) {
            return new Request(
                    kind, () -> bot.slack().command(command, text, user, channel), expected);
        }
    }

    private static JsonObject declareForm(String title) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("title", title);
        inputs.put("description", null);
        return SlackRequests.viewSubmission(
                "incident_declare",
                "{\"channel\":\"" + GENERAL + "\",\"here\":false}",
                ALICE,
                inputs);
    }

    private static JsonObject button(long incidentId) {
        return SlackRequests.buttonClick(BOB, CommentModal.OPEN_ACTION, Long.toString(incidentId));
    }

    private static JsonObject commentForm(long incidentId, String u) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("well", null);
        inputs.put("wrong", "The alert was late " + u);
        inputs.put("better", null);
        return SlackRequests.viewSubmission(
                "wrapup_comments", Long.toString(incidentId), BOB, inputs);
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
