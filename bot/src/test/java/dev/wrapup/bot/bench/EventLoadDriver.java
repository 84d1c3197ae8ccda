package dev.wrapup.bot.bench;

import ch.qos.logback.classic.Level;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.MessageEvent;
import com.sun.management.OperatingSystemMXBean;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Timeline;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load benchmark of message events: posts signed {@code message} events to the real Wrapup wiring
 * and to the same Bolt stack with a handler that does nothing, in one run, and prints events/s and
 * ack latency for each. Not a test; run it with {@code ./mvnw -q -B -pl bot -am test-compile
 * exec:exec@bench}.
 */
public final class EventLoadDriver {
    private static final int SENDERS = 16;

    /** Warm-up goes in rounds of this many events per stack... */
    private static final int WARM_UP = 500;

    /**
     * ...until the JIT compiler spends less than this share of a round compiling, three rounds
     * running: on 2 cores it otherwise takes half the CPU for the first minute.
     */
    private static final double JIT_QUIET = 0.10;

    private static final int QUIET_ROUNDS = 3;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(90);
    private static final int SATURATION = 5000;

    /**
     * Saturation alternates between the stacks in this many rounds, so that both meet the same
     * background load: on a shared 2-core machine it moves from minute to minute.
     */
    private static final int ROUNDS = 5;

    private static final int RATE = 200;

    /**
     * Enough blocking senders for 200/s with up to ~300 ms per answer; beyond, sends queue (and
     * count).
     */
    private static final int RATE_SENDERS = 64;

    private static final Duration RATE_FOR = Duration.ofSeconds(10);

    /** No phase may run longer than this, whatever the stack does. */
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(120);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final String CHANNEL = "C0LOAD";
    private static final List<String> PEOPLE = List.of("U0ALICE", "U0BOB", "U0CAROL");
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    /**
     * Why requests were not acked 200, by stack and phase: printed, so a failure can be told from
     * noise.
     */
    private static final Map<String, LongAdder> NOT_ACKED = new ConcurrentSkipListMap<>();

    /**
     * A stack under load; {@code stored} counts its timeline entries, null where nothing is stored.
     */
    record Stack(String name, URI endpoint, IntSupplier stored) {}

    /** One phase's figures; {@code stored} is null where nothing is stored (the no-op stack). */
    record Phase(
            String stack,
            String name,
            int sent,
            int acked,
            int failed,
            double seconds,
            double cpuSeconds,
            Histogram micros,
            Integer stored) {
        double perSecond() {
            return sent / seconds;
        }

        /**
         * CPU time this JVM (driver and both stacks) spent per event: steady when other load comes
         * and goes.
         */
        double cpuMsPerEvent() {
            return cpuSeconds * 1000 / sent;
        }

        double ms(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }

        /** This phase and a later round of it, as one. */
        Phase plus(Phase round) {
            Histogram both = micros.copy();
            both.add(round.micros());
            return new Phase(
                    stack,
                    name,
                    sent + round.sent(),
                    acked + round.acked(),
                    failed + round.failed(),
                    seconds + round.seconds(),
                    cpuSeconds + round.cpuSeconds(),
                    both,
                    stored == null ? null : stored + round.stored());
        }
    }

    private EventLoadDriver() {}

