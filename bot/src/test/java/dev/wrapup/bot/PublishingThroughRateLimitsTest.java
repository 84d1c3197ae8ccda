package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.WrapUps;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Publishing is promised work like any other: acknowledged while the learnings channel is
 * rate-limited, it is carried out once Slack lets it, across restarts, and a job stopped halfway
 * goes on where it stopped: one summary, one file, one line in the incident channel.
 */
class PublishingThroughRateLimitsTest extends BotTest {
    private static final String OPS = "C0OPS";
    private static final String LEARN = "C0LEARN";
    private static final String PUBLISH = "publish-wrapup";

    /** What Slack answers 429 (Retry-After 1 s) now; changed as the test goes on. */
    private final AtomicReference<Predicate<FakeSlack.ApiRequest>> limited =
            new AtomicReference<>(c -> false);

    @Override
    protected Map<String, String> env() {
        return Map.of("WRAPUP_LEARNINGS_CHANNEL", LEARN);
    }

    private static boolean inLearnings(FakeSlack.ApiRequest c) {
        return LEARN.equals(c.param("channel")) || LEARN.equals(c.param("channel_id"));
    }

    private static boolean fileInLearnings(FakeSlack.ApiRequest c) {
        return c.method().equals("files.completeUploadExternal")
                && LEARN.equals(c.param("channel_id"));
    }

    private Incident resolvedIncident(String channel) {
        fake.addChannel(LEARN, "learnings", false, FakeSlack.BOT_USER_ID);
        Incident incident = declareHere(channel, "Queue backlog");
        command("/incident", "resolve Consumers restarted", ALICE, channel);
        command("/wrapup", "well the rollback was quick", BOB, channel);
        outboxDrained();
        fake.rateLimit(c -> limited.get().test(c), 1);
        return incident;
    }

    private List<Outbox.Item> pendingPublishing() {
        return new Outbox(bot.wrapup().database())
                .pending().stream().filter(i -> i.kind().equals(PUBLISH)).toList();
    }

    private List<FakeSlack.ApiRequest> summaries() {
        return fake.succeeded("chat.postMessage").stream()
                .filter(c -> LEARN.equals(c.param("channel")))
                .toList();
    }

    private List<FakeSlack.ApiRequest> files() {
        return fake.succeeded("files.completeUploadExternal").stream()
                .filter(c -> LEARN.equals(c.param("channel_id")))
                .toList();
    }

    private List<FakeSlack.ApiRequest> told(String channel) {
        return fake.succeeded("chat.postMessage").stream()
                .filter(
                        c ->
                                channel.equals(c.param("channel"))
                                        && c.param("text") != null
                                        && c.param("text")
                                                .contains("the wrap-up in <#" + LEARN + ">"))
                .toList();
    }

