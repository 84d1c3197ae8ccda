package dev.wrapup.bot;

import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.report.RecordJson;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.WrapUps;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * `export <incident-id|channel-id> [--format md|json] [--full]`: prints a record from the database.
 */
final class Export {
    static final String USAGE =
            "Usage: java -jar wrapup.jar export <incident-id|channel-id> [--format md|json] "
                    + "[--full]";

    private Export() {}

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String id = null;
        String format = "md";
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--full")) {
                full = true;
            } else if (args[i].equals("--format") && i + 1 < args.length) {
                format = args[++i];
            } else if (args[i].startsWith("--format=")) {
                format = args[i].substring("--format=".length());
            } else if (id == null && !args[i].startsWith("--")) {
                id = args[i];
            } else {
                err.println("Unexpected argument '" + args[i] + "'.");
                err.println(USAGE);
                return 2;
            }
        }
        if (id == null || !(format.equals("md") || format.equals("json"))) {
            err.println(
                    id == null
                            ? "Which incident? Give its id or its channel id."
                            : "Unknown format '" + format + "': use md or json.");
            err.println(USAGE);
            return 2;
        }
        try (Database database = Database.open(Config.databaseFrom(env))) {
            database.migrate();
            Incidents incidents = new Incidents(database);
            Optional<Incident> incident = incidents.findByIdOrChannel(id);
            if (incident.isEmpty()) {
                err.println(
                        "No incident with id or channel id '"
                                + id
                                + "' in "
                                + database.vendor()
                                + " database. `java -jar wrapup.jar export <id>` takes the number the bot shows, "
                                + "or the incident channel's id (C…).");
                return 1;
            }
            // Without --full, what may leave the channel: current text only, as published.
            Reports reports = new Reports(database);
            out.print(
                    format.equals("json")
                            ? RecordJson.render(
                                            RecordJson.build(
                                                    record(database, incident.get()), full))
                                    + "\n"
                            : full
                                    ? reports.markdown(incident.get(), Disclosure.FULL)
                                    : reports.published(incident.get()));
            out.flush();
            return 0;
        }
    }

    /** Everything the database holds about the incident, for the JSON record. */
    private static RecordJson.Contents record(Database database, Incident incident) {
        WrapUps wrapups = new WrapUps(database);
        return new RecordJson.Contents(
                incident,
                new Participants(database).list(incident.id()),
                new Timeline(database).entries(incident.id()),
                wrapups.comments(incident.id()),
                wrapups.actions(incident.id()),
                new AnalysisCalls(database).find(incident.id()).orElse(null),
                new MaintenanceWindows(database).find(incident.id()).orElse(null),
                wrapups.publication(incident.id()).orElse(null));
    }
}
