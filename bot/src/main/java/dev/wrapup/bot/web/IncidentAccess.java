package dev.wrapup.bot.web;

import dev.wrapup.domain.Incident;

/** Decides, on every request, how much of an incident a signed-in viewer may see. */
@FunctionalInterface
public interface IncidentAccess {
    Visibility of(Viewer viewer, Incident incident);
}
