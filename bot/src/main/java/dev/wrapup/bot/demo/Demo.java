package dev.wrapup.bot.demo;

import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.WrapUps;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * `java -jar wrapup.jar demo`: the real bot against a {@link SlackStandIn}, on a fresh H2 file in
 * ./wrapup-demo, playing one incident from declare to publish ({@link Story}) in under a minute.
 * The caller starts the bot with {@link #env()} between {@link #prepare} and {@link #play}.
 */
public final class Demo implements AutoCloseable {
    /** Where the demo keeps its database: never the bot's own ./data. */
    public static final Path FOLDER = Path.of("wrapup-demo");

    public static final String DEMO_USER_ID = "U0DEMO";
    private static final int DEFAULT_PORT = 3000;

    private final PrintStream out;
    private final Transcript transcript;
    private final SlackStandIn slack;
    private final Map<String, String> env;
    private final int port;
    private final String signingSecret;

    private Demo(
            PrintStream out,
            Transcript transcript,
            SlackStandIn slack,
            Map<String, String> env,
            int port,
            String signingSecret) {
        this.out = out;
        this.transcript = transcript;
        this.slack = slack;
        this.env = env;
        this.port = port;
        this.signingSecret = signingSecret;
    }

    /**
     * Empties ./wrapup-demo, starts the stand-in and sets the bot's environment; PORT is taken from
     * {@code given} if set, else 3000, else a free one.
     */
    public static Demo prepare(Map<String, String> given, PrintStream out) throws Exception {
        out.println(Transcript.PREFIX + SlackStandIn.LABEL + ".");
        int port = port(given.get("PORT"), out);
        Path folder = FOLDER.toAbsolutePath();
        holdFolder(folder);
        clear(folder);
        out.println(
                Transcript.PREFIX
                        + "A fresh database for this run: "
                        + folder
                        + " (the previous run's is removed).");
        Transcript transcript = new Transcript(out);
        String clientSecret = secret();
        SlackStandIn slack =
                new SlackStandIn(
                        clientSecret,
                        new SlackStandIn.Person(DEMO_USER_ID, "Demo user", "UTC", 0, false),
                        transcript);
        Story.cast(slack);
        String signingSecret = secret();
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-demo-not-a-slack-token");
        env.put("SLACK_SIGNING_SECRET", signingSecret);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", Integer.toString(port));
        env.put("WRAPUP_DB_URL", DatabaseSettings.h2File(folder).url());
        // A minute instead of a day: the call 10 s after the resolve, at once, at any hour.
        env.put("WRAPUP_ANALYSIS_DELAY", "PT10S");
        env.put("WRAPUP_SLOT_ALIGNMENT", "PT1S");
        env.put("WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00");
        env.put("WRAPUP_LEARNINGS_CHANNEL", Story.LEARNINGS);
        env.put("WRAPUP_PUBLIC_URL", "http://localhost:" + port);
        env.put("SLACK_CLIENT_ID", SlackStandIn.CLIENT_ID);
        env.put("SLACK_CLIENT_SECRET", clientSecret);
        env.put("WRAPUP_SLACK_AUTHORIZE_URL", slack.authorizeUrl());
        // The demo user is an admin, so the page shows the whole record.
        env.put("WRAPUP_ADMINS", DEMO_USER_ID);
        return new Demo(out, transcript, slack, Map.copyOf(env), port, signingSecret);
    }

    /** The bot's environment: the stand-in's address, the demo's database and short delays. */
    public Map<String, String> env() {
        return env;
    }

    /** Plays the story against the running bot, then says where to look. */
    public void play(Database database) {
        Story story =
                new Story(slack, transcript, signingSecret, "http://127.0.0.1:" + port, database);
        Incident incident = story.play();
        WrapUps wrapUps = new WrapUps(database);
        String link = "http://localhost:" + port + "/incidents/" + incident.id();
        out.println();
        out.println(
                "The story is over: incident "
                        + incident.id()
                        + " \""
                        + incident.title()
                        + "\" is "
                        + incident.status().name().toLowerCase()
                        + ", with "
                        + plural(wrapUps.comments(incident.id()).size(), "comment")
                        + ", "
                        + plural(wrapUps.actions(incident.id()).size(), "action item")
                        + " and "
                        + (wrapUps.publication(incident.id()).isPresent()
                                ? "its wrap-up published."
                                : "no publication.")
                        + "");
        out.println("The database stays in " + FOLDER.toAbsolutePath() + "; its report:");
        out.println(
                "  WRAPUP_DB_URL='"
                        + env.get("WRAPUP_DB_URL")
                        + "' java -jar "
                        + jar()
                        + " export "
                        + incident.id());
        out.println("Open " + link + " — signed in as Demo user. Ctrl-C to stop.");
        out.flush();
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }

    private static int port(String given, PrintStream out) {
        if (given != null && !given.isBlank()) {
            return Integer.parseInt(given.strip());
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(DEFAULT_PORT));
            return DEFAULT_PORT;
        } catch (IOException taken) {
            try (ServerSocket socket = new ServerSocket(0)) {
                out.println(
                        Transcript.PREFIX
                                + "Port "
                                + DEFAULT_PORT
                                + " is taken; the bot uses "
                                + socket.getLocalPort()
                                + " instead (set PORT to choose).");
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Locks ./wrapup-demo for this process's life (the system frees it however the process ends): a
     * second demo from the same folder would delete the database under the first.
     */
    private static void holdFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel =
                FileChannel.open(
                        // Named like the database's own files, so the folder stays the
                        // database's alone and is made private like ./data.
                        folder.resolve("wrapup.demo.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new ConfigException(
                    "Another demo is running from this folder ("
                            + folder
                            + " is in use): stop it with Ctrl-C, or run this one from another folder.");
        }
        HELD.add(lock);
    }

    /** Kept reachable so that the lock is never released by garbage collection. */
    private static final List<FileLock> HELD = new CopyOnWriteArrayList<>();

    /** Removes the previous run's database and index, and nothing else that may be there. */
    private static void clear(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("wrapup.") && name.endsWith(".db")) {
                    Files.delete(file);
                }
            }
        }
        Path index = folder.resolve("index");
        if (Files.isDirectory(index)) {
            try (Stream<Path> all = Files.walk(index)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The jar as the user ran it, relative to here when it can be. */
    private static String jar() {
        try {
            Path jar =
                    Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path here = Path.of("").toAbsolutePath();
            return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
        } catch (Exception e) {
            return "wrapup.jar";
        }
    }
}
