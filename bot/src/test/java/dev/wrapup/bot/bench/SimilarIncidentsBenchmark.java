package dev.wrapup.bot.bench;

import dev.wrapup.bot.similar.IncidentIndex;
import dev.wrapup.bot.similar.LabelledSet;
import dev.wrapup.bot.similar.LabelledSet.Labelled;
import dev.wrapup.domain.IncidentText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * "Seen before" at scale, for each labelled set (the first, and the held-out one): an index on disk
 * of 10,000 past incidents made from the set with variations (lines dropped, everyday chatter
 * added), then each query incident of the set asked against it: precision at 3, and the time one
 * question takes (what a post, the call or the report waits for, before Slack's answers about
 * channels, which are reused for a minute).
 *
 * <p>{@code ./mvnw -q -B -pl bot -am test-compile exec:exec@bench-similar}
 */
public final class SimilarIncidentsBenchmark {
    private static final int PAST = 10_000;
    private static final int ROUNDS = 30;

    private static final List<String> CHATTER =
            List.of(
                    "looking into it",
                    "any update?",
                    "I'm on it",
                    "checking the dashboards now",
                    "can someone page the on call for the platform team",
                    "customers are asking in support",
                    "posting an update to the status page",
                    "joining the huddle",
                    "still seeing errors",
                    "that looks better",
                    "metrics are back to normal",
                    "let's keep watching for 30 minutes",
                    "who owns this service?",
                    "I'll write the timeline",
                    "thanks everyone");

    private SimilarIncidentsBenchmark() {}

    public static void main(String[] args) throws Exception {
        run("labelled set (incidents.txt)", LabelledSet.load());
        run("held-out set (holdout.txt)", LabelledSet.holdout());
    }

    private static void run(String name, LabelledSet set) throws Exception {
        Random random = new Random(42);
        Map<Long, String> cluster = new HashMap<>();
        Path dir = Files.createTempDirectory("wrapup-index-bench");
        long built = System.nanoTime();
        try (IncidentIndex index = IncidentIndex.open(dir)) {
            for (int i = 0; i < PAST; i++) {
                Labelled base = set.incidents().get(random.nextInt(set.incidents().size()));
                long id = i + 1;
                cluster.put(
                        id,
                        base.cluster().equals(LabelledSet.NOISE) ? "noise-" + id : base.cluster());
                index.put(vary(base.text(), id, random));
            }
            index.commit(Instant.now());
            index.refresh();
            long buildMs = Duration.ofNanos(System.nanoTime() - built).toMillis();

            double precision = 0;
            List<Labelled> queries = set.queries();
            Histogram micros = new Histogram(3);
            for (int round = 0; round < ROUNDS; round++) {
                for (int q = 0; q < queries.size(); q++) {
                    Labelled query = queries.get(q);
                    IncidentText asked = LabelledSet.asNew(query.text(), 1_000_000 + q);
                    long started = System.nanoTime();
                    List<IncidentIndex.Match> top = index.like(asked, 20);
                    micros.recordValue((System.nanoTime() - started) / 1000);
                    if (round == 0) {
                        long relevant =
                                top.stream()
                                        .limit(3)
                                        .filter(
                                                m ->
                                                        query.cluster()
                                                                .equals(
                                                                        cluster.get(
                                                                                m.incidentId())))
                                        .count();
                        precision += relevant / 3.0;
                    }
                }
            }
            precision /= queries.size();
            System.out.printf("%s%n", name);
            System.out.printf(
                    "  past incidents: %,d (index built in %,d ms, %,d KiB on disk)%n",
                    PAST, buildMs, size(dir) / 1024);
            System.out.printf(
                    "  precision at 3: %.3f over %d query incidents%n", precision, queries.size());
            System.out.printf(
                    "  time per suggestion (%d questions, the first round included): median %.2f"
                            + " ms, p95 %.2f ms, max %.2f ms%n",
                    micros.getTotalCount(),
                    micros.getValueAtPercentile(50) / 1000.0,
                    micros.getValueAtPercentile(95) / 1000.0,
                    micros.getMaxValue() / 1000.0);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The incident again in other circumstances: some lines left out, chatter added. */
    private static IncidentText vary(IncidentText t, long id, Random random) {
        List<String> timeline = keep(t.timeline(), random);
        int chatter = random.nextInt(25);
        for (int i = 0; i < chatter; i++) {
            timeline.add(
                    random.nextInt(timeline.size() + 1),
                    CHATTER.get(random.nextInt(CHATTER.size())));
        }
        return new IncidentText(
                id,
                t.kind(),
                "C" + id,
                Instant.parse("2020-01-01T00:00:00Z").plus(Duration.ofHours(id)),
                t.title(),
                timeline,
                keep(t.moments(), random),
                keep(t.comments(), random));
    }

    private static List<String> keep(List<String> lines, Random random) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (random.nextDouble() < 0.7) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
