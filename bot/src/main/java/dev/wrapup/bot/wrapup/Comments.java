package dev.wrapup.bot.wrapup;

import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.BlameDetector;
import dev.wrapup.domain.BlameNudge;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.HindsightDetector;
import dev.wrapup.domain.HindsightNudge;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.RoleGroups;
import dev.wrapup.persistence.WrapUps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Comments on a wrap-up and who has given one: records them, says when everyone has, answers
 * `/wrapup status`, and nudges gently when words blame a person or judge with hindsight.
 */
public final class Comments {
    private static final String EVERYONE_COMMENTED = "everyone-commented";
    private static final String ONLY_YOU =
            " (Only you can see this; what you wrote is recorded as it is.)";

    private final Database database;
    private final Participants participants;
    private final AnalysisCalls calls;
    private final RoleGroups roleGroups;
    private final WrapUps wrapups;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final BlameDetector blame;
    private final HindsightDetector hindsight;
    private final Executor afterAck;
    private final Clock clock;

    public Comments(
            Database database,
            WrapUps wrapups,
            SlackOutbox outbox,
            UserDirectory users,
            BlameDetector blame,
            HindsightDetector hindsight,
            Executor afterAck,
            Clock clock) {
        this.database = database;
        this.participants = new Participants(database);
        this.calls = new AnalysisCalls(database);
        this.roleGroups = new RoleGroups(database);
        this.wrapups = wrapups;
        this.outbox = outbox;
        this.users = users;
        this.blame = blame;
        this.hindsight = hindsight;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    /**
     * Records a comment exactly as written; the author becomes a participant if they were not one.
     */
    public String comment(
            Incident incident, String userId, AgendaItem item, String text, String source) {
        Instant now = clock.instant();
        database.transaction(
                tx -> {
                    participants.add(tx, incident.id(), userId, "commented", now);
                    wrapups.addComment(tx, incident.id(), userId, item, text, source, now);
                    return null;
                });
        // Asked after the commit, so that of two last comments committed at once (on two
        // replicas, say) the later one sees both; the claim lets only one of them say it.
        if (missing(incident.id()).isEmpty()) {
            outbox.sendIf(
                    tx -> wrapups.reached(tx, incident.id(), EVERYONE_COMMENTED, now),
                    SlackWork.post(
                            incident.channelId(),
                            ":tada: Everyone has given their comment. Thank you! "
                                    + SlackText.mention(incident.facilitator())
                                    + " can `/wrapup publish` when ready."));
        }
        users.refreshLater(userId);
        afterAck.execute(() -> nudge(incident.channelId(), userId, text));
        return "Thanks, your comment on *"
                + item.question().toLowerCase()
                + "* is recorded. Add as many as you like.";
    }

    /** Who has commented and who has not yet, bots left out. */
    public Completeness completeness(long incidentId) {
        return Completeness.of(
                participants.list(incidentId),
                id -> users.known(id).map(SlackUser::bot).orElse(false),
                wrapups.comments(incidentId));
    }

    /** Participants who have not commented yet, in the order they joined. */
    public List<String> missing(long incidentId) {
        return completeness(incidentId).missing();
    }

    /** The people taking part, bots left out. */
    public List<String> humans(long incidentId) {
        return completeness(incidentId).participants();
    }

    /**
     * A private, gentle question to the author when their words blame a person or judge with
     * hindsight; one at most, blame first.
     */
    public void nudge(String channelId, String userId, String text) {
        Optional<BlameNudge> blaming = blame.detect(text);
        if (blaming.isPresent()) {
            outbox.send(
                    SlackWork.ephemeral(
                            channelId,
                            userId,
                            ":seedling: A thought on \""
                                    + blaming.get().phrase()
                                    + "\": wrap-ups work best when we describe the system rather "
                                    + "than a person. "
                                    + blaming.get().suggestion()
                                    + ONLY_YOU));
            return;
        }
        Optional<HindsightNudge> judging = hindsight.detect(text);
        if (judging.isPresent()) {
            outbox.send(
                    SlackWork.ephemeral(
                            channelId,
                            userId,
                            ":seedling: A thought on \""
                                    + judging.get().phrase()
                                    + "\": looking back, the right path always seems clearer "
                                    + "than it was in the moment. "
                                    + judging.get().question()
                                    + ONLY_YOU));
        }
    }

    public String status(Incident incident) {
        Completeness completeness = completeness(incident.id());
        List<String> commented = completeness.commented();
        List<String> missing = completeness.missing();
        StringBuilder text =
                new StringBuilder("*Wrap-up of " + SlackText.escape(incident.title()) + "*\n");
        Optional<AnalysisCall> call = calls.find(incident.id());
        text.append(
                        call.map(
                                        c ->
                                                switch (c.status()) {
                                                    case SCHEDULED ->
                                                            "Analysis call: "
                                                                    + SlackText.date(
                                                                            c.scheduledAt());
                                                    case STARTED ->
                                                            "Analysis call started "
                                                                    + SlackText.date(c.startedAt());
                                                    case CANCELLED ->
                                                            "The analysis call was cancelled.";
                                                })
                                .orElse(
                                        "The analysis call is scheduled when the incident is resolved."))
                .append('\n');
        text.append("Commented (")
                .append(commented.size())
                .append("): ")
                .append(
                        commented.isEmpty()
                                ? "nobody yet"
                                : commented.stream()
                                        .map(SlackText::mention)
                                        .collect(Collectors.joining(" ")))
                .append('\n');
        text.append("Not yet (")
                .append(missing.size())
                .append("): ")
                .append(
                        missing.isEmpty()
                                ? "everyone has commented :tada:"
                                : missing.stream()
                                        .map(SlackText::mention)
                                        .collect(Collectors.joining(" ")));
        // As last noted (the call's announcement, the publication): groups are not asked now.
        List<String> absent =
                roleGroups.of(incident.id()).stream()
                        .filter(g -> !g.participated())
                        .map(RoleGroupPresence::role)
                        .toList();
        if (!absent.isEmpty()) {
            text.append("\nRole groups nobody took part from: *")
                    .append(
                            absent.stream()
                                    .map(SlackText::escape)
                                    .collect(Collectors.joining("*, *")))
                    .append('*');
        }
        return text.toString();
    }
}
