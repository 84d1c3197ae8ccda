package dev.wrapup.bot.bench;

import com.sun.tools.attach.VirtualMachine;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.JavaProcess;
import dev.wrapup.bot.testing.RawHttp;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The large-body flood: starts the bot's real Main in a JVM of its own (default heap, as {@code
 * java -jar} runs it) against a fake Slack, then has 6 clients post unsigned 400 MiB bodies to
 * /slack/events one after another for 20 s, each streamed from one reused 64 KiB buffer, half
 * declaring their length and half chunked. Meanwhile it samples the bot's heap (over JMX, attached
 * to the process) and its resident memory (/proc/&lt;pid&gt;/status), and prints the peaks against
 * the figures before the flood, and every answer seen. Not a test; run it with {@code ./mvnw -q -B
 * -pl bot -am test-compile exec:exec@flood}. Loopback only; bounded in requests and in time.
 */
public final class LargeBodyFlood {
    private static final int CLIENTS = 6;
    private static final Duration FLOOD_FOR = Duration.ofSeconds(20);
    private static final int MAX_PER_CLIENT = 1000;
    private static final long BODY_BYTES = 400L << 20;
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(60);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);

    private LargeBodyFlood() {}

    /** One request of the flood as the client saw it. */
    private record Outcome(String mode, String answer, long bytesSent, long millis) {}

    /** The bot's memory at one moment. */
    private record Sample(long heapUsed, long heapCommitted, long rss, long hwm) {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("wrapup-flood");
        boolean ok = false;
        try (FakeSlack fake = new FakeSlack()) {
            int port = BotProcess.freePort();
            Map<String, String> env = TestBot.env(fake, dir);
            env.put("PORT", Integer.toString(port));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            Path log = dir.resolve("bot.log");
            Process bot =
                    JavaProcess.builder(env, dir)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            try {
                ok = flood(bot, port, log);
            } finally {
                bot.destroy();
                if (!bot.waitFor(30, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean flood(Process bot, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitHealthy(http, base, bot, log);
        MemoryMXBean heap = attach(bot.pid());
        System.out.printf(
                "Large-body flood: bot pid %d, max heap %d MiB; %d clients posting unsigned %d MiB "
                        + "bodies (declared and chunked alternately) for %d s%n",
                bot.pid(),
                heap.getHeapMemoryUsage().getMax() >> 20,
                CLIENTS,
                BODY_BYTES >> 20,
                FLOOD_FOR.toSeconds());

        Sample before = sample(heap, bot.pid());
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Sample> samples = new ArrayList<>();
        Thread sampler =
                new Thread(
                        () -> {
                            while (flooding.get()) {
                                try {
                                    Sample s = sample(heap, bot.pid());
                                    synchronized (samples) {
                                        samples.add(s);
                                    }
                                    Thread.sleep(SAMPLE_EVERY.toMillis());
                                } catch (Exception e) {
                                    return; // the bot is gone: reported below
                                }
                            }
                        },
                        "memory-sampler");
        sampler.start();

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        Instant start = Instant.now();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(
                    clients.submit(
                            () -> {
                                for (int round = 0;
                                        round < MAX_PER_CLIENT
                                                && Duration.between(start, Instant.now())
                                                                .compareTo(FLOOD_FOR)
                                                        < 0;
                                        round++) {
                                    outcomes.add(post(port, (client + round) % 2 == 0));
                                }
                                return null;
                            }));
        }
        for (Future<?> f : running) {
            f.get(FLOOD_FOR.toMillis() + REQUEST_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        clients.shutdown();
        long floodMillis = Duration.between(start, Instant.now()).toMillis();
        flooding.set(false);
        sampler.join();
        Sample after = sample(heap, bot.pid());
        heap.gc(); // what the flood left behind, as opposed to garbage not yet collected
        Sample collected = sample(heap, bot.pid());

        Map<String, Integer> answers = new TreeMap<>();
        long offered = 0;
        long sent = 0;
        for (Outcome o : outcomes) {
            answers.merge(o.mode() + " -> " + o.answer(), 1, Integer::sum);
            offered += BODY_BYTES;
            sent += o.bytesSent();
        }
        long peakHeap = samples.stream().mapToLong(Sample::heapUsed).max().orElse(0);
        long peakCommitted = samples.stream().mapToLong(Sample::heapCommitted).max().orElse(0);
        long peakRss = samples.stream().mapToLong(Sample::rss).max().orElse(0);
        long slowest = outcomes.stream().mapToLong(Outcome::millis).max().orElse(0);
        System.out.printf(
                "requests: %d in %.1f s; body bytes offered %d MiB, sent before the bot answered or "
                        + "closed %d MiB%n",
                outcomes.size(), floodMillis / 1000.0, offered >> 20, sent >> 20);
        answers.forEach((answer, n) -> System.out.printf("  %5d x %s%n", n, answer));
        System.out.printf("slowest request, from connecting to the answer: %d ms%n", slowest);
        System.out.printf(
                "%-22s %10s %10s %10s %10s%n",
                "bot memory (MiB)", "before", "peak", "after", "after GC");
        System.out.printf(
                "%-22s %10d %10d %10d %10d%n",
                "heap used",
                mib(before.heapUsed()),
                mib(peakHeap),
                mib(after.heapUsed()),
                mib(collected.heapUsed()));
        System.out.printf(
                "%-22s %10d %10d %10d %10d%n",
                "heap committed",
                mib(before.heapCommitted()),
                mib(peakCommitted),
                mib(after.heapCommitted()),
                mib(collected.heapCommitted()));
        System.out.printf(
                "%-22s %10d %10d %10d %10d%n",
                "VmRSS", mib(before.rss()), mib(peakRss), mib(after.rss()), mib(collected.rss()));
        System.out.printf(
                "%-22s %10d %10s %10d %10s%n",
                "VmHWM (peak RSS)", mib(before.hwm()), "", mib(after.hwm()), "");
        System.out.printf("samples: %d, every %d ms%n", samples.size(), SAMPLE_EVERY.toMillis());

        List<String> lines = Files.readAllLines(log);
        long refusals =
                lines.stream()
                        .filter(l -> l.contains("refused a request to /slack/events"))
                        .count();
        long errors =
                lines.stream()
                        .filter(l -> l.contains(" ERROR ") || l.contains("OutOfMemoryError"))
                        .count();
        System.out.printf(
                "bot log: %d lines, %d of them refusals, %d errors%n",
                lines.size(), refusals, errors);

        boolean alive =
                bot.isAlive()
                        && http.send(
                                                HttpRequest.newBuilder(base.resolve("/healthz"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
        int command =
                new SlackRequests(base.toString(), TestBot.SIGNING_SECRET)
                        .command("/incident", "help", "U1", "C1")
                        .statusCode();
        System.out.printf(
                "after the flood: /healthz %s, a signed command answered %d%n",
                alive ? "200" : "DOWN", command);
        boolean all413 = outcomes.stream().allMatch(o -> o.answer().startsWith("413"));
        return alive && command == 200 && all413 && errors == 0;
    }

    /**
     * Posts one unsigned 400 MiB body, streamed from a reused buffer, while a reader waits for the
     * answer; stops sending once the bot answers or closes the connection.
     */
    private static Outcome post(int port, boolean declared) {
        String mode = declared ? "declared" : "chunked";
        Instant start = Instant.now();
        byte[] buffer = new byte[64 * 1024];
        Arrays.fill(buffer, (byte) 'x');
        try (RawHttp http = new RawHttp(port, REQUEST_LIMIT)) {
            http.head(
                    "POST /slack/events HTTP/1.1",
                    declared
                            ? Map.of(
                                    "Content-Type",
                                    "application/json",
                                    "Content-Length",
                                    Long.toString(BODY_BYTES))
                            : Map.of(
                                    "Content-Type",
                                    "application/json",
                                    "Transfer-Encoding",
                                    "chunked"));
            RawHttp.Streamed streamed = http.streamUntilAnswered(buffer, BODY_BYTES, !declared);
            return new Outcome(
                    mode,
                    Integer.toString(streamed.answer().status()),
                    streamed.bytesSent(),
                    Duration.between(start, Instant.now()).toMillis());
        } catch (IOException e) {
            return new Outcome(
                    mode,
                    "no answer (" + e.getClass().getSimpleName() + ")",
                    0,
                    Duration.between(start, Instant.now()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(mode, "interrupted", 0, 0);
        }
    }

    private static MemoryMXBean attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address = vm.startLocalManagementAgent();
        vm.detach();
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        return ManagementFactory.newPlatformMXBeanProxy(
                connector.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
    }

    private static Sample sample(MemoryMXBean heap, long pid) throws IOException {
        var usage = heap.getHeapMemoryUsage();
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        return new Sample(usage.getUsed(), usage.getCommitted(), rss, hwm);
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", "")) * 1024;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    private static void awaitHealthy(HttpClient http, URI base, Process bot, Path log)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!bot.isAlive()) {
                throw new IllegalStateException("the bot exited: " + Files.readString(log));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "the bot did not answer /healthz within 60 s: " + Files.readString(log));
    }
}
