package dev.wrapup.bot.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.slack.shapes.FormBody;
import dev.wrapup.bot.slack.shapes.RequestSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests to the bot's /slack/events signed as Slack signs them: the X-Slack-Signature
 * header is v0= + hex HMAC-SHA256 of "v0:{timestamp}:{body}".
 */
public final class SlackRequests {
    private static final AtomicInteger EVENT_IDS = new AtomicInteger();
    private static final AtomicInteger COMMAND_IDS = new AtomicInteger();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String signingSecret;
    private final Clock clock;

    public SlackRequests(String baseUrl, String signingSecret) {
        this(baseUrl, signingSecret, Clock.systemUTC());
    }

    /**
     * Signs at the given clock's time: a bot whose clock was moved forward takes the requests as
     * fresh.
     */
    public SlackRequests(String baseUrl, String signingSecret, Clock clock) {
        this.endpoint = URI.create(baseUrl + "/slack/events");
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** A slash command as Slack posts it (form-encoded). */
    public HttpResponse<String> command(
            String command, String text, String userId, String channelId) {
        return post(
                commandForm(command, text, userId, channelId),
                "application/x-www-form-urlencoded",
                clock.instant(),
                Map.of());
    }

    /** The body of a slash command as Slack posts it. */
    public static String commandForm(String command, String text, String userId, String channelId) {
        return FakeSlack.WORKSPACE.slashCommand(
                command,
                text,
                userId,
                userId.toLowerCase(),
                channelId,
                "channel",
                "https://hooks.slack.invalid/commands/T0TEAM/"
                        + COMMAND_IDS.incrementAndGet()
                        + "/abc",
                "1.2.trigger");
    }

    /** An Events API delivery wrapping the event, with a fresh event_id. */
    public HttpResponse<String> event(JsonObject event) {
        return event(event, "Ev" + String.format("%08d", EVENT_IDS.incrementAndGet()), 0);
    }

    /** An Events API delivery; retryNum above 0 is sent as Slack's retry headers. */
    public HttpResponse<String> event(JsonObject event, String eventId, int retryNum) {
        return post(
                eventEnvelope(event, eventId).toString(),
                "application/json",
                clock.instant(),
                retryNum > 0
                        ? Map.of(
                                "X-Slack-Retry-Num",
                                Integer.toString(retryNum),
                                "X-Slack-Retry-Reason",
                                "http_timeout")
                        : Map.of());
    }

    public static JsonObject eventEnvelope(JsonObject event, String eventId) {
        return FakeSlack.WORKSPACE.eventCallback(event, eventId, Instant.now());
    }

    /**
     * The part every interactivity payload shares (type, user, team, app), as Slack sends it; the
     * caller adds the action or the view.
     */
    public static JsonObject interactionPayload(String type, String userId) {
        return FakeSlack.WORKSPACE.interaction(type, userId, userId.toLowerCase());
    }

    /**
     * A form submitted as Slack sends it: each input (a plain text input, null when left empty) in
     * a block whose id is also its action id.
     */
    public static JsonObject viewSubmission(
            String callbackId, String privateMetadata, String userId, Map<String, String> inputs) {
        JsonObject values = new JsonObject();
        inputs.forEach(
                (id, value) -> {
                    JsonObject input = new JsonObject();
                    input.addProperty("type", "plain_text_input");
                    input.addProperty("value", value);
                    JsonObject block = new JsonObject();
                    block.add(id, input);
                    values.add(id, block);
                });
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject view = new JsonObject();
        view.addProperty("id", "V0FORM");
        view.addProperty("type", "modal");
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata);
        view.add("state", state);
        JsonObject payload = interactionPayload("view_submission", userId);
        payload.add("view", view);
        return payload;
    }

    /** A click on a button carrying the value, as Slack sends it. */
    public static JsonObject buttonClick(String userId, String actionId, String value) {
        return FakeSlack.WORKSPACE.buttonClick(
                userId, userId.toLowerCase(), "9.9.trigger", actionId, "b1", value, "1.1");
    }

    /** An interactivity request: form-encoded with the JSON in `payload`. */
    public HttpResponse<String> interaction(JsonObject payload) {
        return post(
                interactionForm(payload),
                "application/x-www-form-urlencoded",
                clock.instant(),
                Map.of());
    }

    /** The body of an interactivity request. */
    public static String interactionForm(JsonObject payload) {
        return FormBody.payload(payload);
    }

    /** A body and the signature headers it was given: sent again, it is a byte-for-byte replay. */
    public record Signed(String body, String contentType, String timestamp, String signature) {}

    /** Signs the body at the clock's time, to be sent (and sent again) later. */
    public Signed signed(String body, String contentType) {
        String ts = RequestSignature.timestamp(clock.instant());
        return new Signed(body, contentType, ts, sign(signingSecret, ts, body));
    }

    public HttpResponse<String> send(Signed request) {
        return send(
                request.body(),
                request.contentType(),
                request.timestamp(),
                request.signature(),
                Map.of());
    }

    /**
     * A POST of the body with Slack's signature headers, for a caller that times or sends it with
     * its own client.
     */
    public static HttpRequest.Builder signedRequest(
            URI endpoint, String secret, String timestamp, String body, String contentType) {
        return RequestSignature.post(endpoint, secret, timestamp, body, contentType);
    }

    /** Posts a body signed at the given time (to test stale timestamps). */
    public HttpResponse<String> post(
            String body, String contentType, Instant timestamp, Map<String, String> headers) {
        String ts = RequestSignature.timestamp(timestamp);
        return send(body, contentType, ts, sign(signingSecret, ts, body), headers);
    }

    /** Posts bytes as they are (not necessarily UTF-8), signed at the given time. */
    public HttpResponse<String> post(byte[] body, String contentType, Instant timestamp) {
        String ts = RequestSignature.timestamp(timestamp);
        return send(body, contentType, ts, sign(signingSecret, ts, body), Map.of());
    }

    /** Posts the body signed now with a secret other than the bot's, as a forger could. */
    public HttpResponse<String> forged(String body, String contentType) {
        String ts = RequestSignature.timestamp(clock.instant());
        return send(body, contentType, ts, sign("not-the-signing-secret", ts, body), Map.of());
    }

    /** Posts with whatever signature headers are given (null leaves one out). */
    public HttpResponse<String> send(
            String body,
            String contentType,
            String timestamp,
            String signature,
            Map<String, String> headers) {
        return send(
                body.getBytes(StandardCharsets.UTF_8), contentType, timestamp, signature, headers);
    }

    public HttpResponse<String> send(
            byte[] body,
            String contentType,
            String timestamp,
            String signature,
            Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header(RequestSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(RequestSignature.SIGNATURE_HEADER, signature);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to the bot failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The text of the bot's answer to a command (its JSON body's "text"). */
    public static String text(HttpResponse<String> response) {
        if (response.body() == null || response.body().isEmpty()) {
            return "";
        }
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        return body.has("text") ? body.get("text").getAsString() : "";
    }

    public static String sign(String secret, String timestamp, String body) {
        return RequestSignature.sign(secret, timestamp, body);
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        return RequestSignature.sign(secret, timestamp, body);
    }

    public static String form(Map<String, String> form) {
        return FormBody.encode(form);
    }
}
