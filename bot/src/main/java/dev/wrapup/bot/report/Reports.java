package dev.wrapup.bot.report;

import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.report.Report;
import dev.wrapup.domain.report.Section;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Users;
import dev.wrapup.persistence.WrapUps;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds an incident's report from the database alone: the bot, the web page and `export` share it.
 */
public final class Reports {
    private final Participants participants;
    private final Timeline timeline;
    private final WrapUps wrapups;
    private final Users users;
    private final MaintenanceWindows windows;

    public Reports(Database database) {
        this.participants = new Participants(database);
        this.timeline = new Timeline(database);
        this.wrapups = new WrapUps(database);
        this.users = new Users(database);
        this.windows = new MaintenanceWindows(database);
    }

    public String markdown(Incident incident, Disclosure disclosure) {
        return markdown(incident, disclosure, List.of());
    }

    /** The report with past incidents like it under "Seen before". */
    public String markdown(
            Incident incident, Disclosure disclosure, List<Section.Past> seenBefore) {
        List<Participant> people = participants.list(incident.id());
        Set<String> bots =
                people.stream()
                        .map(Participant::userId)
                        .filter(id -> users.find(id).map(SlackUser::bot).orElse(false))
                        .collect(Collectors.toSet());
        return WrapUpReport.markdown(
                Report.of(
                                new Report.Contents(
                                        incident,
                                        people,
                                        bots,
                                        timeline.entries(incident.id()),
                                        wrapups.comments(incident.id()),
                                        wrapups.actions(incident.id()),
                                        // A maintenance window adds its plan and verdict.
                                        incident.kind() == IncidentKind.MAINTENANCE
                                                ? windows.find(incident.id()).orElse(null)
                                                : null),
                                disclosure)
                        .withSeenBefore(seenBefore, disclosure));
    }

    /**
     * The report as it may be read beyond the channel: current text only, and the full timeline
     * unless the wrap-up was published without it (from a private channel).
     */
    public String published(Incident incident) {
        boolean timeline =
                wrapups.publication(incident.id())
                        .map(WrapUps.Publication::includeTimeline)
                        .orElse(true);
        return markdown(incident, Disclosure.published(timeline));
    }
}
