package dev.wrapup.bot.http;

import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.wrapup.bot.http.SlackPayloads.Kind;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.SeenRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /slack/events, in front of Bolt: reads at most 1 MiB of the body (413 beyond, before the
 * rest is read), checks Slack's signature and that its timestamp is within five minutes either way
 * (401), that the body is one of Slack's kinds with the fields it must carry (400), and that a
 * slash command or interaction is not a replay (answered 200 and otherwise ignored); only then does
 * Bolt run it. Every refusal is one log line without the body, and no answer carries an exception's
 * text.
 */
public final class SlackEndpoint extends HttpServlet {
    /** Slack's own payloads are far smaller; a megabyte is room for the largest modal state. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignatures signatures;
    private final Replays replays;
    private final Timer ack;

    public SlackEndpoint(
            App app, String signingSecret, SeenRequests seen, Clock clock, MeterRegistry meters) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signatures = new SlackSignatures(signingSecret, clock);
        this.replays = new Replays(seen, clock);
        this.ack =
                Timer.builder("wrapup.ack")
                        .description(
                                "From a request to /slack/events arriving to its answer, refusals"
                                        + " included: Slack gives up after 3 s")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(meters);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Timer.Sample started = Timer.start();
        try {
            answer(req, resp);
        } finally {
            started.stop(ack);
        }
    }

    private void answer(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            tooLarge(req, resp, declared + " bytes declared");
            return;
        }
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            if (declared >= 0) {
                // Slack always says how long: read into an array of just that size.
                bytes = new byte[(int) declared];
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read < bytes.length) {
                    bytes = Arrays.copyOf(bytes, read);
                }
            } else {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
        }
        if (bytes.length > MAX_BODY_BYTES) {
            tooLarge(req, resp, "more than " + MAX_BODY_BYTES + " bytes sent");
            return;
        }
        String timestamp = req.getHeader("X-Slack-Request-Timestamp");
        String signature = req.getHeader("X-Slack-Signature");
        Optional<String> refusal = signatures.refusal(timestamp, signature, bytes);
        if (refusal.isPresent()) {
            log.warn(
                    "refused a request to /slack/events from {}: {} ({} bytes)",
                    req.getRemoteAddr(),
                    refusal.get(),
                    bytes.length);
            answer(resp, 401, "{\"error\":\"invalid request\"}");
            return;
        }
        String body;
        Kind kind;
        try {
            body = utf8(bytes);
            kind = SlackPayloads.classify(body);
        } catch (SlackPayloads.Malformed e) {
            log.warn(
                    "refused a signed request to /slack/events from {}: {} ({} bytes)",
                    req.getRemoteAddr(),
                    e.getMessage(),
                    bytes.length);
            answer(resp, 400, "{\"error\":\"malformed request\"}");
            return;
        }
        if (kind == Kind.RATE_LIMITED) {
            log.warn(
                    "Slack says it held back events for this app this minute (more than it delivers per minute)");
            answer(resp, 200, null);
            return;
        }
        if (kind.replayable()) {
            boolean first;
            try {
                first = replays.firstTime(signature, timestamp);
            } catch (RuntimeException e) {
                log.error("could not check a signed {} for a replay", kind.label, e);
                answer(resp, 500, "{\"error\":\"internal error\"}");
                return;
            }
            if (!first) {
                log.warn(
                        "ignored a replayed {} from {}: the same signed request was acted on already",
                        kind.label,
                        req.getRemoteAddr());
                answer(resp, 200, null);
                return;
            }
        }
        run(req, resp, body, kind);
    }

    private void run(HttpServletRequest req, HttpServletResponse resp, String body, Kind kind)
            throws IOException {
        Response response;
        try {
            Request<?> slackRequest =
                    parser.parse(
                            SlackRequestParser.HttpRequest.builder()
                                    .requestUri(req.getRequestURI())
                                    .queryString(QueryStringParser.toMap(req.getQueryString()))
                                    .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(req)))
                                    .requestBody(body)
                                    .remoteAddress(req.getRemoteAddr())
                                    .build());
            if (slackRequest == null) {
                log.warn(
                        "refused a signed {} from {}: Bolt does not know its shape",
                        kind.label,
                        req.getRemoteAddr());
                answer(resp, 400, "{\"error\":\"malformed request\"}");
                return;
            }
            response = app.run(slackRequest);
        } catch (Exception e) {
            if (carriedSomethingUnusable(e)) {
                StackTraceElement where = whereInWrapup(e);
                log.warn(
                        "refused a signed {} from {}: it carried something unusable ({}: {}, at {})",
                        kind.label,
                        req.getRemoteAddr(),
                        e.getClass().getName(),
                        e.getMessage(),
                        where);
                answer(resp, 400, "{\"error\":\"malformed request\"}");
            } else {
                log.error("handling a signed {} failed", kind.label, e);
                answer(resp, 500, "{\"error\":\"internal error\"}");
            }
            return;
        }
        ServletAdapterOps.writeResponse(resp, response);
    }

    /**
     * A failure caused by what the request carried (a value of the wrong kind or shape, a missing
     * element) as opposed to ours (the database, a bug in waiting): the former is the sender's 400,
     * the latter our 500. The same exception types thrown by the database's side (a closed pool,
     * say) are ours.
     */
    private static boolean carriedSomethingUnusable(Exception e) {
        boolean parsing =
                e instanceof JsonParseException
                        || e instanceof IllegalArgumentException
                        || e instanceof IllegalStateException
                        || e instanceof UnsupportedOperationException
                        || e instanceof ClassCastException
                        || e instanceof NullPointerException
                        || e instanceof IndexOutOfBoundsException
                        || e instanceof DateTimeException;
        return parsing && !Database.isDatabaseFailure(e);
    }

    /**
     * The first frame in Wrapup's own code, where the unusable value was taken for what it was not.
     */
    private static StackTraceElement whereInWrapup(Exception e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("dev.wrapup.")) {
                return frame;
            }
        }
        return frames.length > 0 ? frames[0] : null;
    }

    private static void tooLarge(HttpServletRequest req, HttpServletResponse resp, String size)
            throws IOException {
        log.warn(
                "refused a request to /slack/events from {}: its body is over {} bytes ({})",
                req.getRemoteAddr(),
                MAX_BODY_BYTES,
                size);
        // The rest of the body is never read: the connection closes instead.
        resp.setHeader("Connection", "close");
        answer(resp, 413, "{\"error\":\"request too large\"}");
    }

    private static void answer(HttpServletResponse resp, int status, String json)
            throws IOException {
        resp.setStatus(status);
        if (json != null) {
            resp.setContentType("application/json; charset=utf-8");
            resp.getWriter().write(json);
        }
    }

    private static String utf8(byte[] bytes) throws SlackPayloads.Malformed {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SlackPayloads.Malformed("a body that is not UTF-8");
        }
    }
}
