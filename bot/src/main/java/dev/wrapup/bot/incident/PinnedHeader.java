package dev.wrapup.bot.incident;

import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import java.util.Optional;

/** The incident's header, pinned in its channel and kept up to date with every change. */
public final class PinnedHeader {
    private static final String HEADER = "incident-header";

    private final Incidents incidents;
    private final SlackOutbox outbox;
    private final IncidentLinks links;

    public PinnedHeader(Database database, SlackOutbox outbox, IncidentLinks links) {
        this.incidents = new Incidents(database);
        this.outbox = outbox;
        this.links = links;
        outbox.perform(HEADER, this::update);
    }

    /**
     * The work that posts, or brings up to date, the header as the incident stands when it is done.
     */
    static Work refresh(Incident incident) {
        return SlackWork.job(HEADER, incident.channelId(), incident.id());
    }

    /**
     * The header's work: posted and pinned when there is none yet (its ts noted with the item done,
     * so that it is never posted twice), else updated; as the incident stands now, so one update
     * stands for any queued before it.
     */
    private Outcome update(Item item) {
        Optional<Incident> found = incidents.find(item.subjectId());
        if (found.isEmpty() || outbox.superseded(item)) {
            return Outcome.done();
        }
        Incident incident = found.get();
        String text = IncidentHeader.fallbackText(incident);
        String blocks = SlackWork.json(IncidentHeader.blocks(incident, links.page(incident)));
        return outbox.pinned(
                incident.channelId(),
                incident.headerTs(),
                text,
                blocks,
                (tx, ts) -> incidents.setHeaderTs(tx, incident.id(), ts));
    }
}
