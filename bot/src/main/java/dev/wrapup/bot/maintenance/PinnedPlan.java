package dev.wrapup.bot.maintenance;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A maintenance window's plan, pinned in its channel in place of an incident's header and kept up
 * to date with every step, begin and end.
 */
public final class PinnedPlan {
    /** Posts, or brings up to date, the pinned plan as the window stands when it is done. */
    private static final String PLAN = "maintenance-plan";

    private final Incidents incidents;
    private final MaintenanceWindows windows;
    private final SlackOutbox outbox;
    private final IncidentLinks links;

    public PinnedPlan(Database database, SlackOutbox outbox, IncidentLinks links) {
        this.incidents = new Incidents(database);
        this.windows = new MaintenanceWindows(database);
        this.outbox = outbox;
        this.links = links;
        outbox.perform(PLAN, this::update);
    }

    static Work refresh(Incident incident) {
        return SlackWork.job(PLAN, incident.channelId(), incident.id());
    }

    /**
     * The pinned plan's work: posted and pinned when there is none yet (its ts noted with the item
     * done), else updated; as the window stands now.
     */
    private Outcome update(Item item) {
        Optional<Incident> found = incidents.find(item.subjectId());
        if (found.isEmpty() || outbox.superseded(item)) {
            return Outcome.done();
        }
        Incident incident = found.get();
        String text = "Maintenance plan: " + incident.title();
        String blocks = SlackWork.json(planBlocks(incident));
        return outbox.pinned(
                incident.channelId(),
                incident.headerTs(),
                text,
                blocks,
                (tx, ts) -> incidents.setHeaderTs(tx, incident.id(), ts));
    }

    private List<LayoutBlock> planBlocks(Incident incident) {
        MaintenanceWindow w = windows.find(incident.id()).orElseThrow();
        String body = SlackText.truncate(MaintenanceText.plan(incident, w), 2900);
        List<LayoutBlock> blocks =
                new ArrayList<>(
                        asBlocks(
                                header(
                                        h ->
                                                h.text(
                                                        plainText(
                                                                SlackText.truncate(
                                                                        ":construction: "
                                                                                + incident.title(),
                                                                        150),
                                                                true))),
                                section(s -> s.text(markdownText(body)))));
        if (w.endedAt() != null) {
            blocks.add(
                    section(
                            s ->
                                    s.text(
                                            markdownText(
                                                    MaintenanceText.verdict(
                                                            w.verdict(w.endedAt()))))));
        }
        blocks.add(
                context(
                        c ->
                                c.elements(
                                        List.of(
                                                markdownText(
                                                        "`/maintenance help` lists what you can do."
                                                                + links.page(incident)
                                                                        .map(
                                                                                url ->
                                                                                        " The record is on the <"
                                                                                                + url
                                                                                                + "|web page>.")
                                                                        .orElse(""))))));
        return blocks;
    }
}
