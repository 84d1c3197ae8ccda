package dev.wrapup.bot.web;

import dev.wrapup.domain.Incident;

/** Where an incident's page is, for the links the bot posts in Slack. */
public record IncidentLinks(String publicUrl) {
    public String page(Incident incident) {
        return publicUrl + "/incidents/" + incident.webKey();
    }
}
