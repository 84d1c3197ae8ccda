package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.persistence.testing.TestDatabases;
import dev.wrapup.scheduler.QuartzFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas of the jar, each a process of its own with its own port and search index, on one
 * PostgreSQL (WRAPUP_TEST_POSTGRES_URL; skipped with a message when unset), with requests spread
 * across them. They start once; the scenarios run in order, the one that kills a replica last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
    private static final String ALICE = "U0ALICE";
    private static final String BOB = "U0BOB";
    private static final String GENERAL = "C0GENERAL";
    private static final int REPLICAS = 3;
    private static final Pattern SCHEDULER_INSTANCE = Pattern.compile("scheduler instance (\\S+)");

    /** Long enough to resolve a batch of incidents before their calls start. */
    private static final Duration ANALYSIS_DELAY = Duration.ofSeconds(20);

    private static final Duration REMINDER_DELAY = Duration.ofSeconds(10);

    private Path workDir;
    private FakeSlack fake;
    private Database db;
    private final List<BotProcess> replicas = new ArrayList<>();
    private final List<SlackRequests> slack = new ArrayList<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(8);
    private int next;

    /**
     * Starts the replicas before the first scenario; each scenario is skipped, saying why, without
     * a PostgreSQL.
     */
    @BeforeEach
    void startReplicas() throws Exception {
        if (fake != null) {
            return; // started for an earlier scenario
        }
        DatabaseSettings settings = TestDatabases.freshPostgresSchema();
        workDir = Files.createTempDirectory("wrapup-replicas");
        fake = new FakeSlack();
        fake.addUser(ALICE, "Alice", "Europe/Berlin", 3600);
        fake.addUser(BOB, "Bob", "America/Los_Angeles", -28800);
        fake.addChannel(GENERAL, "general", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        for (int i = 0; i < REPLICAS; i++) {
            Map<String, String> env = new HashMap<>(BotProcess.env(fake));
            env.put("WRAPUP_DB_URL", settings.url());
            env.put("WRAPUP_ANALYSIS_DELAY", ANALYSIS_DELAY.toString());
            env.put("WRAPUP_REMINDER_DELAY", REMINDER_DELAY.toString());
            env.put("WRAPUP_WORKING_HOURS", "MON-SUN 00:00-24:00");
            env.put("WRAPUP_SLOT_ALIGNMENT", "PT1S");
            Path dir = Files.createDirectories(workDir.resolve("replica-" + i));
            env.put("WRAPUP_INDEX_DIR", dir.resolve("index").toString());
            // One after another: the first applies the migrations, the others find them done.
            BotProcess replica = BotProcess.start(env, dir);
            replicas.add(replica);
            slack.add(new SlackRequests(replica.baseUrl(), TestBot.SIGNING_SECRET));
        }
        db = Database.open(settings);
    }

    @AfterAll
    void stopReplicas() throws Exception {
        senders.shutdownNow();
        for (BotProcess replica : replicas) {
            replica.close();
        }
        if (db != null) {
            db.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void theSameEventDeliveredToTwoReplicasIsStoredOnce() throws Exception {
        Incident incident = declareHere("C0TWICE", "Twice delivered", 0);
        String ts = fake.nextTs();
        JsonObject message = SlackEvents.message("C0TWICE", BOB, "disk full on db-3", ts);
        List<Integer> statuses =
                atOnce(
                        () -> slack.get(1).event(message, "Ev0TWICE01", 0).statusCode(),
                        () -> slack.get(2).event(message, "Ev0TWICE01", 1).statusCode());
        assertEquals(List.of(200, 200), statuses);

        String editTs = fake.nextTs();
        JsonObject edit =
                SlackEvents.messageChanged(
                        "C0TWICE",
                        BOB,
                        ts,
                        "disk full on db-3",
                        "disk full on db-4",
                        editTs,
                        editTs);
        statuses =
                atOnce(
                        () -> slack.get(2).event(edit, "Ev0TWICE02", 0).statusCode(),
                        () -> slack.get(0).event(edit, "Ev0TWICE02", 1).statusCode());
        assertEquals(List.of(200, 200), statuses);

        List<TimelineEntry> stored =
                new Timeline(db)
                        .entries(incident.id()).stream().filter(e -> ts.equals(e.ts())).toList();
        assertEquals(1, stored.size(), "one entry: " + stored);
        assertEquals("disk full on db-4", stored.get(0).text());
        assertEquals(
                List.of("disk full on db-3"),
                stored.get(0).versions().stream().map(TimelineEntry.Version::text).toList(),
                "one earlier version, though the edit reached two replicas");
    }

    @Test
    @Order(2)
    void aMessageRightAfterANewDeclareOnAnotherReplicaGoesToTheNewIncident() throws Exception {
        String channel = "C0AGAIN";
        Incident first = declareHere(channel, "First outage", 0);
        // Every replica reads the channel's incident now, as the next events would.
        for (int i = 0; i < REPLICAS; i++) {
            assertEquals(
                    200,
                    slack.get(i)
                            .event(SlackEvents.message(channel, BOB, "looking", fake.nextTs()))
                            .statusCode());
        }
        assertTrue(command(1, "/incident", "resolve fixed", ALICE, channel).contains("esolved"));

        String declared =
                command(2, "/incident", "declare here sev3 Second outage", ALICE, channel);
        assertTrue(declared.contains("now the incident channel"), declared);
        List<String> ts = new ArrayList<>();
        // Within the second: the replicas that last saw the first incident get it.
        for (int i = 0; i < REPLICAS; i++) {
            String at = fake.nextTs();
            ts.add(at);
            assertEquals(
                    200,
                    slack.get(i)
                            .event(SlackEvents.message(channel, BOB, "again " + i, at))
                            .statusCode());
        }
        Incident second = new Incidents(db).findByChannel(channel).orElseThrow();
        assertTrue(second.id() != first.id(), "a new incident");
        Timeline timeline = new Timeline(db);
        for (int i = 0; i < REPLICAS; i++) {
            TimelineEntry entry = timeline.find(channel, ts.get(i)).orElseThrow();
            assertEquals(
                    second.id(),
                    entry.incidentId(),
                    "the message replica " + i + " took went to the new incident");
        }
    }

    @Test
    @Order(3)
    void aCommandItsButtonAndTheModalItOpensReachThreeReplicas() throws Exception {
        // Declaring through the form: the command on one replica, the form's submission on another.
        assertTrue(
                command(0, "/incident", "declare sev3", ALICE, GENERAL).contains("Opening a form"));
        FakeSlack.ApiRequest declareForm =
                fake.await("views.open", c -> c.param("view").contains("incident_declare"));
        JsonObject declareView =
                JsonParser.parseString(declareForm.param("view")).getAsJsonObject();
        HttpResponse<String> declared =
                slack.get(1)
                        .interaction(
                                IncidentCommandsTest.viewSubmission(
                                        declareView, "Checkout errors", "sev3", null));
        assertEquals(200, declared.statusCode(), declared.body());
        FakeSlack.ApiRequest header =
                fake.await(
                        "chat.postMessage",
                        c ->
                                c.param("blocks") != null
                                        && c.jsonText("blocks").contains("Checkout errors"),
                        Duration.ofSeconds(30));
        String channel = header.param("channel");
        fake.await("pins.add", c -> channel.equals(c.param("channel")), Duration.ofSeconds(30));
        fake.join(channel, BOB);
        assertEquals(
                200,
                slack.get(2)
                        .event(
                                SlackEvents.message(
                                        channel, BOB, "rolling back the deploy", fake.nextTs()))
                        .statusCode());
        Incident incident = new Incidents(db).findByChannel(channel).orElseThrow();

        // The resolve on one replica, the call on whichever fires it, Bob's button and form on two
        // others.
        assertTrue(
                command(2, "/incident", "resolve rolled back", ALICE, channel).contains("esolved"));
        FakeSlack.ApiRequest prompt =
                fake.await(
                        "chat.postMessage",
                        c ->
                                BOB.equals(c.param("channel"))
                                        && c.param("blocks") != null
                                        && c.jsonText("blocks").contains(CommentModal.OPEN_ACTION)
                                        && c.param("text").contains("Checkout errors"),
                        ANALYSIS_DELAY.plusSeconds(40));
        assertTrue(prompt.jsonText("blocks").contains(Long.toString(incident.id())));
        assertEquals(
                200,
                slack.get(0)
                        .interaction(
                                SlackRequests.buttonClick(
                                        BOB,
                                        CommentModal.OPEN_ACTION,
                                        Long.toString(incident.id())))
                        .statusCode());
        FakeSlack.ApiRequest open =
                fake.await(
                        "views.open",
                        c ->
                                c.param("view").contains("wrapup_comments")
                                        && c.param("view").contains(Long.toString(incident.id())));
        JsonObject view = JsonParser.parseString(open.param("view")).getAsJsonObject();
        HttpResponse<String> sent =
                slack.get(1)
                        .interaction(
                                WrapupTest.submission(
                                        view, BOB, Map.of("better", "Canary the checkout deploy")));
        assertEquals(200, sent.statusCode());
        assertFalse(sent.body().contains("errors"), sent.body());
        assertEquals(
                List.of("Canary the checkout deploy"),
                new WrapUps(db).comments(incident.id()).stream().map(c -> c.text()).toList());
        String status = command(2, "/wrapup", "status", ALICE, channel);
        assertTrue(status.contains("Commented (1): <@" + BOB + ">"), status);
    }

    @Test
    @Order(4)
    void outboxItemsAreDoneOnceWhileThreeReplicasDrainTogether() throws Exception {
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String channel = String.format("C0DRAIN%02d", i);
            fake.addChannel(channel, "drain-" + i, false, ALICE, BOB, FakeSlack.BOT_USER_ID);
            channels.add(channel);
        }
        // Slack refuses everything for a while, so that a backlog builds up in the queue...
        int before = fake.requests().size();
        fake.rateLimitEverything(1);
        List<Callable<String>> declares = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            int replica = i % REPLICAS;
            declares.add(
                    () ->
                            command(
                                    replica,
                                    "/incident",
                                    "declare here sev4 Backlog " + channel,
                                    ALICE,
                                    channel));
        }
        for (String answer : atOnce(declares)) {
            assertTrue(answer.contains("now the incident channel"), answer);
        }
        Poll.until(
                "each declaration tried and refused",
                () -> fake.requests().size() - before >= channels.size(),
                Duration.ofSeconds(20));
        // ...then lets it through: every replica finds the whole backlog due at the same moment.
        fake.recover();
        Poll.until("the queue drained", () -> outbox().pending().isEmpty(), Duration.ofSeconds(60));
        for (String channel : channels) {
            assertEquals(
                    1,
                    fake.succeeded("pins.add").stream()
                            .filter(c -> channel.equals(c.param("channel")))
                            .count(),
                    "one header pinned in " + channel);
            assertEquals(
                    1,
                    fake.succeeded("chat.postMessage").stream()
                            .filter(
                                    c ->
                                            channel.equals(c.param("channel"))
                                                    && c.param("blocks") != null
                                                    // the other backlogs are Seen before
                                                    && !c.param("text").startsWith("Seen before"))
                            .count(),
                    "one header posted in " + channel);
        }
        assertNoMessagePostedTwice();
    }

    @Test
    @Order(5)
    void fiftyResolvedIncidentsGiveFiftyCallsFiftySetsOfPromptsAndOneReminderEach()
            throws Exception {
        int count = 50;
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String channel = String.format("C0FIFTY%02d", i);
            fake.addChannel(channel, "fifty-" + i, false, ALICE, BOB, FakeSlack.BOT_USER_ID);
            channels.add(channel);
        }
        List<Callable<String>> declares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String channel = channels.get(i);
            int replica = i % REPLICAS;
            declares.add(
                    () ->
                            command(
                                    replica,
                                    "/incident",
                                    "declare here sev3 Fifty " + channel,
                                    ALICE,
                                    channel));
        }
        atOnce(declares);
        List<Callable<String>> resolves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String channel = channels.get(i);
            int replica = (i + 1) % REPLICAS;
            resolves.add(() -> command(replica, "/incident", "resolve done", ALICE, channel));
        }
        for (String answer : atOnce(resolves)) {
            assertTrue(answer.contains("esolved"), answer);
        }
        Incidents incidents = new Incidents(db);
        List<Incident> resolved =
                channels.stream().map(c -> incidents.findByChannel(c).orElseThrow()).toList();

        Predicate<FakeSlack.ApiRequest> reminder =
                c ->
                        c.param("text") != null
                                && c.param("text").startsWith("A reminder: your comment");
        Poll.until(
                "50 reminders",
                () ->
                        fake.succeeded("chat.postMessage").stream()
                                        .filter(reminder)
                                        .filter(c -> c.param("text").contains("Fifty C0FIFTY"))
                                        .count()
                                >= count,
                ANALYSIS_DELAY.plus(REMINDER_DELAY).plusSeconds(90));
        Poll.until("the queue drained", () -> outbox().pending().isEmpty(), Duration.ofSeconds(60));

        AnalysisCalls calls = new AnalysisCalls(db);
        for (Incident incident : resolved) {
            String channel = incident.channelId();
            assertEquals(
                    AnalysisCall.Status.STARTED,
                    calls.find(incident.id()).orElseThrow().status(),
                    channel);
            assertEquals(
                    1,
                    posted(
                                    c ->
                                            channel.equals(c.param("channel"))
                                                    && text(c).contains("starts now"))
                            .size(),
                    "one call posted in " + channel);
            String title = "\"" + incident.title() + "\"";
            assertEquals(
                    1,
                    posted(
                                    c ->
                                            ALICE.equals(c.param("channel"))
                                                    && text(c).startsWith(
                                                                    "Your comment on " + title))
                            .size(),
                    "one prompt for " + title);
            assertEquals(
                    1,
                    posted(
                                    c ->
                                            ALICE.equals(c.param("channel"))
                                                    && reminder.test(c)
                                                    && text(c).contains(title))
                            .size(),
                    "one reminder for " + title);
            assertEquals(
                    1,
                    posted(c -> text(c).startsWith(":hourglass: Still no comment on " + title))
                            .size(),
                    "one list of who has not commented, for " + title);
        }
        assertNoMessagePostedTwice();
    }

    @Test
    @Order(6)
    void theCallsOfAReplicaKilledWithSigkillArePostedByTheOthersOnce() throws Exception {
        int count = 6;
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String channel = String.format("C0KILL%02d", i);
            fake.addChannel(channel, "kill-" + i, false, ALICE, BOB, FakeSlack.BOT_USER_ID);
            channels.add(channel);
            command(
                    i % REPLICAS,
                    "/incident",
                    "declare here sev3 Killed " + channel,
                    ALICE,
                    channel);
        }
        Poll.until("the queue drained", () -> outbox().pending().isEmpty(), Duration.ofSeconds(30));
        // Slack is slow to answer the calls' announcements, so replicas are in the middle of
        // posting them (holding their claims in the queue) when one is killed.
        Predicate<FakeSlack.ApiRequest> announcement =
                c ->
                        c.method().equals("chat.postMessage")
                                && c.param("channel").startsWith("C0KILL")
                                && text(c).contains("*Analysis call:*");
        fake.hold(announcement);
        for (int i = 0; i < count; i++) {
            String answer =
                    command(
                            (i + 1) % REPLICAS,
                            "/incident",
                            "resolve done",
                            ALICE,
                            channels.get(i));
            assertTrue(answer.contains("esolved"), answer);
        }
        Incidents incidents = new Incidents(db);
        AnalysisCalls calls = new AnalysisCalls(db);
        Instant last =
                channels.stream()
                        .map(c -> incidents.findByChannel(c).orElseThrow())
                        .map(
                                i ->
                                        Poll.value(
                                                "the call planned",
                                                () -> calls.find(i.id()).orElse(null),
                                                c -> c != null,
                                                Duration.ofSeconds(10)))
                        .map(AnalysisCall::scheduledAt)
                        .max(Instant::compareTo)
                        .orElseThrow();
        // A replica's Quartz takes the next call it will fire ahead of its time, and its queue
        // holds the announcement it is posting: only the survivors' finding it dead gives either
        // back.
        int victim =
                Poll.value(
                        "a replica to hold a call it is about to start and an announcement",
                        this::replicaHoldingACallAndAClaim,
                        i -> i >= 0,
                        ANALYSIS_DELAY);
        replicas.get(victim).kill();
        Instant killed = Instant.now();
        fake.release();

        // Quartz takes a replica for dead once it has not checked in for the interval plus 7.5 s,
        // and the survivors look every interval.
        Duration takeover = QuartzFactory.CLUSTER_CHECKIN.multipliedBy(2).plusMillis(7500);
        Duration margin = Duration.ofSeconds(15);
        Instant deadline = (last.isAfter(killed) ? last : killed).plus(takeover).plus(margin);
        for (String channel : channels) {
            Poll.until(
                    "the call in " + channel + " posted by " + deadline,
                    () ->
                            !posted(
                                            c ->
                                                    channel.equals(c.param("channel"))
                                                            && text(c).contains("starts now"))
                                    .isEmpty(),
                    Duration.between(Instant.now(), deadline));
        }
        Instant lastPosted =
                posted(
                                c ->
                                        c.param("channel").startsWith("C0KILL")
                                                && text(c).contains("starts now"))
                        .stream()
                        .map(FakeSlack.ApiRequest::at)
                        .max(Instant::compareTo)
                        .orElseThrow();
        System.out.printf(
                "replica %d killed %s; calls due by %s; the last posted %s (%d s after the kill)%n",
                victim, killed, last, lastPosted, Duration.between(killed, lastPosted).toSeconds());
        Poll.until("the queue drained", () -> outbox().pending().isEmpty(), Duration.ofSeconds(30));
        for (String channel : channels) {
            assertEquals(
                    1,
                    posted(
                                    c ->
                                            channel.equals(c.param("channel"))
                                                    && text(c).contains("starts now"))
                            .size(),
                    "one call posted in " + channel);
            // The announcement the killed replica was posting is posted again by another: Slack
            // work is done at least once.
            assertFalse(
                    posted(c -> channel.equals(c.param("channel")) && announcement.test(c))
                            .isEmpty());
        }
    }

    /**
     * A replica whose Quartz holds a trigger it acquired and has not fired yet, and which holds a
     * claim on Slack work; or -1.
     */
    private int replicaHoldingACallAndAClaim() {
        Set<String> calling =
                instances("SELECT instance_name FROM qrtz_fired_triggers WHERE state = 'ACQUIRED'");
        Set<String> claiming =
                instances(
                        "SELECT claimed_by FROM slack_outbox WHERE claimed_by IS NOT NULL"
                                + " AND posted_at IS NULL AND failed_at IS NULL");
        for (int i = 0; i < replicas.size(); i++) {
            Matcher instance = SCHEDULER_INSTANCE.matcher(replicas.get(i).output());
            if (instance.find()
                    && calling.contains(instance.group(1))
                    && claiming.contains(instance.group(1))) {
                return i;
            }
        }
        return -1;
    }

    private Set<String> instances(String query) {
        Set<String> found = new HashSet<>();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                found.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private void assertNoMessagePostedTwice() {
        Map<String, Long> twice =
                fake.succeeded("chat.postMessage").stream()
                        .collect(
                                Collectors.groupingBy(
                                        c ->
                                                c.param("channel")
                                                        + " "
                                                        + text(c)
                                                        + " "
                                                        + c.param("blocks"),
                                        Collectors.counting()));
        twice.values().removeIf(n -> n == 1);
        assertTrue(twice.isEmpty(), "posted more than once: " + twice.keySet());
    }

    private List<FakeSlack.ApiRequest> posted(Predicate<FakeSlack.ApiRequest> matching) {
        return fake.succeeded("chat.postMessage").stream().filter(matching).toList();
    }

    private static String text(FakeSlack.ApiRequest c) {
        return c.param("text") == null ? "" : c.param("text");
    }

    private Outbox outbox() {
        return new Outbox(db);
    }

    private Incident declareHere(String channel, String title, int replica) {
        fake.addChannel(channel, channel.toLowerCase(), false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        String answer = command(replica, "/incident", "declare here sev2 " + title, ALICE, channel);
        assertTrue(answer.contains("now the incident channel"), answer);
        fake.await("pins.add", c -> channel.equals(c.param("channel")), Duration.ofSeconds(30));
        return new Incidents(db).findByChannel(channel).orElseThrow();
    }

    /** A slash command on one replica; the line only the caller sees. */
    private String command(int replica, String command, String text, String user, String channel) {
        HttpResponse<String> response = slack.get(replica).command(command, text, user, channel);
        assertEquals(200, response.statusCode(), response.body());
        return SlackRequests.text(response);
    }

    @SafeVarargs
    private <T> List<T> atOnce(Callable<T>... calls) throws Exception {
        return atOnce(List.of(calls));
    }

    /** Runs the calls on up to eight threads, released together. */
    private <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(
                    senders.submit(
                            () -> {
                                start.await(10, TimeUnit.SECONDS);
                                return call.call();
                            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
