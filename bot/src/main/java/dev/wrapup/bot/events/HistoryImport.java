package dev.wrapup.bot.events;

import com.google.gson.JsonObject;
import com.slack.api.model.Message;
import com.slack.api.util.json.GsonFactory;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel declared an incident channel where it stands brings its recent past: the last {@code
 * WRAPUP_IMPORT_WINDOW} of messages and their threads, recorded as the events that arrive later
 * are, and at most once each.
 */
public final class HistoryImport {
    private static final String IMPORT = "import-history";
    private static final Logger log = LoggerFactory.getLogger(HistoryImport.class);

    private final Database database;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Participants participants;
    private final SlackApi slack;
    private final UserDirectory users;
    private final Duration window;
    private final Clock clock;

    public HistoryImport(
            Database database,
            SlackApi slack,
            SlackOutbox outbox,
            UserDirectory users,
            Duration window,
            Clock clock) {
        this.database = database;
        this.incidents = new Incidents(database);
        this.timeline = new Timeline(database);
        this.participants = new Participants(database);
        this.slack = slack;
        this.users = users;
        this.window = window;
        this.clock = clock;
        outbox.perform(IMPORT, this::run);
    }

    /** The work that imports the incident's channel, queued in order with the channel's work. */
    public static Work of(Incident incident) {
        return SlackWork.job(IMPORT, incident.channelId(), incident.id());
    }

    /**
     * The import's work: all of it again when Slack stops it halfway (a message is recorded once
     * whatever).
     */
    private Outcome run(Item item) {
        Optional<Incident> incident = incidents.find(item.subjectId());
        if (incident.isEmpty()) {
            return Outcome.done();
        }
        return importHistory(incident.get(), incident.get().startedAt());
    }

    /**
     * Imports the channel's recent messages through conversations.history with paging, then the
     * threads among them; one try per page.
     */
    private Outcome importHistory(Incident incident, Instant declaredAt) {
        String oldest = SlackTs.of(declaredAt.minus(window));
        int[] imported = {0};
        List<String> threads = new ArrayList<>();
        Optional<? extends SlackApi.Attempt<?>> stopped =
                slack.pages(
                        "conversations.history",
                        cursor ->
                                m ->
                                        m.conversationsHistory(
                                                r ->
                                                        r.channel(incident.channelId())
                                                                .oldest(oldest)
                                                                .limit(200)
                                                                .cursor(cursor)),
                        r -> r.getResponseMetadata(),
                        page -> {
                            for (Message message : page.getMessages()) {
                                imported[0] += importMessage(incident, message);
                                if (message.getReplyCount() != null
                                        && message.getReplyCount() > 0) {
                                    threads.add(message.getTs());
                                }
                            }
                        });
        if (stopped.isPresent()) {
            return Outcome.of("conversations.history", stopped.get());
        }
        for (String parentTs : threads) {
            stopped =
                    slack.pages(
                            "conversations.replies",
                            cursor ->
                                    m ->
                                            m.conversationsReplies(
                                                    r ->
                                                            r.channel(incident.channelId())
                                                                    .ts(parentTs)
                                                                    .limit(200)
                                                                    .cursor(cursor)),
                            r -> r.getResponseMetadata(),
                            page -> {
                                for (Message reply : page.getMessages()) {
                                    if (!parentTs.equals(reply.getTs())) {
                                        imported[0] += importMessage(incident, reply);
                                    }
                                }
                            });
            if (stopped.isPresent()) {
                return Outcome.of("conversations.replies", stopped.get());
            }
        }
        log.info(
                "incident {}: imported {} messages from the last {}",
                incident.id(),
                imported[0],
                window);
        return Outcome.done();
    }

    private int importMessage(Incident incident, Message message) {
        JsonObject json = GsonFactory.createSnakeCase().toJsonTree(message).getAsJsonObject();
        Optional<NewEntry> entry =
                SlackMessages.entry(incident.id(), incident.channelId(), json, users::knownName);
        if (entry.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        boolean added =
                database.transaction(
                        tx -> {
                            boolean isNew = timeline.add(tx, entry.get(), now);
                            if (isNew && message.getUser() != null && message.getBotId() == null) {
                                participants.add(
                                        tx,
                                        incident.id(),
                                        message.getUser(),
                                        "posted",
                                        entry.get().occurredAt());
                            }
                            return isNew;
                        });
        if (added && message.getUser() != null) {
            users.refreshLater(message.getUser());
        }
        return added ? 1 : 0;
    }
}
