package dev.wrapup.bot.bench;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.bot.web.pages.WebPages;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.testing.TestDatabases;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The incident page of a 10,000-entry incident: seeds one on an embedded H2 (messages over three
 * days, a fifth of them thread replies, some edited, some deleted), serves the pages from Jetty
 * with every request signed in as a full viewer, and prints the server time and size of the first
 * view (targets: under 300 ms and 1 MB). Not a test; run it with {@code ./mvnw -q -B -pl bot -am
 * test-compile exec:exec@bench-page}.
 */
public final class IncidentPageBenchmark {
    private static final int ENTRIES = 10_000;
    private static final int RUNS = 20;
    private static final Instant START = Instant.parse("2026-11-22T09:00:00Z");

    private IncidentPageBenchmark() {}

    /** Every request signed in, as the sign-in filter would have it. */
    private static final class SignedIn extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            req.setAttribute(Viewer.ATTRIBUTE, new Viewer("U1", "T1", "alice"));
            chain.doFilter(req, resp);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("wrapup-bench-page");
        try (Database database = Database.open(TestDatabases.h2(dir))) {
            database.migrate();
            long id = seed(database);
            try (WebServer web = new WebServer(0, database)) {
                web.filter("/*", new SignedIn());
                WebPages.mount(
                        web,
                        database,
                        new Templates(),
                        (viewer, incident) -> Visibility.FULL,
                        new Reports(database),
                        "http://127.0.0.1",
                        Optional.empty(),
                        List.of(),
                        Clock.systemUTC());
                web.start();
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest first =
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + web.port()
                                                        + "/incidents/"
                                                        + id))
                                .build();
                long[] millis = new long[RUNS];
                int bytes = 0;
                for (int warm = 0; warm < 5; warm++) {
                    http.send(first, HttpResponse.BodyHandlers.ofByteArray());
                }
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r =
                            http.send(first, HttpResponse.BodyHandlers.ofByteArray());
                    millis[i] = (System.nanoTime() - t0) / 1_000_000;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("status " + r.statusCode());
                    }
                    bytes = r.body().length;
                }
                Arrays.sort(millis);
                System.out.printf(
                        "incident page, %d entries, first view: %d bytes (%.1f KiB); server time"
                                + " median %d ms, max %d ms over %d requests (loopback, after 5"
                                + " warm-ups)%n",
                        ENTRIES, bytes, bytes / 1024.0, millis[RUNS / 2], millis[RUNS - 1], RUNS);
                boolean ok = millis[RUNS / 2] < 300 && bytes < 1_000_000;
                System.out.println(ok ? "within the targets" : "OUTSIDE the targets");
                if (!ok) {
                    System.exit(1);
                }
            }
        }
    }

    private static long seed(Database database) {
        Incidents incidents = new Incidents(database);
        Timeline timeline = new Timeline(database);
        return database.transaction(
                tx -> {
                    Incident incident =
                            incidents.open(
                                    tx,
                                    new NewIncident(
                                            IncidentKind.INCIDENT,
                                            "T1",
                                            "CBENCH",
                                            "inc-bench",
                                            "Ten thousand messages",
                                            null,
                                            Severity.SEV1,
                                            IncidentStatus.INVESTIGATING,
                                            "U1",
                                            "U1",
                                            START),
                                    "Incident declared",
                                    "alice",
                                    START);
                    Duration step = Duration.ofDays(3).dividedBy(ENTRIES);
                    String parent = null;
                    for (int i = 0; i < ENTRIES; i++) {
                        String ts = String.format("1790000000.%06d", i);
                        boolean reply = parent != null && i % 5 == 0;
                        Instant at = START.plus(step.multipliedBy(i));
                        timeline.add(
                                tx,
                                new NewEntry(
                                        incident.id(),
                                        "CBENCH",
                                        reply ? EntryKind.THREAD_REPLY : EntryKind.MESSAGE,
                                        null,
                                        ts,
                                        reply ? parent : null,
                                        "U" + (i % 7),
                                        "person" + (i % 7),
                                        "Message "
                                                + i
                                                + " about *the database* and <@U1>, see"
                                                + " <https://grafana.example/d/"
                                                + i
                                                + "|graph>",
                                        List.of(),
                                        at,
                                        null),
                                at);
                        if (i % 50 == 7) {
                            timeline.edit(tx, "CBENCH", ts, "Edited message " + i, null, at);
                        }
                        if (i % 97 == 3) {
                            timeline.markDeleted(tx, "CBENCH", ts, at);
                        }
                        if (!reply && i % 10 == 1) {
                            parent = ts;
                        }
                    }
                    return incident.id();
                });
    }
}