    /**
     * The learnings channel refuses everything; the publish is acknowledged and waits in the
     * database.
     */
    private void publishWhileTheLearningsChannelIsRateLimited() {
        limited.set(PublishingThroughRateLimitsTest::inLearnings);
        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ALICE, OPS));
        fake.await("chat.postMessage", c -> LEARN.equals(c.param("channel")));
        assertEquals(List.of(), summaries(), "nothing posted while rate-limited");
        assertEquals(1, pendingPublishing().size(), "the publishing waits in the database");
    }

    /**
     * Only the file is refused now: the summary goes out, and its ts is noted before the file is
     * tried again. The ts noted.
     */
    private String summaryPostedButNotTheFile() {
        limited.set(PublishingThroughRateLimitsTest::fileInLearnings);
        Poll.until(
                "the summary to be posted", () -> !summaries().isEmpty(), Duration.ofSeconds(20));
        Poll.until(
                "the file to be refused twice",
                () ->
                        fake.requests("files.completeUploadExternal").stream()
                                        .filter(PublishingThroughRateLimitsTest::fileInLearnings)
                                        .count()
                                >= 2,
                Duration.ofSeconds(20));
        assertEquals(List.of(), files());
        Outbox.Item waiting = pendingPublishing().get(0);
        assertEquals(1, summaries().size());
        return JsonParser.parseString(waiting.progress()).getAsJsonObject().get("ts").getAsString();
    }

    private void publishedOnce(Incident incident, String summaryTs) {
        Poll.until(
                "the incident channel to be told",
                () -> !told(OPS).isEmpty(),
                Duration.ofSeconds(20));
        outboxDrained();
        assertEquals(1, summaries().size(), "one summary");
        assertEquals(1, files().size(), "one file");
        assertEquals(
                summaryTs, files().get(0).param("thread_ts"), "the file in the summary's thread");
        assertEquals(1, told(OPS).size(), "the incident channel told once");
        assertTrue(
                told(OPS).get(0).param("text").contains(" published the wrap-up"),
                told(OPS).get(0).param("text"));
        assertEquals(
                List.of(),
                fake.requests("chat.update").stream()
                        .filter(c -> LEARN.equals(c.param("channel")))
                        .toList(),
                "nothing to update");
        WrapUps.Publication publication =
                new WrapUps(bot.wrapup().database()).publication(incident.id()).orElseThrow();
        assertEquals(summaryTs, publication.messageTs());
        String fileId =
                files().get(0)
                        .json("files")
                        .getAsJsonArray()
                        .get(0)
                        .getAsJsonObject()
                        .get("id")
                        .getAsString();
        assertEquals(fileId, publication.fileId());
        assertTrue(publication.includeTimeline(), "a public channel's timeline is published");
    }

    @Test
    void aPublishAcknowledgedWhileTheLearningsChannelIsRateLimitedPostsOneSummaryAndOneFile() {
        Incident incident = resolvedIncident(OPS);
        publishWhileTheLearningsChannelIsRateLimited();
        String ts = summaryPostedButNotTheFile();
        fake.recover();
        publishedOnce(incident, ts);
    }

    @Test
    void aPublishResumedAfterRestartsPostsOneSummaryAndOneFile() {
        Incident incident = resolvedIncident(OPS);
        publishWhileTheLearningsChannelIsRateLimited();
        restartWith(Map.of());
        String ts = summaryPostedButNotTheFile();
        restartWith(Map.of());
        fake.recover();
        publishedOnce(incident, ts);
    }

    @Test
    void aPrivateChannelsConfirmedPublishIsInTheDatabaseBeforeTheFormIsAcknowledged() {
        String secret = "G0SECRET";
        Incident incident = resolvedIncident(secret);
        assertEquals("Publishing the wrap-up…", command("/wrapup", "publish", ALICE, secret));
        fake.await("views.open", c -> c.jsonText("view").contains("wrapup_publish_confirm"));

        limited.set(c -> true);
        HttpResponse<String> submitted =
                bot.slack().interaction(PublishingTest.submission(incident, ALICE, false));
        assertEquals(200, submitted.statusCode(), submitted.body());
        List<Outbox.Item> waiting = pendingPublishing();
        assertEquals(1, waiting.size(), "queued before the ack");
        assertTrue(
                waiting.get(0).args().contains("\"includeTimeline\":false"), waiting.get(0).args());

        fake.recover();
        Poll.until(
                "the incident channel to be told",
                () -> !told(secret).isEmpty(),
                Duration.ofSeconds(20));
        outboxDrained();
        assertEquals(1, summaries().size(), "one summary");
        assertEquals(1, files().size(), "one file");
        assertEquals(1, told(secret).size());
        assertTrue(
                told(secret).get(0).param("text").contains("The timeline stayed in this channel."));
        String file =
                fake.requests("upload").stream()
                        .map(c -> c.param("content"))
                        .filter(c -> c.contains("# Wrap-up: Queue backlog"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertFalse(file.contains("## Full timeline"), file);
    }
}
