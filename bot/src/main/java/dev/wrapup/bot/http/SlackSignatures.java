package dev.wrapup.bot.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 request signature: {@code v0=} and the hex HMAC-SHA256, under the signing secret, of
 * {@code v0:<timestamp>:<body>}, computed on the body's bytes as they came. The timestamp must be
 * within five minutes of now, in the past as in the future.
 */
final class SlackSignatures {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final Clock clock;

    SlackSignatures(String signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Empty when the request is Slack's and fresh; otherwise why not (never quoting the request).
     */
    Optional<String> refusal(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return Optional.of("no signature");
        }
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (RuntimeException e) {
            return Optional.of("a timestamp that is not a number");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(WINDOW))) {
            return Optional.of("a timestamp more than 5 minutes old");
        }
        if (at.isAfter(now.plus(WINDOW))) {
            return Optional.of("a timestamp more than 5 minutes ahead");
        }
        byte[] expected =
                ("v0=" + HexFormat.of().formatHex(hmac(timestamp.strip(), body)))
                        .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(
                expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("a wrong signature");
        }
        return Optional.empty();
    }

    /** Until when a request signed at this (already checked) timestamp would be accepted. */
    static Instant acceptedUntil(String timestamp) {
        return Instant.ofEpochSecond(Long.parseLong(timestamp.strip())).plus(WINDOW);
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
