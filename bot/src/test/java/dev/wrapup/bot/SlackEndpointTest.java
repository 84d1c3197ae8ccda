package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.incident.DeclareModal;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.LogCapture;
import dev.wrapup.bot.testing.RawHttp;
import dev.wrapup.bot.testing.Rows;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.domain.Incident;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /slack/events against what a hostile or broken sender does: bodies too large, unsigned or
 * malformed ones, timestamps from the future, replays. Over real HTTP, to the real wiring.
 */
class SlackEndpointTest extends BotTest {
    private static final int MIB = 1 << 20;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    /** User input that must reach no log line and no answer. */
    private static final String MARKER = "PASSWORD-hunter2";

    private static final String FORGED =
            "\n2026-01-01T00:00:00.000Z INFO  [main] d.w.b.Wrapup - forged";

    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    // 1. Oversized requests

    @Test
    void aDeclaredBodyOverOneMebibyteIsRefusedBeforeAByteOfItIsSent() throws Exception {
        try (RawHttp http = new RawHttp(bot.wrapup().port())) {
            RawHttp.Answer answer =
                    http.head(
                                    "POST /slack/events HTTP/1.1",
                                    Map.of(
                                            "Content-Type",
                                            JSON,
                                            "Content-Length",
                                            Long.toString(400L * MIB)))
                            .read();
            assertEquals(413, answer.status());
            assertNull(answer.headers().get("server"));
            assertTrue(
                    http.closedByServer(), "the body is never read: the connection closes instead");
        }
        assertEquals(
                1,
                logs.linesWith("its body is over 1048576 bytes").size(),
                logs.lines().toString());
    }

    @Test
    void aChunkedBodyIsCutOffAfterOneMebibyte() throws Exception {
        try (RawHttp http = new RawHttp(bot.wrapup().port())) {
            http.head(
                    "POST /slack/events HTTP/1.1",
                    Map.of("Content-Type", JSON, "Transfer-Encoding", "chunked"));
            RawHttp.Streamed streamed = http.streamUntilAnswered(new byte[64 * 1024], 400L * MIB);
            assertEquals(413, streamed.answer().status());
            assertTrue(
                    streamed.bytesSent() < 100L * MIB,
                    "answered long before the end: " + streamed.bytesSent());
        }
        assertEquals(
                1, logs.linesWith("more than 1048576 bytes sent").size(), logs.lines().toString());
        // The bot still answers.
        assertEquals(200, bot.slack().command("/incident", "help", ALICE, GENERAL).statusCode());
    }

    @Test
    void aSignedChunkedBodyWithinTheLimitIsHandled() throws Exception {
        String body = SlackRequests.commandForm("/incident", "help", ALICE, GENERAL);
        SlackRequests.Signed signed = bot.slack().signed(body, FORM);
        try (RawHttp http = new RawHttp(bot.wrapup().port())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.head(
                    "POST /slack/events HTTP/1.1",
                    Map.of(
                            "Content-Type",
                            FORM,
                            "Transfer-Encoding",
                            "chunked",
                            "X-Slack-Request-Timestamp",
                            signed.timestamp(),
                            "X-Slack-Signature",
                            signed.signature()));
            http.chunk(Arrays.copyOfRange(bytes, 0, 10))
                    .chunk(Arrays.copyOfRange(bytes, 10, bytes.length))
                    .write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Answer answer = http.read();
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("/incident declare"), answer.body());
        }
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsReadAndChecked() {
        byte[] body = new byte[MIB];
        Arrays.fill(body, (byte) 'a');
        HttpResponse<String> response = bot.slack().send(body, FORM, null, null, Map.of());
        assertEquals(
                401, response.statusCode(), "within the limit: refused for its missing signature");
    }

    @Test
    void unsignedAndUnparseableRequestsAreOneLogLineWithoutTheBody() {
        String body = "command=%2Fincident&text=" + enc(MARKER + FORGED);
        assertEquals(401, bot.slack().send(body, FORM, null, null, Map.of()).statusCode());
        assertEquals(401, bot.slack().forged(body, FORM).statusCode());
        assertEquals(
                400,
                bot.slack()
                        .post(
                                "{\"text\": \"" + MARKER + "\\n\", " + FORGED.strip(),
                                JSON,
                                Instant.now(),
                                Map.of())
                        .statusCode());

        List<String> refusals = logs.linesWith("/slack/events");
        assertEquals(3, refusals.size(), logs.lines().toString());
        assertTrue(refusals.get(0).contains("no signature"), refusals.get(0));
        assertTrue(refusals.get(1).contains("a wrong signature"), refusals.get(1));
        assertTrue(refusals.get(2).contains("a body that is not JSON"), refusals.get(2));
        assertTrue(logs.linesWith(MARKER).isEmpty(), "no body in the log: " + logs.lines());
        assertTrue(
                logs.lines().stream().noneMatch(l -> l.startsWith("2026-01-01")), "no forged line");
    }

    // 2. Malformed requests

