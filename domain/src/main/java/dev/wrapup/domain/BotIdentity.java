package dev.wrapup.domain;

import java.time.Instant;

/**
 * Who the bot is in Slack, as auth.test said: its workspace (and Enterprise Grid org, if any), its
 * bot user and its bot id.
 */
public record BotIdentity(
        String teamId, String enterpriseId, String botUserId, String botId, Instant learnedAt) {}
