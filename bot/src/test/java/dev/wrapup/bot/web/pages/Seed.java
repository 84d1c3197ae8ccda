package dev.wrapup.bot.web.pages;

import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.Severity;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Incidents with every kind of entry, written through the real repositories. */
final class Seed {
    static final Instant START = Instant.parse("2026-11-22T09:00:00Z");
    static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    static final String DELETED_TEXT = "the password is hunter2";
    static final String FIRST_VERSION = "db is down, probably Dave's fault";

    private final Database database;
    private final Incidents incidents;
    private final Timeline timeline;
    private int ts = 1000;

    Seed(Database database) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database);
    }

    private Instant at(int minutes) {
        return START.plus(Duration.ofMinutes(minutes));
    }

    private String nextTs() {
        return "1790000000." + String.format("%06d", ts++);
    }

    /** A resolved incident: thread, edit, deletion, file, alert, key moments, wrap-up. */
    Incident incident(String channelId) {
        Users users = new Users(database);
        users.save(new SlackUser("U1", "alice", "Alice", "Europe/Berlin", 3600, false, START));
        users.save(new SlackUser("U2", "bob", "Bob", "UTC", 0, false, START));
        users.save(new SlackUser("U3", "carol", "Carol", "UTC", 0, false, START));
        users.save(new SlackUser("B1", "pagerbot", "Pager", "UTC", 0, true, START));
        Incident incident =
                database.transaction(
                        tx ->
                                incidents.open(
                                        tx,
                                        new NewIncident(
                                                IncidentKind.INCIDENT,
                                                "T1",
                                                channelId,
                                                "inc-db",
                                                "Database down " + HOSTILE,
                                                "Writes fail *everywhere*",
                                                Severity.SEV2,
                                                IncidentStatus.INVESTIGATING,
                                                "U1",
                                                "U1",
                                                START),
                                        "Incident declared",
                                        "alice",
                                        START));
        long id = incident.id();
        Participants participants = new Participants(database);
        WrapUps wrapUps = new WrapUps(database);
        database.transaction(
                tx -> {
                    participants.add(tx, id, "U2", "message", at(1));
                    participants.add(tx, id, "U3", "message", at(2));
                    participants.add(tx, id, "B1", "message", at(2));
                    String alert = nextTs();
                    timeline.add(
                            tx,
                            new NewEntry(
                                    id,
                                    channelId,
                                    EntryKind.MESSAGE,
                                    "bot_message",
                                    alert,
                                    null,
                                    "B1",
                                    "pagerbot",
                                    "*FIRING* db-primary unreachable",
                                    List.of(),
                                    at(1),
                                    null),
                            at(1));
                    String parent = nextTs();
                    timeline.add(
                            tx,
                            message(id, channelId, parent, null, "U2", FIRST_VERSION, 3),
                            at(3));
                    timeline.add(
                            tx,
                            message(
                                    id,
                                    channelId,
                                    nextTs(),
                                    parent,
                                    "U1",
                                    "replica is fine <@U2>",
                                    4),
                            at(4));
                    timeline.add(
                            tx, message(id, channelId, nextTs(), parent, "U3", HOSTILE, 5), at(5));
                    timeline.edit(tx, channelId, parent, "db is down", null, at(6));
                    String secret = nextTs();
                    timeline.add(
                            tx, message(id, channelId, secret, null, "U3", DELETED_TEXT, 7), at(7));
                    timeline.markDeleted(tx, channelId, secret, at(8));
                    String file = nextTs();
                    timeline.add(
                            tx,
                            new NewEntry(
                                    id,
                                    channelId,
                                    EntryKind.FILE,
                                    "file_share",
                                    file,
                                    null,
                                    "U2",
                                    "bob",
                                    "the graph",
                                    List.of(
                                            new FileRef(
                                                    "F1",
                                                    "latency.png",
                                                    "png",
                                                    "https://files.example/F1"),
                                            new FileRef(
                                                    "F2", "evil", "html", "javascript:alert(1)")),
                                    at(9),
                                    null),
                            at(9));
                    timeline.setPinned(tx, channelId, file, true);
                    timeline.add(
                            tx,
                            NewEntry.of(
                                    id,
                                    channelId,
                                    EntryKind.STATUS,
                                    "U1",
                                    "alice",
                                    "Status: investigating → identified",
                                    at(10)),
                            at(10));
                    timeline.add(
                            tx,
                            NewEntry.of(
                                    id,
                                    channelId,
                                    EntryKind.NOTE,
                                    "U1",
                                    "alice",
                                    "Failover started",
                                    at(12)),
                            at(12));
                    String highlighted = nextTs();
                    timeline.add(
                            tx,
                            message(id, channelId, highlighted, null, "U2", "writes are back", 20),
                            at(20));
                    timeline.setHighlighted(tx, channelId, highlighted, true);
                    timeline.add(
                            tx,
                            NewEntry.of(
                                    id,
                                    channelId,
                                    EntryKind.STATUS,
                                    "U1",
                                    "alice",
                                    "Resolved: failover done",
                                    at(30)),
                            at(30));
                    incidents.setStatus(tx, id, IncidentStatus.RESOLVED, at(30));
                    incidents.setSummary(tx, id, "Failover to the replica");
                    new AnalysisCalls(database)
                            .schedule(tx, id, at(60 * 24), List.of("U1"), List.of(), at(31));
                    wrapUps.addComment(
                            tx, id, "U1", AgendaItem.WELL, "Fast failover", "modal", at(40));
                    wrapUps.addComment(tx, id, "U2", AgendaItem.WRONG, HOSTILE, "modal", at(41));
                    wrapUps.addAction(
                            tx,
                            id,
                            "U2",
                            "Alert on replica lag",
                            LocalDate.parse("2026-11-01"),
                            ActionKind.DETECTION,
                            "U1",
                            at(42));
                    var done =
                            wrapUps.addAction(
                                    tx,
                                    id,
                                    "U3",
                                    "Runbook for failover",
                                    null,
                                    ActionKind.PROCESS,
                                    "U1",
                                    at(43));
                    wrapUps.closeAction(tx, done.id(), ActionState.DONE, null, at(44));
                    return null;
                });
        return incidents.find(id).orElseThrow();
    }

    private static NewEntry message(
            long id,
            String channelId,
            String ts,
            String threadTs,
            String author,
            String text,
            int minute) {
        return new NewEntry(
                id,
                channelId,
                threadTs == null ? EntryKind.MESSAGE : EntryKind.THREAD_REPLY,
                null,
                ts,
                threadTs,
                author,
                null,
                text,
                List.of(),
                START.plus(Duration.ofMinutes(minute)),
                null);
    }

    /** A maintenance window, ended, with a plan of three steps. */
    Incident maintenance(String channelId) {
        MaintenanceWindows windows = new MaintenanceWindows(database);
        Incident window =
                database.transaction(
                        tx -> {
                            Incident w =
                                    incidents.open(
                                            tx,
                                            new NewIncident(
                                                    IncidentKind.MAINTENANCE,
                                                    "T1",
                                                    channelId,
                                                    "mnt",
                                                    "Upgrade Postgres",
                                                    null,
                                                    null,
                                                    IncidentStatus.PLANNED,
                                                    "U1",
                                                    "U1",
                                                    at(0)),
                                            "Maintenance planned",
                                            "alice",
                                            at(0));
                            windows.create(tx, w.id(), at(60), at(120), "Europe/Berlin");
                            windows.addStep(tx, w.id(), "U1", "Stop writes", at(0));
                            windows.addStep(tx, w.id(), "U2", "Upgrade", at(0));
                            windows.addStep(tx, w.id(), "U1", "Start writes", at(0));
                            windows.mark(tx, w.id(), 1, MaintenanceWindow.State.DONE, null, at(61));
                            windows.mark(
                                    tx,
                                    w.id(),
                                    2,
                                    MaintenanceWindow.State.FAILED,
                                    "disk full",
                                    at(70));
                            windows.begin(tx, w.id(), at(60));
                            windows.end(tx, w.id(), at(130));
                            incidents.setStatus(tx, w.id(), IncidentStatus.ENDED, at(130));
                            return w;
                        });
        return incidents.find(window.id()).orElseThrow();
    }
}