    @Test
    void signedMalformedPayloadsAre400WithoutDetail() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"type\": \"event_callback\", \"event\": ", JSON);
        cases.put("{\"token\": \"x\", \"team_id\": \"T0TEAM\"}", JSON);
        cases.put("[1, 2, 3]", JSON);
        cases.put("{\"type\": [\"event_callback\"]}", JSON);
        cases.put(
                "{\"type\": \"event_callback\", \"team_id\": \"T0TEAM\", \"event_id\": \"Ev1\"}",
                JSON);
        cases.put(
                "{\"type\": \"event_callback\", \"team_id\": \"T0TEAM\", \"event\": {\"type\": \"message\"}}",
                JSON);
        cases.put("{\"type\": \"url_verification\"}", JSON);
        cases.put("{\"type\": \"something_else\"}", JSON);
        cases.put("payload=not-json", FORM);
        cases.put(
                "payload=" + enc("{\"type\": \"block_actions\", \"team\": {\"id\": \"T0TEAM\"}}"),
                FORM);
        for (String type : List.of("view_submission", "block_actions", "no_such_type")) {
            cases.put(
                    SlackRequests.interactionForm(SlackRequests.interactionPayload(type, ALICE)),
                    FORM);
        }
        cases.put("command=%2Fincident&text=help", FORM);
        cases.put("command=incident&text=help&user_id=U1&channel_id=C1&team_id=T0TEAM", FORM);
        cases.put("command=%2Fincident&text=%zz&user_id=U1&channel_id=C1&team_id=T0TEAM", FORM);
        cases.put(
                "command=%2Fincident&command=%2Fwrapup&user_id=U1&channel_id=C1&team_id=T0TEAM",
                FORM);
        cases.put("text=hello&user_id=U1", FORM);
        cases.put("", FORM);
        cases.forEach(
                (body, type) ->
                        assertMalformed(
                                bot.slack().post(body, type, Instant.now(), Map.of()), body));

        byte[] notUtf8 = {
            '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'
        };
        assertMalformed(bot.slack().post(notUtf8, JSON, Instant.now()), "bytes that are not UTF-8");
        assertEquals(
                cases.size() + 1,
                logs.linesWith("refused a signed request").size(),
                logs.lines().toString());
        assertTrue(fake.requests("chat.postMessage").isEmpty());
    }

    @Test
    void aSignedInteractionCarryingValuesOfTheWrongKindIs400() {
        JsonObject click =
                SlackRequests.buttonClick(ALICE, CommentModal.OPEN_ACTION, "not-a-number" + FORGED);
        assertMalformed(
                bot.slack().interaction(click), "a button whose value is not an incident id");

        assertMalformed(
                bot.slack()
                        .interaction(
                                SlackRequests.viewSubmission(
                                        CommentModal.CALLBACK_ID,
                                        "not-a-number",
                                        ALICE,
                                        Map.of("well", "x"))),
                "a comment form whose metadata is not an incident id");
        assertMalformed(
                bot.slack()
                        .interaction(
                                SlackRequests.viewSubmission(
                                        DeclareModal.CALLBACK_ID,
                                        "{not json",
                                        ALICE,
                                        Map.of("title", "Title"))),
                "a declare form whose metadata is not JSON");
        List<String> lines = logs.linesWith("it carried something unusable");
        assertEquals(3, lines.size(), logs.lines().toString());
        assertTrue(lines.get(0).contains("NumberFormatException"), lines.get(0));
        assertTrue(
                logs.lines().stream().noneMatch(l -> l.startsWith("2026-01-01")), "no forged line");
    }

    @Test
    void aFailureOnOurSideIs500WithoutDetail() {
        declareHere("C0OPS", "Database about to go");
        bot.wrapup().database().close();
        HttpResponse<String> command =
                bot.slack().command("/incident", "declare here sev2 Outage", ALICE, GENERAL);
        assertEquals(500, command.statusCode());
        assertEquals("{\"error\":\"internal error\"}", command.body());
        assertTrue(command.headers().firstValue("Server").isEmpty());
        // An event is not claimed, so it meets the closed database further on: still ours, still
        // 500.
        HttpResponse<String> event =
                bot.slack().event(SlackEvents.message("C0OPS", BOB, "lost?", fake.nextTs()));
        assertEquals(500, event.statusCode(), "so that Slack delivers it again");
        assertEquals("{\"error\":\"internal error\"}", event.body());
        assertTrue(logs.linesWith("carried something unusable").isEmpty(), logs.lines().toString());
    }

    @Test
    void jettysOwnErrorPagesNameNoServerAndCarryNoDetail() throws Exception {
        HttpResponse<String> missing = bot.get("/no/such/page");
        assertEquals(404, missing.statusCode());
        assertNoDetail(missing.headers().map(), missing.body());
        HttpResponse<String> get = bot.get("/slack/events");
        assertEquals(405, get.statusCode());
        assertNoDetail(get.headers().map(), get.body());
        try (RawHttp http = new RawHttp(bot.wrapup().port())) {
            RawHttp.Answer answer =
                    http.head("GET /healthz HTTP/1.1", Map.of("Bad\u0001Header", "x")).read();
            assertEquals(400, answer.status());
            assertNull(answer.headers().get("server"));
            assertNoDetail(Map.of(), answer.body());
            assertFalse(answer.body().contains("Illegal"), answer.body());
        }
    }

    // 3. Timestamps and replays

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRefused() {
        String body = SlackRequests.commandForm("/incident", "help", ALICE, GENERAL);
        assertEquals(
                401,
                bot.slack()
                        .post(body, FORM, Instant.now().plusSeconds(6 * 60), Map.of())
                        .statusCode());
        assertEquals(
                200,
                bot.slack()
                        .post(body, FORM, Instant.now().plusSeconds(4 * 60), Map.of())
                        .statusCode());
        assertEquals(
                401,
                bot.slack()
                        .post(body, FORM, Instant.now().minusSeconds(6 * 60), Map.of())
                        .statusCode());
        assertTrue(
                logs.linesWith("a timestamp more than 5 minutes ahead").size() == 1,
                logs.lines().toString());
    }

    @Test
    void aSlashCommandReplayedByteForByteActsOnce() {
        fake.addChannel("C0OPS", "ops", false, ALICE, BOB, FakeSlack.BOT_USER_ID);
        SlackRequests.Signed signed =
                bot.slack()
                        .signed(
                                SlackRequests.commandForm(
                                        "/incident", "declare here sev2 Replayed", ALICE, "C0OPS"),
                                FORM);

        HttpResponse<String> first = bot.slack().send(signed);
        assertEquals(200, first.statusCode());
        assertTrue(SlackRequests.text(first).contains("now the incident channel"), first.body());
        HttpResponse<String> replay = bot.slack().send(signed);
        assertEquals(200, replay.statusCode());
        assertEquals("", replay.body());

        fake.await("pins.add", c -> "C0OPS".equals(c.param("channel")));
        assertEquals(1, incidents().all().size());
        assertEquals(
                1,
                logs.linesWith("ignored a replayed slash command").size(),
                logs.lines().toString());
        // The same command sent again by the person (a new timestamp) is not a replay.
        assertTrue(
                command("/incident", "declare here sev2 Replayed", ALICE, "C0OPS")
                        .contains("already"));
    }

    @Test
    void aModalSubmissionReplayedByteForByteActsOnce() {
        JsonObject meta = new JsonObject();
        meta.addProperty("channel", GENERAL);
        meta.addProperty("here", false);
        SlackRequests.Signed signed =
                bot.slack()
                        .signed(
                                SlackRequests.interactionForm(
                                        SlackRequests.viewSubmission(
                                                DeclareModal.CALLBACK_ID,
                                                meta.toString(),
                                                ALICE,
                                                Map.of("title", "Replayed form"))),
                                FORM);

        assertEquals(200, bot.slack().send(signed).statusCode());
        HttpResponse<String> replay = bot.slack().send(signed);
        assertEquals(200, replay.statusCode());
        assertEquals("", replay.body());

        fake.await("pins.add", c -> true);
        Incident incident = incidents().all().get(0);
        assertEquals("Replayed form", incident.title());
        assertEquals(1, incidents().all().size());
        assertEquals(1, fake.requests("conversations.create").size());
        assertEquals(
                1,
                logs.linesWith("ignored a replayed interaction").size(),
                logs.lines().toString());
    }

    @Test
    void eventsAreNotClaimedByTheirSignature() {
        Incident incident = declareHere("C0OPS", "Events stay on their own path");
        String before = seenRows();
        String body =
                SlackRequests.eventEnvelope(
                                SlackEvents.message("C0OPS", BOB, "once", fake.nextTs()),
                                "Ev0REPLAY")
                        .toString();
        SlackRequests.Signed signed = bot.slack().signed(body, JSON);
        assertEquals(200, bot.slack().send(signed).statusCode());
        assertEquals(200, bot.slack().send(signed).statusCode());
        assertEquals(before, seenRows(), "no write for an event beyond its own");
        assertEquals(1, entries(incident).stream().filter(e -> "once".equals(e.text())).count());
    }

    private String seenRows() {
        return Long.toString(
                Rows.number(bot.wrapup().database(), "select count(*) from slack_request_seen"));
    }

    private static void assertMalformed(HttpResponse<String> response, String what) {
        assertEquals(400, response.statusCode(), what + ": " + response.body());
        assertEquals("{\"error\":\"malformed request\"}", response.body(), what);
        assertNoDetail(response.headers().map(), response.body());
    }

    private static void assertNoDetail(Map<String, List<String>> headers, String body) {
        assertTrue(
                headers.keySet().stream()
                        .noneMatch(
                                h ->
                                        h.equalsIgnoreCase("server")
                                                || h.equalsIgnoreCase("x-powered-by")),
                headers.toString());
        for (String detail :
                List.of("Exception", "\tat ", "jetty", "Jetty", "Caused by", "SERVLET", MARKER)) {
            assertFalse(body.contains(detail), "'" + detail + "' in " + body);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
