package dev.wrapup.bot.web;

import dev.wrapup.domain.Incident;
import java.util.Optional;

/**
 * Where an incident's page is, for the links the bot posts in Slack: nowhere when sign-in is off,
 * as the pages are then off too.
 *
 * @param publicUrl WRAPUP_PUBLIC_URL when the pages are on
 */
public record IncidentLinks(Optional<String> publicUrl) {
    public Optional<String> page(Incident incident) {
        return publicUrl.map(url -> url + "/incidents/" + incident.id());
    }
}
