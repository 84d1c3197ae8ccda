package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SLACK_IDENTITY;

import dev.wrapup.domain.BotIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The bot's identity as last learned for a bot token, kept by the token's SHA-256 (never the token
 * itself), so that a start while Slack cannot answer still knows it.
 */
public final class SlackIdentities {
    private final DSLContext dsl;

    public SlackIdentities(Database database) {
        this.dsl = database.dsl();
    }

    public Optional<BotIdentity> find(String botToken) {
        return dsl.selectFrom(SLACK_IDENTITY)
                .where(SLACK_IDENTITY.TOKEN_SHA256.eq(sha256(botToken)))
                .fetchOptional()
                .map(
                        r ->
                                new BotIdentity(
                                        r.getTeamId(),
                                        r.getEnterpriseId(),
                                        r.getBotUserId(),
                                        r.getBotId(),
                                        r.getLearnedAt()));
    }

    public void save(String botToken, BotIdentity identity) {
        dsl.insertInto(SLACK_IDENTITY)
                .set(SLACK_IDENTITY.TOKEN_SHA256, sha256(botToken))
                .set(SLACK_IDENTITY.TEAM_ID, identity.teamId())
                .set(SLACK_IDENTITY.ENTERPRISE_ID, identity.enterpriseId())
                .set(SLACK_IDENTITY.BOT_USER_ID, identity.botUserId())
                .set(SLACK_IDENTITY.BOT_ID, identity.botId())
                .set(SLACK_IDENTITY.LEARNED_AT, identity.learnedAt())
                .onConflict(SLACK_IDENTITY.TOKEN_SHA256)
                .doUpdate()
                .set(SLACK_IDENTITY.TEAM_ID, identity.teamId())
                .set(SLACK_IDENTITY.ENTERPRISE_ID, identity.enterpriseId())
                .set(SLACK_IDENTITY.BOT_USER_ID, identity.botUserId())
                .set(SLACK_IDENTITY.BOT_ID, identity.botId())
                .set(SLACK_IDENTITY.LEARNED_AT, identity.learnedAt())
                .execute();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
