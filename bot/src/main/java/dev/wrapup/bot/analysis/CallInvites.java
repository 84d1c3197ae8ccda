package dev.wrapup.bot.analysis;

import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.scheduler.calendar.CallInvite;
import dev.wrapup.scheduler.slots.SlotFinder;
import java.net.URI;
import java.util.Optional;

/**
 * The analysis call's calendar event, the same whether it is posted in the announcement's thread or
 * downloaded from the incident's page.
 */
public final class CallInvites {
    private CallInvites() {}

    /**
     * @param page the incident's page, named in the description when there is one
     * @param videoUrl the configured video link template, if any
     */
    public static CallInvite of(
            Incident incident,
            AnalysisCall call,
            Optional<String> page,
            Optional<String> videoUrl) {
        String description =
                "Blameless analysis of \""
                        + incident.title()
                        + "\".\n"
                        + "Agenda: what went well, what went wrong, what we could do better next time."
                        + page.map(p -> "\nTimeline: " + p).orElse("");
        return new CallInvite(
                incident.id(),
                "Analysis call: " + incident.title(),
                call.scheduledAt(),
                call.scheduledAt().plus(SlotFinder.SLOT_LENGTH),
                description,
                CallStart.videoUrl(videoUrl, incident).map(URI::create).orElse(null),
                call.sequence());
    }
}
