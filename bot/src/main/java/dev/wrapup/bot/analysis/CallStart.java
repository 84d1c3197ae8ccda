package dev.wrapup.bot.analysis;

import dev.wrapup.bot.happened.Happening.CallStarted;
import dev.wrapup.bot.happened.Happenings;
import dev.wrapup.bot.similar.FixQuestions;
import dev.wrapup.bot.similar.SimilarIncidents;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The analysis call starting when the scheduler fires it: one post with the link, the opening
 * words, the agenda and the key moments, then {@link CallStarted} for the prompts.
 */
public final class CallStart {
    /** The outbox topic of the message that starts the call: its ts is kept. */
    private static final String CALL_STARTED = "call-started";

    private final Incidents incidents;
    private final Participants participants;
    private final Timeline timeline;
    private final AnalysisCalls calls;
    private final WrapUps wrapups;
    private final SlackOutbox outbox;
    private final OpeningWords openingWords;
    private final Optional<String> videoUrl;
    private final IncidentLinks links;
    private final SimilarIncidents similar;
    private final FixQuestions fixes;
    private final Happenings happenings;
    private final Clock clock;

    public CallStart(
            Database database,
            SlackOutbox outbox,
            Scheduling scheduling,
            OpeningWords openingWords,
            Optional<String> videoUrl,
            IncidentLinks links,
            SimilarIncidents similar,
            FixQuestions fixes,
            Happenings happenings,
            Clock clock) {
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.timeline = new Timeline(database);
        this.calls = new AnalysisCalls(database);
        this.wrapups = new WrapUps(database);
        this.outbox = outbox;
        this.openingWords = openingWords;
        this.videoUrl = videoUrl;
        this.links = links;
        this.similar = similar;
        this.fixes = fixes;
        this.happenings = happenings;
        this.clock = clock;
        scheduling.register(AnalysisCallService.TASK, this::start);
        outbox.onPosted(CALL_STARTED, (tx, incidentId, ts) -> calls.setCallTs(tx, incidentId, ts));
    }

    /** The configured video link with the incident's channel and id filled in. */
    static Optional<String> videoUrl(Optional<String> template, Incident incident) {
        return template.map(
                t ->
                        t.replace("{channel}", incident.channelId())
                                .replace("{incident}", Long.toString(incident.id())));
    }

    /** The scheduled task: posts the call once, then asks everyone for their comment. */
    void start(long incidentId) {
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        List<Participant> participants = this.participants.list(incidentId);
        StringBuilder text =
                new StringBuilder(":telephone_receiver: *The analysis call for \"")
                        .append(SlackText.escape(incident.title()))
                        .append("\" starts now.*\n");
        text.append(
                videoUrl(videoUrl, incident)
                        .map(u -> "Join the call: " + u)
                        .orElse(
                                "Start a huddle in this channel (the headphones icon in the channel header) to talk."));
        text.append("\n\n")
                .append(
                        openingWords.render(
                                SlackText.mention(incident.facilitator()),
                                SlackText.escape(incident.title())));
        text.append(
                "\n\n*Agenda* (30 minutes)\n1. What went well\n2. What went wrong\n"
                        + "3. What we could do better next time");
        List<TimelineEntry> moments =
                timeline.entries(incidentId).stream().filter(TimelineEntry::keyMoment).toList();
        text.append("\n\n*Key moments*");
        if (moments.isEmpty()) {
            text.append("\n_None were marked during the incident._");
        }
        for (TimelineEntry moment : moments.subList(0, Math.min(moments.size(), 10))) {
            String body = moment.text() == null ? "" : moment.text().replace('\n', ' ');
            text.append("\n• ")
                    .append(SlackText.date(moment.occurredAt()))
                    .append(" ")
                    .append(SlackText.truncate(body, 200));
        }
        links.page(incident)
                .ifPresent(
                        url ->
                                text.append("\nThe whole timeline: <")
                                        .append(url)
                                        .append("|web page>"));
        List<SimilarIncidents.Suggestion> seen = similar.like(incident, incident.channelId());
        if (!seen.isEmpty()) {
            text.append("\n\n").append(similar.line(seen));
        }
        if (!participants.isEmpty()) {
            text.append("\n\n")
                    .append(
                            participants.stream()
                                    .map(p -> SlackText.mention(p.userId()))
                                    .collect(Collectors.joining(" ")))
                    .append(
                            ": please give at least one comment, with the "
                                    + "button I'm sending you or `/wrapup well|wrong|better <text>` here.");
        }
        // Did the fixes hold? Asked of the facilitator about each earlier incident like this one
        // whose action items are done, with buttons under the call's words.
        List<Incident> earlier = FixQuestions.toAsk(seen);
        String words = text.toString();
        Work post =
                earlier.isEmpty()
                        ? SlackWork.post(incident.channelId(), words)
                        : SlackWork.post(
                                incident.channelId(),
                                words + "\n\n" + fixes.fallback(incident, earlier),
                                fixes.blocks(incident, words, earlier, List.of()));
        // The claim, the questions and the message commit together: the call starts once, and
        // its message reaches the channel even if Slack is down right now.
        if (!outbox.sendIf(
                tx -> {
                    if (!calls.claimStart(tx, incidentId, clock.instant())) {
                        return false;
                    }
                    if (!earlier.isEmpty()) {
                        fixes.ask(tx, incident, earlier, words);
                    }
                    return true;
                },
                post.about(CALL_STARTED, incidentId))) {
            // Cancelled, or already started by another replica or an earlier firing. Quartz runs
            // a firing again when its replica died during it: if that was after the call's commit
            // and before the prompts, nobody was asked yet, and the prompts are still owed (asking
            // is once per person, so a replica asking at the same moment asks nobody twice).
            if (calls.find(incidentId)
                            .filter(c -> c.status() == AnalysisCall.Status.STARTED)
                            .isPresent()
                    && wrapups.askedFor(incidentId).isEmpty()) {
                happenings.tell(new CallStarted(incident));
            }
            return;
        }
        happenings.tell(new CallStarted(incident));
    }
}
