package dev.wrapup.bot.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** The built jar, `java -jar bot/target/wrapup.jar`, running as a process of its own. */
public final class BotProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private BotProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static Path jar() {
        Path jar = Path.of("target", "wrapup.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run `mvn verify`, which packages it first");
        }
        return jar;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The least a jar needs to run against the fake Slack, on a free port; tests add to it. */
    public static Map<String, String> env(FakeSlack fake) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", TestBot.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", TestBot.SIGNING_SECRET);
        env.put("SLACK_API_URL", fake.apiUrl());
        env.put("PORT", Integer.toString(freePort()));
        return env;
    }

    /**
     * Starts the jar with exactly this environment (PORT must be set) and waits until /healthz is
     * 200.
     */
    public static BotProcess start(Map<String, String> env, Path workDir, String... args)
            throws Exception {
        int port = Integer.parseInt(env.get("PORT"));
        Path log = Files.createTempFile(workDir, "bot", ".log");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        BotProcess bot = new BotProcess(builder.start(), log, port);
        bot.awaitHealthy();
        return bot;
    }

    private void awaitHealthy() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Poll.until(
                    "the bot's /healthz to answer 200",
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(
                                    "the bot exited with " + process.exitValue() + ": " + output());
                        }
                        try {
                            return http.send(
                                                    HttpRequest.newBuilder(
                                                                    URI.create(
                                                                            baseUrl() + "/healthz"))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofString())
                                            .statusCode()
                                    == 200;
                        } catch (IOException e) {
                            return false;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    },
                    Duration.ofSeconds(60));
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\n" + output(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as an orchestrator stops the bot; returns at once (see {@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, once the process has ended within the time given. */
    public OptionalInt awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** Runs `java -jar wrapup.jar export …` in the bot's directory and returns what it printed. */
    public static String export(Path workDir, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "export", ".out");
        Path err = Files.createTempFile(workDir, "export", ".err");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                jar().toString(),
                                "export"));
        command.addAll(List.of(args));
        Process export =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!export.waitFor(60, TimeUnit.SECONDS)) {
            export.destroyForcibly();
            throw new AssertionError("export did not finish in 60 s: " + Files.readString(err));
        }
        if (export.exitValue() != 0) {
            throw new AssertionError(
                    "export exited with " + export.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
