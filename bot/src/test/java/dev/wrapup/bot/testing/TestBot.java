package dev.wrapup.bot.testing;

import dev.wrapup.bot.Wrapup;
import dev.wrapup.bot.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real wiring ({@link Wrapup#start}, as main uses it) on a free port, with a temp H2 file, a
 * fake Slack and a clock the test can move; plus a signed-request client pointed at it.
 */
public final class TestBot implements AutoCloseable {
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_TOKEN = "xoxb-1-test-token";

    private final Wrapup wrapup;
    private final MovableClock clock;
    private final SlackRequests slack;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestBot(Wrapup wrapup, MovableClock clock) {
        this.wrapup = wrapup;
        this.clock = clock;
        this.slack = new SlackRequests(baseUrl(), SIGNING_SECRET, clock);
    }

    /** The environment a test bot starts with; tests add or override entries. */
    public static Map<String, String> env(FakeSlack fake, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_API_URL", fake.apiUrl());
        env.put("PORT", "0");
        env.put(
                "WRAPUP_DB_URL",
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wrapup") + ";WRITE_DELAY=0");
        return env;
    }

    /** The settings that turn Sign in with Slack on, against the fake Slack. */
    public static Map<String, String> signInEnv(FakeSlack fake) {
        return Map.of(
                "SLACK_CLIENT_ID", FakeSlack.CLIENT_ID,
                "SLACK_CLIENT_SECRET", FakeSlack.CLIENT_SECRET,
                "WRAPUP_SLACK_AUTHORIZE_URL", fake.authorizeUrl());
    }

    public static TestBot start(Map<String, String> env) throws Exception {
        return start(env, new MovableClock());
    }

    /**
     * Starts on the given clock; a restarted bot keeps its predecessor's, so time does not go back.
     */
    public static TestBot start(Map<String, String> env, MovableClock clock) throws Exception {
        return new TestBot(Wrapup.start(Config.from(env), clock), clock);
    }

    public static TestBot start(FakeSlack fake, Path dataDir) throws Exception {
        return start(env(fake, dataDir));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + wrapup.port();
    }

    public SlackRequests slack() {
        return slack;
    }

    public Wrapup wrapup() {
        return wrapup;
    }

    public MovableClock clock() {
        return clock;
    }

    /** Runs the scheduled tasks that are due by the bot's clock; returns how many ran. */
    public int runDueTasks() {
        return wrapup.scheduling().runDue();
    }

    /**
     * Waits until the task is planned, moves the clock to its time and runs what is then due;
     * returns the time it was planned for.
     */
    public Instant runWhenDue(String task, long subjectId) {
        Instant when =
                Poll.value(
                                task + " for " + subjectId + " to be planned",
                                () -> wrapup.scheduling().when(task, subjectId),
                                Optional::isPresent,
                                Duration.ofSeconds(10))
                        .get();
        clock.advanceTo(when);
        runDueTasks();
        return when;
    }

    /** Moves the clock forward and runs what is then due, as if that time had passed. */
    public int advance(Duration by) {
        clock.advance(by);
        return runDueTasks();
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            wrapup.close();
        }
    }
}
