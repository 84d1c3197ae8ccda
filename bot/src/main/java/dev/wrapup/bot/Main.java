package dev.wrapup.bot;

import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/** `java -jar wrapup.jar [run|migrate|export|--help]`. */
public final class Main {
    static final String USAGE = String.join("\n",
            "Usage: java -jar wrapup.jar [command]",
            "",
            "Commands:",
            "  (none), run                 run the bot (HTTP, or Socket Mode when SLACK_APP_TOKEN is set)",
            "  migrate                     apply database migrations and exit",
            "  export <incident-id|channel-id> [--format md|json]",
            "                              print an incident's wrap-up report (md, the default) or full record (json)",
            "  --help                      this text",
            "",
            "Configuration is read from environment variables; README.md lists them.");

    private Main() {
    }

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
        } catch (Exception e) {
            err.println("Wrapup could not start: " + rootMessage(e));
            return 1;
        }
    }

    private static void runBot(Config config) throws Exception {
        Wrapup wrapup = Wrapup.start(config, Clock.systemUTC());
        // Jetty's threads keep the JVM up; SIGTERM stops everything in order.
        Runtime.getRuntime().addShutdownHook(new Thread(wrapup::close, "shutdown"));
    }

    private static int migrate(DatabaseSettings settings, PrintStream out) {
        try (Database database = Database.open(settings)) {
            var result = database.migrate();
            out.println("Database migrated: " + result.migrationsExecuted + " migration(s) applied, schema at version "
                    + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion) + ".");
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
