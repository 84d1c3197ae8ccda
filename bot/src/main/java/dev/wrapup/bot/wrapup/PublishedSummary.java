package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.domain.text.Durations;
import dev.wrapup.domain.text.Names;
import dev.wrapup.domain.text.PublicText;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.WrapUps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The summary posted to the learnings channel: the facts, up to five comments per agenda question,
 * the action items, and where the full report is. Only what the incident channel shows now, with
 * names that do not ping.
 */
final class PublishedSummary {
    private final Participants participants;
    private final WrapUps store;
    private final Comments comments;
    private final IncidentLinks links;

    PublishedSummary(Database database, Comments comments, IncidentLinks links) {
        this.participants = new Participants(database);
        this.store = new WrapUps(database);
        this.comments = comments;
        this.links = links;
    }

    /** The summary as it will be posted. */
    List<LayoutBlock> blocks(Incident incident) {
        Function<String, String> name = Names.of(participants.list(incident.id()));
        Function<String, String> text = t -> PublicText.of(t, name);
        List<WrapUpComment> comments = store.comments(incident.id());
        List<ActionItem> actions = store.actions(incident.id());
        Completeness completeness = this.comments.completeness(incident.id());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(
                header(
                        h ->
                                h.text(
                                        plainText(
                                                SlackText.truncate(
                                                        "Wrap-up: " + text.apply(incident.title()),
                                                        150),
                                                true))));
        StringBuilder facts = new StringBuilder();
        if (incident.severity() != null) {
            facts.append("*").append(incident.severity().label()).append("* · ");
        }
        incident.timeToResolve()
                .ifPresent(
                        d -> facts.append("resolved in ").append(Durations.human(d)).append(" · "));
        facts.append(completeness.participants().size())
                .append(" participants, ")
                .append(completeness.commented().size())
                .append(" commented · commander ")
                .append(name.apply(incident.commanderId()))
                .append(" · facilitated by ")
                .append(name.apply(incident.facilitator()));
        blocks.add(section(s -> s.text(markdownText(facts.toString()))));
        if (incident.summary() != null && !incident.summary().isBlank()) {
            blocks.add(
                    section(
                            s ->
                                    s.text(
                                            markdownText(
                                                    SlackText.truncate(
                                                            text.apply(incident.summary()),
                                                            2900)))));
        }
        for (AgendaItem item : AgendaItem.values()) {
            List<WrapUpComment> these = comments.stream().filter(c -> c.item() == item).toList();
            if (these.isEmpty()) {
                continue;
            }
            String list =
                    these.stream()
                                    .limit(5)
                                    .map(
                                            c ->
                                                    "• "
                                                            + SlackText.truncate(
                                                                    text.apply(c.text())
                                                                            .replace('\n', ' '),
                                                                    300))
                                    .collect(Collectors.joining("\n"))
                            + (these.size() > 5
                                    ? "\n_… and " + (these.size() - 5) + " more in the report_"
                                    : "");
            blocks.add(
                    section(
                            s ->
                                    s.text(
                                            markdownText(
                                                    "*"
                                                            + item.question()
                                                            + "*\n"
                                                            + SlackText.truncate(list, 2900)))));
        }
        if (!actions.isEmpty()) {
            String list =
                    actions.stream()
                            .map(
                                    a ->
                                            a.number()
                                                    + ". "
                                                    + SlackText.truncate(text.apply(a.text()), 300)
                                                    + " — "
                                                    + name.apply(a.ownerId())
                                                    + (a.dueOn() != null
                                                            ? " (due " + a.dueOn() + ")"
                                                            : "")
                                                    + " · "
                                                    + a.kind().word()
                                                    + (a.done() ? " :white_check_mark:" : "")
                                                    + (a.state() == ActionState.WONT_DO
                                                            ? " _won't do: "
                                                                    + SlackText.truncate(
                                                                            text.apply(
                                                                                    a
                                                                                            .wontDoReason()),
                                                                            300)
                                                                    + "_"
                                                            : ""))
                            .collect(Collectors.joining("\n"));
            blocks.add(
                    section(
                            s ->
                                    s.text(
                                            markdownText(
                                                    "*Action items*\n"
                                                            + SlackText.truncate(list, 2900)))));
        }
        blocks.add(
                context(
                        c ->
                                c.elements(
                                        List.of(
                                                markdownText(
                                                        "The full report is in the thread"
                                                                + links.page(incident)
                                                                        .map(
                                                                                url ->
                                                                                        " and on the <"
                                                                                                + url
                                                                                                + "|web page>")
                                                                        .orElse("")
                                                                + ". Blameless: we look at what made the work hard, "
                                                                + "not at who did it.")))));
        return blocks;
    }
}
