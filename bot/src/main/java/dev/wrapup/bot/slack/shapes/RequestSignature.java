package dev.wrapup.bot.slack.shapes;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 request signature: "v0=" and the hex HMAC-SHA256, keyed with the signing secret, of
 * "v0:{timestamp}:{body}". It signs the body's bytes as sent, so that a body which is not UTF-8 can
 * be signed too (Bolt's generator takes a String).
 */
public final class RequestSignature {
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private RequestSignature() {}

    /** The request timestamp Slack sends for a moment: epoch seconds. */
    public static String timestamp(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    public static String sign(String secret, String timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST of the body to the bot with Slack's two signature headers. */
    public static HttpRequest.Builder post(
            URI endpoint, String secret, String timestamp, String body, String contentType) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