    public static void main(String[] args) throws Exception {
        // The stacks' INFO lines would drown the table.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        Path dataDir = Files.createTempDirectory("wrapup-bench");
        List<Phase> phases = new ArrayList<>();
        boolean ok;
        // One client for every request: HTTP/1.1 keep-alive, so connections are reused. The
        // JDK client keeps an idle connection 20 minutes, Jetty only 30 s: a request sent on
        // one just as Jetty closes it fails without reaching the stack. Closing them first
        // avoids that race, as Slack's own client must.
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        try (FakeSlack fake = new FakeSlack();
                NoopStack noop = NoopStack.start(fake);
                TestBot bot = TestBot.start(fake, dataDir)) {
            PEOPLE.forEach(id -> fake.addUser(id, id.substring(2).toLowerCase(), "UTC", 0));
            fake.addChannel(
                    CHANNEL,
                    "ops-load",
                    false,
                    PEOPLE.get(0),
                    PEOPLE.get(1),
                    FakeSlack.BOT_USER_ID);
            Incident incident = declareHere(fake, bot);
            Timeline timeline = new Timeline(bot.wrapup().database());
            int declared = timeline.count(incident.id());
            System.out.printf(
                    "Event load: %d senders; warm-up until the JIT is quiet, %d events at saturation"
                            + " (%d rounds, the stacks taking turns), then %d/s for %ds; %d cores;"
                            + " timeline entries after the declare: %d%n",
                    SENDERS,
                    SATURATION,
                    ROUNDS,
                    RATE,
                    RATE_FOR.toSeconds(),
                    Runtime.getRuntime().availableProcessors(),
                    declared);

            List<Stack> stacks =
                    List.of(
                            new Stack("no-op", noop.endpoint(), null),
                            new Stack(
                                    "wrapup",
                                    URI.create(bot.baseUrl() + "/slack/events"),
                                    () -> timeline.count(incident.id())));
            phases.addAll(run(stacks, http));

            int total = timeline.count(incident.id());
            int acked =
                    phases.stream()
                            .filter(p -> p.stack().equals("wrapup"))
                            .mapToInt(Phase::acked)
                            .sum();
            print(phases);
            System.out.printf(
                    "durability: %d events acked, %d timeline entries = %d from the declare + %d%n",
                    acked, total, declared, total - declared);
            ok = report(phases, total - declared == acked);
        } finally {
            deleteAll(dataDir);
        }
        // The HTTP client's and the SDK's threads would otherwise keep the JVM up.
        System.exit(ok ? 0 : 1);
    }

