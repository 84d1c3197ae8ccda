package dev.wrapup.bot.testing;

import dev.wrapup.bot.Wrapup;
import dev.wrapup.bot.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The real wiring ({@link Wrapup#start}, as main uses it) on a free port, with a temp
 * H2 file and a fake Slack; plus a signed-request client pointed at it.
 */
public final class TestBot implements AutoCloseable {
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_TOKEN = "xoxb-1-test-token";

    private final Wrapup wrapup;
    private final SlackRequests slack;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestBot(Wrapup wrapup) {
        this.wrapup = wrapup;
        this.slack = new SlackRequests(baseUrl(), SIGNING_SECRET);
    }

    /** The environment a test bot starts with; tests add or override entries. */
    public static Map<String, String> env(FakeSlack fake, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_API_URL", fake.apiUrl());
        env.put("PORT", "0");
        env.put("WRAPUP_DB_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wrapup") + ";WRITE_DELAY=0");
        return env;
    }

    public static TestBot start(Map<String, String> env) throws Exception {
        return new TestBot(Wrapup.start(Config.from(env), Clock.systemUTC()));
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

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
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
