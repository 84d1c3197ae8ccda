package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SIGNIN_STATE;
import static dev.wrapup.persistence.jooq.Tables.WEB_SESSION;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Web sign-in: the sessions of signed-in browsers and the sign-ins under way. The random values a
 * browser holds (session token, state, browser cookie) are kept as their SHA-256 only.
 */
public final class WebSessions {
    private final DSLContext dsl;

    public WebSessions(Database database) {
        this.dsl = database.dsl();
    }

    /** Who a valid session belongs to. */
    public record Session(String userId, String teamId, String name, Instant expiresAt) {}

    /** A sign-in under way, as the callback finds it: the nonce sent and where to go back. */
    public record PendingSignIn(String nonce, String returnTo) {}

    public void start(
            String token,
            String userId,
            String teamId,
            String name,
            Instant now,
            Instant expiresAt) {
        dsl.insertInto(WEB_SESSION)
                .set(WEB_SESSION.TOKEN_SHA256, sha256(token))
                .set(WEB_SESSION.USER_ID, userId)
                .set(WEB_SESSION.TEAM_ID, teamId)
                .set(WEB_SESSION.USER_NAME, name)
                .set(WEB_SESSION.CREATED_AT, now)
                .set(WEB_SESSION.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** The session the token opens, unless it ended or expired. */
    public Optional<Session> findValid(String token, Instant now) {
        return dsl.selectFrom(WEB_SESSION)
                .where(WEB_SESSION.TOKEN_SHA256.eq(sha256(token)))
                .and(WEB_SESSION.EXPIRES_AT.gt(now))
                .fetchOptional()
                .map(
                        r ->
                                new Session(
                                        r.getUserId(),
                                        r.getTeamId(),
                                        r.getUserName(),
                                        r.getExpiresAt()));
    }

    /** Signs the session out; an unknown token changes nothing. */
    public void end(String token) {
        dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.TOKEN_SHA256.eq(sha256(token))).execute();
    }

    /** Remembers a sign-in sent to Slack, for its callback to claim before expiresAt. */
    public void rememberState(
            String state,
            String nonce,
            String browser,
            String returnTo,
            Instant now,
            Instant expiresAt) {
        dsl.insertInto(SIGNIN_STATE)
                .set(SIGNIN_STATE.STATE_SHA256, sha256(state))
                .set(SIGNIN_STATE.NONCE, nonce)
                .set(SIGNIN_STATE.BROWSER_SHA256, sha256(browser))
                .set(SIGNIN_STATE.RETURN_TO, returnTo)
                .set(SIGNIN_STATE.CREATED_AT, now)
                .set(SIGNIN_STATE.EXPIRES_AT, expiresAt)
                .execute();
    }

    /**
     * Claims the state: the sign-in it started, once only (here or on another replica), if it has
     * not expired and the browser is the one that started it. Any claim uses the state up, so a
     * state that was shown to another browser cannot be tried again from the right one either.
     */
    public Optional<PendingSignIn> claimState(String state, String browser, Instant now) {
        var row =
                dsl.selectFrom(SIGNIN_STATE)
                        .where(SIGNIN_STATE.STATE_SHA256.eq(sha256(state)))
                        .fetchOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        // The delete decides between two claims at once: only one of them removes the row.
        int deleted =
                dsl.deleteFrom(SIGNIN_STATE)
                        .where(SIGNIN_STATE.STATE_SHA256.eq(sha256(state)))
                        .execute();
        var r = row.get();
        if (deleted != 1
                || !r.getExpiresAt().isAfter(now)
                || !r.getBrowserSha256().equals(sha256(browser))) {
            return Optional.empty();
        }
        return Optional.of(new PendingSignIn(r.getNonce(), r.getReturnTo()));
    }

    /** Forgets expired sessions and sign-ins never finished; returns how many. */
    public int purgeExpired(Instant now) {
        return dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.EXPIRES_AT.le(now)).execute()
                + dsl.deleteFrom(SIGNIN_STATE).where(SIGNIN_STATE.EXPIRES_AT.le(now)).execute();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