    /**
     * Each stack warmed up; saturation in rounds taking turns between the stacks; then each stack
     * at the fixed rate. The phases come back stack by stack.
     */
    private static List<Phase> run(List<Stack> stacks, HttpClient http) throws Exception {
        Phase[][] phases = new Phase[stacks.size()][3];
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long warmUpEnd = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        double compiling;
        int quiet = 0;
        do {
            long jitBefore = jit.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            for (int s = 0; s < stacks.size(); s++) {
                Stack stack = stacks.get(s);
                Phase p =
                        measure(
                                stack,
                                () ->
                                        saturate(
                                                stack.name(),
                                                "warm-up",
                                                http,
                                                requests(stack.endpoint(), WARM_UP)));
                phases[s][0] = phases[s][0] == null ? p : phases[s][0].plus(p);
            }
            compiling =
                    (jit.getTotalCompilationTime() - jitBefore)
                            / (double)
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart);
            quiet = compiling < JIT_QUIET ? quiet + 1 : 0;
        } while (quiet < QUIET_ROUNDS && System.nanoTime() < warmUpEnd);
        System.out.printf(
                "warm-up: %d events per stack; the JIT compiled for %.0f%% of the last round%s%n",
                phases[0][0].sent(), compiling * 100, quiet < QUIET_ROUNDS ? " (time limit)" : "");
        for (int round = 0; round < ROUNDS; round++) {
            for (int s = 0; s < stacks.size(); s++) {
                Stack stack = stacks.get(s);
                Phase p =
                        measure(
                                stack,
                                () ->
                                        saturate(
                                                stack.name(),
                                                "saturation",
                                                http,
                                                requests(stack.endpoint(), SATURATION / ROUNDS)));
                phases[s][1] = phases[s][1] == null ? p : phases[s][1].plus(p);
            }
        }
        int count = (int) (RATE * RATE_FOR.toSeconds());
        for (int s = 0; s < stacks.size(); s++) {
            Stack stack = stacks.get(s);
            phases[s][2] =
                    measure(
                            stack,
                            () ->
                                    fixedRate(
                                            stack.name(),
                                            RATE + "/s",
                                            http,
                                            requests(stack.endpoint(), count)));
        }
        return Stream.of(phases).flatMap(Stream::of).toList();
    }

    private interface PhaseRun {
        Phase run() throws Exception;
    }

    /** Runs the phase and, for Wrapup, counts the timeline entries it added. */
    private static Phase measure(Stack stack, PhaseRun run) throws Exception {
        int before = stack.stored() == null ? 0 : stack.stored().getAsInt();
        Phase p = run.run();
        if (stack.stored() == null) {
            return p;
        }
        return new Phase(
                p.stack(),
                p.name(),
                p.sent(),
                p.acked(),
                p.failed(),
                p.seconds(),
                p.cpuSeconds(),
                p.micros(),
                stack.stored().getAsInt() - before);
    }

    /**
     * Closed loop: {@link #SENDERS} threads each send the next request as soon as the previous one
     * is answered; latency is send to response.
     */
    private static Phase saturate(
            String stack, String name, HttpClient http, List<HttpRequest> requests)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        ConcurrentHistogram micros = new ConcurrentHistogram(3);
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        long deadline = start + PHASE_LIMIT.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread t =
                    new Thread(
                            () -> {
                                int i;
                                while ((i = next.getAndIncrement()) < requests.size()
                                        && System.nanoTime() < deadline) {
                                    long sent = System.nanoTime();
                                    int status = send(http, requests.get(i), stack + " " + name);
                                    long done = System.nanoTime();
                                    micros.recordValue((done - sent) / 1000);
                                    lastDone.accumulateAndGet(done, Math::max);
                                    (status == 200 ? acked : failed).incrementAndGet();
                                }
                            },
                            "sender-" + s);
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join(
                    Math.max(
                            1,
                            TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 15_000));
        }
        return new Phase(
                stack,
                name,
                acked.get() + failed.get(),
                acked.get(),
                failed.get(),
                (lastDone.get() - start) / 1e9,
                (cpuNanos() - cpuStart) / 1e9,
                micros,
                null);
    }

    /**
     * Open loop: request i goes out at start + i/RATE whatever happened to the earlier ones, and
     * its latency counts from that scheduled time, so a stall shows in full (no coordinated
     * omission). A pool of blocking senders, not sendAsync: on 2 cores the JDK client completes
     * each async call on a new thread.
     */
    private static Phase fixedRate(
            String stack, String name, HttpClient http, List<HttpRequest> requests)
            throws InterruptedException {
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        ConcurrentHistogram micros = new ConcurrentHistogram(3);
        CountDownLatch answered = new CountDownLatch(requests.size());
        ExecutorService senders =
                Executors.newFixedThreadPool(
                        RATE_SENDERS,
                        r -> {
                            Thread t = new Thread(r, "rate-sender");
                            t.setDaemon(true);
                            return t;
                        });
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long cpuStart = cpuNanos();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long deadline = start + PHASE_LIMIT.toNanos();
        try {
            for (int i = 0; i < requests.size() && System.nanoTime() < deadline; i++) {
                long scheduled = start + i * period;
                for (long wait; (wait = scheduled - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                HttpRequest request = requests.get(i);
                senders.execute(
                        () -> {
                            int status = send(http, request, stack + " " + name);
                            long done = System.nanoTime();
                            micros.recordValue((done - scheduled) / 1000);
                            lastDone.accumulateAndGet(done, Math::max);
                            (status == 200 ? acked : failed).incrementAndGet();
                            answered.countDown();
                        });
            }
            answered.await(
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))
                            + 15_000,
                    TimeUnit.MILLISECONDS);
        } finally {
            senders.shutdownNow();
        }
        return new Phase(
                stack,
                name,
                acked.get() + failed.get(),
                acked.get(),
                failed.get(),
                (lastDone.get() - start) / 1e9,
                (cpuNanos() - cpuStart) / 1e9,
                micros,
                null);
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The status answered, or -1 when none was; anything but 200 is counted under {@code phase}.
     */
    private static int send(HttpClient http, HttpRequest request, String phase) {
        int status;
        String why;
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            why = "HTTP " + status + " " + response.body();
        } catch (IOException e) {
            status = -1;
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
            why = "interrupted";
        }
        if (status != 200) {
            NOT_ACKED.computeIfAbsent(phase + ": " + why, k -> new LongAdder()).increment();
        }
        return status;
    }

    /**
     * Signed requests, built before the phase so that the driver's own work is not timed: each a
     * new human message with its own event_id and ts, as Slack would deliver it.
     */
    private static List<HttpRequest> requests(URI endpoint, int count) {
        List<HttpRequest> requests = new ArrayList<>(count);
        Instant base = Instant.now();
        String timestamp = Long.toString(base.getEpochSecond());
        for (int i = 0; i < count; i++) {
            long n = EVENT_IDS.incrementAndGet();
            long micros = base.getEpochSecond() * 1_000_000L + n;
            String ts = String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
            String body =
                    SlackRequests.eventEnvelope(
                                    SlackEvents.message(
                                            CHANNEL,
                                            PEOPLE.get((int) (n % PEOPLE.size())),
                                            "load message " + n,
                                            ts),
                                    String.format("EvLOAD%010d", n))
                            .toString();
            requests.add(
                    SlackRequests.signedRequest(
                                    endpoint,
                                    TestBot.SIGNING_SECRET,
                                    timestamp,
                                    body,
                                    "application/json")
                            .timeout(REQUEST_TIMEOUT)
                            .build());
        }
        return requests;
    }

    /**
     * Makes the load channel an incident channel, as a person would, and waits until it is set up.
     */
    private static Incident declareHere(FakeSlack fake, TestBot bot) {
        HttpResponse<String> answer =
                bot.slack()
                        .command(
                                "/incident",
                                "declare here sev2 Load benchmark",
                                PEOPLE.get(0),
                                CHANNEL);
        if (answer.statusCode() != 200
                || !SlackRequests.text(answer).contains("now the incident channel")) {
            throw new IllegalStateException(
                    "declare failed: " + answer.statusCode() + " " + answer.body());
        }
        // The header is pinned last, after the history import: then the declare has written all it
        // will.
        fake.await("pins.add", c -> CHANNEL.equals(c.param("channel")), Duration.ofSeconds(30));
        return new Incidents(bot.wrapup().database()).findByChannel(CHANNEL).orElseThrow();
    }

    private static void print(List<Phase> phases) {
        System.out.printf(
                "%n%-7s %-10s %6s %9s %7s %7s %8s %10s %13s%n",
                "stack",
                "phase",
                "events",
                "events/s",
                "p50 ms",
                "p99 ms",
                "max ms",
                "cpu ms/ev",
                "stored/acked");
        for (Phase p : phases) {
            System.out.printf(
                    "%-7s %-10s %6d %9.0f %7.2f %7.2f %8.2f %10.2f %13s%n",
                    p.stack(),
                    p.name(),
                    p.sent(),
                    p.perSecond(),
                    p.ms(50),
                    p.ms(99),
                    p.micros().getMaxValue() / 1000.0,
                    p.cpuMsPerEvent(),
                    p.stored() == null ? "-" : p.stored() + "/" + p.acked());
        }
    }

    /** Prints the ratio and each target; false when an event was lost or refused. */
    private static boolean report(List<Phase> phases, boolean allStored) {
        Phase noop = find(phases, "no-op", "saturation");
        Phase wrapup = find(phases, "wrapup", "saturation");
        Phase rate = find(phases, "wrapup", RATE + "/s");
        double ratio = wrapup.perSecond() / noop.perSecond();
        int failed = phases.stream().mapToInt(Phase::failed).sum();
        System.out.printf(
                "throughput wrapup/no-op: %.2f (target >= 0.50: %s); CPU per event no-op/wrapup: %.2f%n",
                ratio,
                ratio >= 0.5 ? "met" : "MISSED",
                noop.cpuMsPerEvent() / wrapup.cpuMsPerEvent());
        System.out.printf(
                "wrapup p99 ack at %d/s: %.2f ms (target < 100 ms: %s)%n",
                RATE, rate.ms(99), rate.ms(99) < 100 ? "met" : "MISSED");
        System.out.printf(
                "every acked event stored: %s; requests not acked 200: %d%n",
                allStored ? "yes" : "NO", failed);
        NOT_ACKED.forEach(
                (why, count) -> System.out.printf("  not acked, %s (%d)%n", why, count.sum()));
        return allStored && failed == 0;
    }

    private static Phase find(List<Phase> phases, String stack, String name) {
        return phases.stream()
                .filter(p -> p.stack().equals(stack) && p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The same Bolt app configuration Wrapup uses, on Jetty, with a message handler that only acks.
     */
    private static final class NoopStack implements AutoCloseable {
        private final Server server;
        private final ServerConnector connector;

        private NoopStack(Server server, ServerConnector connector) {
            this.server = server;
            this.connector = connector;
        }

        static NoopStack start(FakeSlack fake) throws Exception {
            SlackConfig slackConfig = new SlackConfig();
            slackConfig.setMethodsEndpointUrlPrefix(fake.apiUrl());
            slackConfig.setPrettyResponseLoggingEnabled(false);
            App app =
                    new App(
                            AppConfig.builder()
                                    .slack(Slack.getInstance(slackConfig))
                                    .singleTeamBotToken(TestBot.BOT_TOKEN)
                                    .signingSecret(TestBot.SIGNING_SECRET)
                                    .build());
            app.event(MessageEvent.class, (req, ctx) -> ctx.ack());
            // Wrapup's WebServer pool: same sizes, so only the handler differs.
            Server server = new Server(new QueuedThreadPool(200, 8));
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addServlet(
                    new ServletHolder("slack", new SlackAppServlet(app)), "/slack/events");
            server.setHandler(context);
            server.start();
            return new NoopStack(server, connector);
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/slack/events");
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
