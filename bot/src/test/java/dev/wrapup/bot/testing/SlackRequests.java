package dev.wrapup.bot.testing;

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
        return post(form(form), "application/x-www-form-urlencoded", clock.instant(), Map.of());
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

    /** An interactivity request: form-encoded with the JSON in `payload`. */
    public HttpResponse<String> interaction(JsonObject payload) {
        return post(
                "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded",
                clock.instant(),
                Map.of());
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
