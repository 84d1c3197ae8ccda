package dev.wrapup.bot.bench;

import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Ingestion with several replicas: the built jar as one process on H2, one on PostgreSQL, and two
 * replicas on one PostgreSQL with the events spread across them in turn (a round-robin balancer);
 * prints events/s and ack latency of each. Not a test; run it with {@code
 * WRAPUP_TEST_POSTGRES_URL=… ./mvnw -q -B -pl bot -am package -DskipTests
 * exec:exec@bench-replicas}.
 */
public final class ReplicaLoadDriver {
    private static final int SENDERS = 16;
    private static final int WARM_UP = 4000;
    private static final int ROUNDS = 3;
    private static final int PER_ROUND = 4000;
    private static final String ALICE = "U0ALICE";
    private static final String CHANNEL = "C0LOAD";

    private ReplicaLoadDriver() {}

    /**
     * What one setup did: events measured, their rate and latencies, and the entries it stored of
     * every event sent (warm-up included; -1 where not counted).
     */
    private record Row(
            String setup,
            int events,
            double perSecond,
            Histogram micros,
            long stored,
            int failed) {}

    public static void main(String[] args) throws Exception {
        String postgres = System.getenv(TestDatabases.POSTGRES_URL_VARIABLE);
        List<Row> rows = new ArrayList<>();
        Path work = Files.createTempDirectory("wrapup-replica-bench");
        try {
            rows.add(run("1 node, H2", work.resolve("h2"), null, 1));
            if (postgres == null || postgres.isBlank()) {
                System.out.println(
                        TestDatabases.POSTGRES_URL_VARIABLE
                                + " is not set: the PostgreSQL setups are skipped");
            } else {
                rows.add(run("1 node, PostgreSQL", work.resolve("pg1"), postgres, 1));
                rows.add(run("2 replicas, PostgreSQL", work.resolve("pg2"), postgres, 2));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(
                "%n%-24s %8s %10s %8s %8s %8s %14s%n",
                "setup", "events", "events/s", "p50 ms", "p99 ms", "max ms", "stored/sent");
        for (Row r : rows) {
            System.out.printf(
                    "%-24s %8d %10.0f %8.1f %8.1f %8.1f %14s%n",
                    r.setup(),
                    r.events(),
                    r.perSecond(),
                    r.micros().getValueAtPercentile(50) / 1000.0,
                    r.micros().getValueAtPercentile(99) / 1000.0,
                    r.micros().getMaxValue() / 1000.0,
                    r.stored() < 0 ? "-" : r.stored() + "/" + (WARM_UP + r.events()));
        }
        System.out.printf(
                "%n%d cores; %d senders, each sending its next event once the last is answered;"
                        + " %d events of warm-up, then %d rounds of %d.%n",
                Runtime.getRuntime().availableProcessors(), SENDERS, WARM_UP, ROUNDS, PER_ROUND);
        boolean lost = rows.stream().anyMatch(r -> r.failed() > 0);
        System.exit(lost ? 1 : 0);
    }

    private static Row run(String setup, Path dir, String postgres, int replicas) throws Exception {
        System.out.println("== " + setup);
        Files.createDirectories(dir);
        String schema = null;
        List<BotProcess> bots = new ArrayList<>();
        try (FakeSlack fake = new FakeSlack()) {
            fake.addUser(ALICE, "Alice", "Europe/Berlin", 3600);
            fake.addChannel(CHANNEL, "load", false, ALICE, FakeSlack.BOT_USER_ID);
            String dbUrl;
            if (postgres == null) {
                dbUrl = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("wrapup") + ";WRITE_DELAY=0";
            } else {
                schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                sql(postgres, "CREATE SCHEMA " + schema);
                dbUrl = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            }
            List<SlackRequests> targets = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Map<String, String> env = new HashMap<>(BotProcess.env(fake));
                env.put("WRAPUP_DB_URL", dbUrl);
                Path home = Files.createDirectories(dir.resolve("replica-" + i));
                env.put("WRAPUP_INDEX_DIR", home.resolve("index").toString());
                BotProcess bot = BotProcess.start(env, home);
                bots.add(bot);
                targets.add(new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET));
            }
            HttpResponse<String> declared =
                    targets.get(0).command("/incident", "declare here sev2 Load", ALICE, CHANNEL);
            if (declared.statusCode() != 200) {
                throw new IllegalStateException("declare: " + declared.body());
            }
            AtomicInteger turn = new AtomicInteger();
            send(fake, targets, turn, WARM_UP, new ConcurrentHistogram(3));
            Histogram all = new Histogram(3);
            int failed = 0;
            long nanos = 0;
            for (int round = 0; round < ROUNDS; round++) {
                ConcurrentHistogram micros = new ConcurrentHistogram(3);
                long start = System.nanoTime();
                failed += send(fake, targets, turn, PER_ROUND, micros);
                nanos += System.nanoTime() - start;
                all.add(micros);
            }
            int events = ROUNDS * PER_ROUND;
            long stored = postgres == null ? -1 : count(dbUrl);
            Row row = new Row(setup, events, events / (nanos / 1e9), all, stored, failed);
            System.out.printf(
                    "%s: %.0f events/s, p99 %.1f ms, %d not acked%n",
                    setup, row.perSecond(), all.getValueAtPercentile(99) / 1000.0, failed);
            return row;
        } finally {
            for (BotProcess bot : bots) {
                bot.close();
            }
            if (schema != null) {
                sql(postgres, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Sends the events from the senders, each target in turn; returns how many were not acked. */
    private static int send(
            FakeSlack fake,
            List<SlackRequests> targets,
            AtomicInteger turn,
            int events,
            ConcurrentHistogram micros)
            throws Exception {
        AtomicInteger left = new AtomicInteger(events);
        LongAdder failed = new LongAdder();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            running.add(
                    senders.submit(
                            () -> {
                                while (left.getAndDecrement() > 0) {
                                    SlackRequests to =
                                            targets.get(
                                                    Math.floorMod(
                                                            turn.getAndIncrement(),
                                                            targets.size()));
                                    String ts = fake.nextTs();
                                    long start = System.nanoTime();
                                    HttpResponse<String> r =
                                            to.event(
                                                    SlackEvents.message(
                                                            CHANNEL, ALICE, "load " + ts, ts));
                                    micros.recordValue((System.nanoTime() - start) / 1000);
                                    if (r.statusCode() != 200) {
                                        failed.increment();
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        senders.shutdown();
        return failed.intValue();
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT COUNT(*) FROM timeline_entry WHERE text LIKE 'load %'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
