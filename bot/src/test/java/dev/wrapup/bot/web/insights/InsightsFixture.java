package dev.wrapup.bot.web.insights;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Inconvenience;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.CallBurden;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Two weeks of incidents for the insights tests, written through the real repositories at fixed
 * times, and the page served behind a stand-in for the sign-in.
 *
 * <p>Public incidents A and B start in the week of 2026-11-09 and C in the next; "Secret", in
 * channel {@link #SECRET_CHANNEL}, starts in the first week with a call, a publication, a
 * participant and an overdue action item of its own; a maintenance window starts in the second. A's
 * call was outside the working hours of two people in Auckland, B's of one of them and one in Los
 * Angeles, the secret one's of one in Berlin. Action items are of several kinds, one decided
 * against (won't do); in the week after the period ({@link #SOFT_PERIOD}) C gets only training and
 * process items.
 */
final class InsightsFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final String PERIOD = "from=2026-11-09&to=2026-11-22";
    static final String SOFT_PERIOD = "from=2026-11-23&to=2026-11-25";
    static final String SECRET_CHANNEL = "G-secret";

    private final Database database;

    private InsightsFixture(Database database) {
        this.database = database;
    }

    static void seed(Database database) {
        new InsightsFixture(database).seed();
    }

    private void seed() {
        Incidents incidents = new Incidents(database);
        Participants participants = new Participants(database);
        WrapUps wrapups = new WrapUps(database);
        AnalysisCalls calls = new AnalysisCalls(database);
        CallBurden burden = new CallBurden(database);
        new Users(database)
                .save(
                        new SlackUser(
                                "B1",
                                "alerts",
                                null,
                                null,
                                null,
                                true,
                                at("2026-11-01T00:00:00Z")));
        Incident a = open("A", "C-a", IncidentKind.INCIDENT, Severity.SEV1, "2026-11-10T10:00:00Z");
        Incident b = open("B", "C-b", IncidentKind.INCIDENT, Severity.SEV2, "2026-11-11T09:00:00Z");
        Incident c = open("C", "C-c", IncidentKind.INCIDENT, Severity.SEV2, "2026-11-17T08:00:00Z");
        Incident secret =
                open(
                        "Secret",
                        SECRET_CHANNEL,
                        IncidentKind.INCIDENT,
                        Severity.SEV1,
                        "2026-11-12T08:00:00Z");
        open("Window", "C-w", IncidentKind.MAINTENANCE, null, "2026-11-18T08:00:00Z");
        database.transaction(
                tx -> {
                    incidents.setStatus(
                            tx, a.id(), IncidentStatus.RESOLVED, at("2026-11-10T12:00:00Z"));
                    participants.add(tx, a.id(), "U2", "posted", at("2026-11-10T10:01:00Z"));
                    participants.add(tx, a.id(), "B1", "posted", at("2026-11-10T10:02:00Z"));
                    wrapups.addComment(
                            tx,
                            a.id(),
                            "U1",
                            AgendaItem.WELL,
                            "Quick",
                            "command",
                            at("2026-11-11T10:00:00Z"));
                    calls.schedule(
                            tx,
                            a.id(),
                            at("2026-11-12T15:00:00Z"),
                            List.of(),
                            List.of(),
                            at("2026-11-10T12:05:00Z"));
                    calls.claimStart(tx, a.id(), at("2026-11-12T15:00:00Z"));
                    wrapups.savePublication(
                            tx, a.id(), "C-a", "1.1", null, false, at("2026-11-13T12:00:00Z"));
                    long a1 =
                            wrapups.addAction(
                                            tx,
                                            a.id(),
                                            "U2",
                                            "Alert sooner",
                                            LocalDate.parse("2026-11-14"),
                                            ActionKind.DETECTION,
                                            "U1",
                                            at("2026-11-13T10:00:00Z"))
                                    .id();
                    wrapups.closeAction(tx, a1, ActionState.DONE, null, at("2026-11-19T10:00:00Z"));
                    wrapups.addAction(
                            tx,
                            a.id(),
                            "U2",
                            "Runbook",
                            LocalDate.parse("2026-11-30"),
                            ActionKind.PROCESS,
                            "U1",
                            at("2026-11-13T11:00:00Z"));

                    incidents.setStatus(
                            tx, b.id(), IncidentStatus.RESOLVED, at("2026-11-11T09:30:00Z"));
                    wrapups.addComment(
                            tx,
                            b.id(),
                            "U1",
                            AgendaItem.WRONG,
                            "Slow",
                            "modal",
                            at("2026-11-11T10:00:00Z"));
                    calls.schedule(
                            tx,
                            b.id(),
                            at("2026-11-11T15:00:00Z"),
                            List.of(),
                            List.of(),
                            at("2026-11-11T09:35:00Z"));
                    long dashboards =
                            wrapups.addAction(
                                            tx,
                                            b.id(),
                                            "U1",
                                            "Dashboards",
                                            null,
                                            ActionKind.FIX,
                                            "U1",
                                            at("2026-11-12T10:00:00Z"))
                                    .id();
                    wrapups.closeAction(
                            tx,
                            dashboards,
                            ActionState.WONT_DO,
                            "The new alert covers it",
                            at("2026-11-18T10:00:00Z"));
                    burden.replace(
                            tx,
                            a.id(),
                            List.of(
                                    outside(a, "U2", "2026-11-12T15:00:00Z", "Pacific/Auckland"),
                                    outside(a, "U7", "2026-11-12T15:00:00Z", "Pacific/Auckland")));
                    burden.replace(
                            tx,
                            b.id(),
                            List.of(
                                    outside(b, "U2", "2026-11-11T15:00:00Z", "Pacific/Auckland"),
                                    outside(
                                            b,
                                            "U8",
                                            "2026-11-11T15:00:00Z",
                                            "America/Los_Angeles")));
                    burden.replace(
                            tx,
                            secret.id(),
                            List.of(
                                    outside(
                                            secret,
                                            "U5",
                                            "2026-11-13T15:00:00Z",
                                            "Europe/Berlin")));

                    incidents.setStatus(
                            tx, secret.id(), IncidentStatus.RESOLVED, at("2026-11-12T18:00:00Z"));
                    participants.add(tx, secret.id(), "U5", "posted", at("2026-11-12T08:01:00Z"));
                    calls.schedule(
                            tx,
                            secret.id(),
                            at("2026-11-13T15:00:00Z"),
                            List.of(),
                            List.of(),
                            at("2026-11-12T18:05:00Z"));
                    wrapups.savePublication(
                            tx,
                            secret.id(),
                            SECRET_CHANNEL,
                            "2.2",
                            null,
                            false,
                            at("2026-11-14T12:00:00Z"));
                    wrapups.addAction(
                            tx,
                            secret.id(),
                            "U5",
                            "Rotate keys",
                            LocalDate.parse("2026-11-14"),
                            ActionKind.GUARDRAIL,
                            "U5",
                            at("2026-11-13T10:00:00Z"));
                    // The week of 2026-11-23 asks only for training and process: the warning.
                    wrapups.addAction(
                            tx,
                            c.id(),
                            "U1",
                            "Train the on-call on the new dashboard",
                            null,
                            ActionKind.TRAINING,
                            "U1",
                            at("2026-11-23T10:00:00Z"));
                    wrapups.addAction(
                            tx,
                            c.id(),
                            "U2",
                            "Review the escalation policy",
                            null,
                            ActionKind.PROCESS,
                            "U1",
                            at("2026-11-24T10:00:00Z"));
                    return null;
                });
    }

    private Incident open(
            String title, String channel, IncidentKind kind, Severity severity, String started) {
        Instant at = at(started);
        return database.transaction(
                tx ->
                        new Incidents(database)
                                .open(
                                        tx,
                                        new NewIncident(
                                                kind,
                                                "T1",
                                                channel,
                                                channel,
                                                title,
                                                null,
                                                severity,
                                                kind == IncidentKind.MAINTENANCE
                                                        ? IncidentStatus.PLANNED
                                                        : IncidentStatus.INVESTIGATING,
                                                "U1",
                                                "U1",
                                                at),
                                        "Declared",
                                        "Ana",
                                        at));
    }

    private static Inconvenience outside(Incident incident, String user, String call, String tz) {
        return new Inconvenience(incident.id(), user, at(call), tz);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    /**
     * Routes the page and its CSV behind a servlet that sets the viewer, as the sign-in would; none
     * when the supplier gives null.
     */
    static void route(WebServer web, InsightsPage page, Supplier<Viewer> viewer) {
        HttpServlet signedInAs =
                new HttpServlet() {
                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse resp)
                            throws ServletException, IOException {
                        if (viewer.get() != null) {
                            req.setAttribute(Viewer.ATTRIBUTE, viewer.get());
                        }
                        page.service(req, resp);
                    }
                };
        web.route(InsightsPage.PAGE, signedInAs);
        web.route(InsightsPage.CSV, signedInAs);
    }
}
