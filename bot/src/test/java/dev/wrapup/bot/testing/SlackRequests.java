package dev.wrapup.bot.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "verification-token-unused");
        form.put("team_id", FakeSlack.TEAM_ID);
        form.put("team_domain", "fake");
        form.put("channel_id", channelId);
        form.put("channel_name", "channel");
        form.put("user_id", userId);
        form.put("user_name", userId.toLowerCase());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0WRAPUP");
        form.put("is_enterprise_install", "false");
        // Unique per invocation, as Slack's are: the same command sent twice is two requests, not a
        // replay.
        form.put(
                "response_url",
                "https://hooks.slack.invalid/commands/T0TEAM/"
                        + COMMAND_IDS.incrementAndGet()
                        + "/abc");
        form.put("trigger_id", "1.2.trigger");
        return form(form);
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
        JsonObject envelope = new JsonObject();
        envelope.addProperty("token", "verification-token-unused");
        envelope.addProperty("team_id", FakeSlack.TEAM_ID);
        envelope.addProperty("api_app_id", "A0WRAPUP");
        envelope.add("event", event);
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("event_id", eventId);
        envelope.addProperty("event_time", Instant.now().getEpochSecond());
        envelope.addProperty("event_context", UUID.randomUUID().toString());
        return envelope;
    }

    /**
     * The part every interactivity payload shares (type, user, team, app), as Slack sends it; the
     * caller adds the action or the view.
     */
    public static JsonObject interactionPayload(String type, String userId) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", type);
        JsonObject team = new JsonObject();
        team.addProperty("id", FakeSlack.TEAM_ID);
        team.addProperty("domain", "fake");
        payload.add("team", team);
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", userId.toLowerCase());
        user.addProperty("team_id", FakeSlack.TEAM_ID);
        payload.add("user", user);
        payload.addProperty("api_app_id", "A0WRAPUP");
        payload.addProperty("token", "unused");
        return payload;
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
        JsonObject payload = interactionPayload("block_actions", userId);
        payload.addProperty("trigger_id", "9.9.trigger");
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "b1");
        action.addProperty("type", "button");
        action.addProperty("value", value);
        action.addProperty("action_ts", "1.1");
        JsonArray actions = new JsonArray();
        actions.add(action);
        payload.add("actions", actions);
        return payload;
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
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    /** A body and the signature headers it was given: sent again, it is a byte-for-byte replay. */
    public record Signed(String body, String contentType, String timestamp, String signature) {}

    /** Signs the body at the clock's time, to be sent (and sent again) later. */
    public Signed signed(String body, String contentType) {
        String ts = Long.toString(clock.instant().getEpochSecond());
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
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Posts a body signed at the given time (to test stale timestamps). */
    public HttpResponse<String> post(
            String body, String contentType, Instant timestamp, Map<String, String> headers) {
        String ts = Long.toString(timestamp.getEpochSecond());
        return send(body, contentType, ts, sign(signingSecret, ts, body), headers);
    }

    /** Posts bytes as they are (not necessarily UTF-8), signed at the given time. */
    public HttpResponse<String> post(byte[] body, String contentType, Instant timestamp) {
        String ts = Long.toString(timestamp.getEpochSecond());
        return send(body, contentType, ts, sign(signingSecret, ts, body), Map.of());
    }

    /** Posts the body signed now with a secret other than the bot's, as a forger could. */
    public HttpResponse<String> forged(String body, String contentType) {
        String ts = Long.toString(clock.instant().getEpochSecond());
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
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
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
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            byte[] digest = mac.doFinal(body);
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(
                        e ->
                                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
