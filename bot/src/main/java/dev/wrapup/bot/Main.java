package dev.wrapup.bot;

import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.bot.demo.Demo;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** `java -jar wrapup.jar [run|migrate|export|--help]`. */
public final class Main {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -jar wrapup.jar [command]",
                    "",
                    "Commands:",
                    "  (none), run                 run the bot (HTTP, or Socket Mode when SLACK_APP_TOKEN is set)",
                    "  migrate                     apply database migrations and exit",
                    "  export <incident-id|channel-id> [--format md|json] [--full]",
                    "                              print an incident's wrap-up report (md, the default) or record (json);",
                    "                              --full adds deleted text and earlier versions of edited messages",
                    "  demo                        play an incident from declare to published wrap-up against a",
                    "                              built-in Slack stand-in, print what everyone saw, keep its web",
                    "                              page up (fresh H2 database in ./wrapup-demo)",
                    "  --help                      this text",
                    "",
                    "Configuration is read from environment variables; docs/configuration.md lists them.");

    /** How long an orderly stop may take before the process exits anyway. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(25);

    static {
        // Before the first logger: while Logback starts, ical4j's time-zone provider logs a line,
        // which SLF4J holds and replays, announcing so in three plain lines of its own on stderr.
        // The line itself is still logged; only the notice, which no JSON line parser can read,
        // is left out. Errors of SLF4J's own are still printed.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        // Before anything loads H2: its server for `export` (AUTO_SERVER) listens on loopback only.
        Database.listenOnLoopbackOnly();
        int code = run(args, System.getenv(), System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs a subcommand; -1 means the bot is running and the JVM must stay up. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        try {
            if (!List.of("--help", "-h", "help").contains(command)) {
                Config.logFormat(env); // logback has read it already: refuse what it cannot use
            }
            switch (command) {
                case "--help", "-h", "help" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "run" -> {
                    runBot(Config.from(env));
                    return -1;
                }
                case "migrate" -> {
                    return migrate(Config.databaseFrom(env), out);
                }
                case "demo" -> {
                    runDemo(env, out);
                    return -1;
                }
                case "export" -> {
                    return Export.run(Arrays.copyOfRange(args, 1, args.length), env, out, err);
                }
                default -> {
                    err.println("Unknown command '" + command + "'.");
                    err.println(USAGE);
                    return 2;
                }
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (DemoStopped e) {
            err.println("The demo could not finish its story: " + rootMessage(e));
            return 1;
        } catch (Exception e) {
            err.println("Wrapup could not start: " + rootMessage(e));
            return 1;
        }
    }

    private static void runBot(Config config) throws Exception {
        stopOnSignals(Wrapup.start(config, Clock.systemUTC()));
    }

    /** The bot against the built-in Slack stand-in, playing the demo's story once. */
    private static void runDemo(Map<String, String> env, PrintStream out) throws Exception {
        Demo demo = Demo.prepare(env, out);
        Wrapup wrapup;
        try {
            wrapup = Wrapup.start(Config.from(demo.env()), Clock.systemUTC());
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
        stopOnSignals(wrapup);
        try {
            demo.play(wrapup.database());
        } catch (RuntimeException e) {
            // Stopped in order here, before the JVM's shutdown hooks (H2 has one) run at once.
            wrapup.close();
            demo.close();
            throw new DemoStopped(e);
        }
    }

    /** The demo's story broke off: the process says why and exits 1. */
    private static final class DemoStopped extends Exception {
        DemoStopped(Throwable cause) {
            super(cause);
        }
    }

    /** Keeps the JVM up until SIGTERM or SIGINT, then stops the bot in order. */
    private static void stopOnSignals(Wrapup wrapup) {
        // Jetty's threads keep the JVM up. SIGTERM and SIGINT stop everything in order, the
        // database last, and only then let the JVM run its shutdown hooks: H2 has one of its
        // own that would close the database under requests still being answered (it cannot
        // be turned off together with AUTO_SERVER). The hook here covers any other exit.
        Runtime.getRuntime().addShutdownHook(new Thread(wrapup::close, "shutdown"));
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(
                        new Signal(name),
                        signal -> {
                            if (stopping.compareAndSet(false, true)) {
                                // Not a daemon (the signal's own thread is one): the JVM would
                                // otherwise
                                // begin exiting by itself once Jetty's threads end, mid-stop.
                                Thread stop = new Thread(() -> stop(wrapup), "stop");
                                stop.setDaemon(false);
                                stop.start();
                            }
                        });
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (-Xrs): the shutdown hook stops the bot
                // then.
                log.warn(
                        "SIG{} stops the bot through the JVM's shutdown hooks: {}",
                        name,
                        e.getMessage());
            }
        }
    }

    /**
     * Stops the bot in order and exits 0; gives up waiting after {@link #STOP_LIMIT}, within the
     * usual 30 s grace.
     */
    private static void stop(Wrapup wrapup) {
        Thread limit =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(STOP_LIMIT.toMillis());
                                log.error(
                                        "still stopping after {} s; exiting without waiting any longer",
                                        STOP_LIMIT.toSeconds());
                                Runtime.getRuntime().halt(1);
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "stop-limit");
        limit.setDaemon(true);
        limit.start();
        wrapup.close();
        System.exit(0);
    }

    private static int migrate(DatabaseSettings settings, PrintStream out) {
        try (Database database = Database.open(settings)) {
            var result = database.migrate();
            out.println(
                    "Database migrated: "
                            + result.migrationsExecuted
                            + " migration(s) applied, schema at version "
                            + (result.targetSchemaVersion != null
                                    ? result.targetSchemaVersion
                                    : result.initialSchemaVersion)
                            + ".");
            return 0;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
