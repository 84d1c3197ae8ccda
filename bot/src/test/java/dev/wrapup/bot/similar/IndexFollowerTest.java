package dev.wrapup.bot.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.IncidentTexts;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, each with its own index, follow one database and answer the same: after a write on
 * either, after a row committed late with an earlier time, and on H2 as on PostgreSQL.
 */
class IndexFollowerTest {
    private static final Instant T = Instant.parse("2026-10-03T10:00:00Z");

    @TempDir Path dir;

    @Test
    void replicasAnswerTheSameOnH2() {
        TestDatabases.onH2(dir, database -> replicasAnswerTheSame(database, database));
    }

    @Test
    void replicasAnswerTheSameOnPostgresql() {
        TestDatabases.onPostgresReplicas(IndexFollowerTest::replicasAnswerTheSame);
    }

    private static void replicasAnswerTheSame(Database first, Database second) {
        Incident cert =
                open(first, "C1", "Checkout TLS certificate expired", T, "the certificate expired");
        Incident wifi =
                open(first, "C2", "Office wifi outage", T.plusSeconds(60), "access points down");
        try (IncidentIndex one = IncidentIndex.inMemory();
                IncidentIndex two = IncidentIndex.inMemory();
                IndexFollower onFirst =
                        new IndexFollower(one, new IncidentTexts(first), Duration.ofHours(1));
                IndexFollower onSecond =
                        new IndexFollower(two, new IncidentTexts(second), Duration.ofHours(1))) {
            onFirst.start();
            onSecond.start();
            Incident now =
                    open(
                            second,
                            "C3",
                            "Payments certificate expired",
                            T.plus(Duration.ofDays(1)),
                            "certificate expired on the payments API");
            assertEquals(List.of(cert.id()), like(one, first, now));
            assertEquals(like(one, first, now), like(two, second, now));

            // A second past incident, written on the other replica.
            Incident renewal =
                    open(
                            second,
                            "C4",
                            "Certificate renewal job failed",
                            T.plusSeconds(120),
                            T.plus(Duration.ofDays(1)).plusSeconds(10),
                            "the certificate expired because renewal failed");
            onFirst.follow();
            onSecond.follow();
            assertEquals(List.of(cert.id(), renewal.id()), sorted(like(one, first, now)));
            assertEquals(sorted(like(one, first, now)), sorted(like(two, second, now)));

            // A row recorded at an earlier time than the latest seen, committed later.
            Instant latest = T.plus(Duration.ofDays(1)).plusSeconds(30);
            write(first, wifi, "and then the certificate expired on the proxy", latest);
            onFirst.follow();
            onSecond.follow();
            write(
                    second,
                    wifi,
                    "certificate expired, proxy certificate renewed",
                    latest.minusSeconds(20));
            onFirst.follow();
            onSecond.follow();
            assertEquals(
                    List.of(cert.id(), wifi.id(), renewal.id()), sorted(like(one, first, now)));
            assertEquals(sorted(like(one, first, now)), sorted(like(two, second, now)));
        }
    }

    private static List<Long> like(IncidentIndex index, Database database, Incident incident) {
        return index
                .like(new IncidentTexts(database).text(incident.id()).orElseThrow(), 10)
                .stream()
                .map(IncidentIndex.Match::incidentId)
                .toList();
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }

    private static Incident open(
            Database database, String channel, String title, Instant at, String said) {
        return open(database, channel, title, at, at, said);
    }

    /** An incident that started at one time, recorded at another (a declare here, say). */
    private static Incident open(
            Database database,
            String channel,
            String title,
            Instant at,
            Instant recorded,
            String said) {
        Incident incident =
                database.transaction(
                        tx ->
                                new Incidents(database)
                                        .open(
                                                tx,
                                                new Incidents.NewIncident(
                                                        IncidentKind.INCIDENT,
                                                        "T1",
                                                        channel,
                                                        "inc-" + channel,
                                                        title,
                                                        null,
                                                        Severity.SEV2,
                                                        IncidentStatus.INVESTIGATING,
                                                        "U1",
                                                        "U1",
                                                        at),
                                                "Incident declared: " + title,
                                                "Alice",
                                                recorded));
        write(database, incident, said, recorded);
        return incident;
    }

    private static void write(Database database, Incident incident, String text, Instant at) {
        database.transaction(
                tx ->
                        new Timeline(database)
                                .add(
                                        tx,
                                        Timeline.NewEntry.of(
                                                incident.id(),
                                                incident.channelId(),
                                                EntryKind.MESSAGE,
                                                "U2",
                                                "Bob",
                                                text,
                                                at),
                                        at));
    }
}
