package dev.wrapup.bot.wrapup;

import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Participants;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * `/wrapup start`: a wrap-up for something that was not an incident, with the channel's members.
 */
public final class WrapUpStart {
    /**
     * Adds the channel's members as participants (the wrap-up of something that was not an
     * incident).
     */
    private static final String ADD_MEMBERS = "add-channel-members";

    private final Database database;
    private final Incidents incidents;
    private final Participants participants;
    private final SlackApi slack;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Clock clock;

    public WrapUpStart(
            Database database,
            SlackApi slack,
            SlackOutbox outbox,
            UserDirectory users,
            Clock clock) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.slack = slack;
        this.outbox = outbox;
        this.users = users;
        this.clock = clock;
        outbox.perform(ADD_MEMBERS, this::addMembers);
    }

    /**
     * `/wrapup start`: a wrap-up for something that was not an incident, with the channel's
     * members.
     */
    public Optional<Incident> start(
            String teamId, String channelId, String channelName, String callerId, String title) {
        Instant now = clock.instant();
        Incident incident =
                database.transaction(
                        tx -> {
                            if (incidents.hasOpen(tx, channelId)) {
                                return null;
                            }
                            Incident created =
                                    incidents.open(
                                            tx,
                                            new Incidents.NewIncident(
                                                    IncidentKind.WRAPUP,
                                                    teamId,
                                                    channelId,
                                                    channelName,
                                                    title,
                                                    null,
                                                    null,
                                                    IncidentStatus.REVIEWING,
                                                    callerId,
                                                    callerId,
                                                    now),
                                            "Wrap-up started: " + title,
                                            users.knownName(tx, callerId).orElse(null),
                                            now);
                            outbox.add(tx, SlackWork.join(channelId));
                            outbox.add(tx, SlackWork.job(ADD_MEMBERS, channelId, created.id()));
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            channelId,
                                            ":sparkles: "
                                                    + SlackText.mention(callerId)
                                                    + " started a wrap-up: *"
                                                    + SlackText.escape(title)
                                                    + "*. Wrap-ups are for things that went well, "
                                                    + "too. Everyone here is a participant; `/wrapup well|wrong|better <text>` adds your comment."));
                            outbox.add(tx, AnalysisCallService.plan(created));
                            return created;
                        });
        if (incident == null) {
            return Optional.empty();
        }
        outbox.wake();
        return Optional.of(incident);
    }

    /**
     * The members' work: each member not a bot becomes a participant; all again if Slack stops it
     * halfway.
     */
    private Outcome addMembers(Item item) {
        Optional<Incident> incident = incidents.find(item.subjectId());
        if (incident.isEmpty()) {
            return Outcome.done();
        }
        return slack.pages(
                        "conversations.members",
                        cursor ->
                                m ->
                                        m.conversationsMembers(
                                                r ->
                                                        r.channel(incident.get().channelId())
                                                                .limit(200)
                                                                .cursor(cursor)),
                        r -> r.getResponseMetadata(),
                        page -> {
                            Instant now = clock.instant();
                            for (String member : page.getMembers()) {
                                Optional<SlackUser> user = users.get(member);
                                if (user.isPresent() && user.get().bot()) {
                                    continue;
                                }
                                database.transaction(
                                        tx ->
                                                participants.add(
                                                        tx,
                                                        incident.get().id(),
                                                        member,
                                                        "member",
                                                        now));
                            }
                        })
                .map(stopped -> Outcome.of("conversations.members", stopped))
                .orElse(Outcome.done());
    }
}
