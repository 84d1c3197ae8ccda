package dev.wrapup.bot.incident;

import dev.wrapup.domain.Severity;

/**
 * Someone declaring an incident: from a slash command or the declare modal.
 *
 * @param originChannelId where it was declared (the incident channel itself with `here`)
 */
public record Declaration(
        String teamId,
        String callerId,
        String originChannelId,
        Severity severity,
        String title,
        String description) {}
