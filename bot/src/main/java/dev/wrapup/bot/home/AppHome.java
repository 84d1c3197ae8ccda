package dev.wrapup.bot.home;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.JoinedWrapUp;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.WrapUps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** The bot's Home tab: what the viewer has on their plate. */
public final class AppHome implements SlackSurface {
    /** How many of the viewer's own wrap-ups are listed; the rest are counted. */
    static final int HISTORY_SHOWN = 10;

    private final Incidents incidents;
    private final AnalysisCalls calls;
    private final WrapUps wrapups;
    private final SlackApi slack;
    private final Executor afterAck;
    private final IncidentLinks links;

    public AppHome(
            Database database,
            WrapUps wrapups,
            SlackApi slack,
            Executor afterAck,
            IncidentLinks links) {
        this.incidents = new Incidents(database);
        this.calls = new AnalysisCalls(database);
        this.wrapups = wrapups;
        this.slack = slack;
        this.afterAck = afterAck;
        this.links = links;
    }

    @Override
    public void register(App app) {
        app.event(
                AppHomeOpenedEvent.class,
                (req, ctx) -> {
                    if ("home".equals(req.getEvent().getTab()) || req.getEvent().getTab() == null) {
                        String userId = req.getEvent().getUser();
                        afterAck.execute(() -> publish(userId));
                    }
                    return ctx.ack();
                });
    }

    void publish(String userId) {
        // A handful of queries whatever the number of incidents listed.
        List<Incident> mine = incidents.ofParticipant(userId, 100);
        List<Long> ids = mine.stream().map(Incident::id).toList();
        Map<Long, AnalysisCall> callOf = calls.find(ids);
        Set<Long> published = wrapups.published(ids);
        Set<Long> commented = wrapups.commentedOn(userId, ids);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your incidents and wrap-ups"))));

        list(
                blocks,
                "Open incidents",
                mine.stream()
                        .filter(i -> i.isOpen() && i.status() != IncidentStatus.REVIEWING)
                        .toList(),
                i ->
                        "*<#"
                                + i.channelId()
                                + ">* "
                                + SlackText.escape(i.title())
                                + " — "
                                + (i.severity() == null ? "" : i.severity().label() + ", ")
                                + i.status().label()
                                + links.page(i).map(url -> " · <" + url + "|web page>").orElse("")
                                + roles(i, userId));
        List<String> upcoming = new ArrayList<>();
        for (Incident i : mine) {
            AnalysisCall call = callOf.get(i.id());
            if (call != null && call.status() == AnalysisCall.Status.SCHEDULED) {
                upcoming.add(
                        SlackText.date(call.scheduledAt())
                                + " — analysis call of <#"
                                + i.channelId()
                                + "> "
                                + SlackText.escape(i.title())
                                + roles(i, userId));
            }
        }
        list(blocks, "Upcoming analysis calls", upcoming, s -> s);
        yourWrapUps(blocks, JoinedWrapUp.owedFirst(incidents.wrapUpsOf(userId)));
        List<ActionItem> actions = wrapups.openActionsOf(userId);
        Map<Long, Incident> actionIncidents =
                incidents.find(actions.stream().map(ActionItem::incidentId).distinct().toList());
        list(
                blocks,
                "Your open action items",
                actions,
                a ->
                        a.number()
                                + ". "
                                + SlackText.escape(a.text())
                                + (a.dueOn() != null ? " — due " + a.dueOn() : "")
                                + Optional.ofNullable(actionIncidents.get(a.incidentId()))
                                        .map(i -> " (<#" + i.channelId() + ">)")
                                        .orElse(""));
        slack.send(
                "views.publish",
                m ->
                        m.viewsPublish(
                                r ->
                                        r.userId(userId)
                                                .view(view(v -> v.type("home").blocks(blocks)))));
    }

    /**
     * The viewer's own wrap-ups, those still owing their comment first: one section of at most
     * {@link #HISTORY_SHOWN} lines, so the tab stays far within Slack's 100 blocks.
     */
    private void yourWrapUps(List<LayoutBlock> blocks, List<JoinedWrapUp> history) {
        blocks.add(divider());
        StringBuilder text = new StringBuilder("*Your wrap-ups*\n");
        if (history.isEmpty()) {
            text.append("_Nothing here._");
        }
        for (JoinedWrapUp w : history.subList(0, Math.min(HISTORY_SHOWN, history.size()))) {
            Incident i = w.incident();
            String title = SlackText.escape(SlackText.truncate(i.title(), 80));
            text.append("• ")
                    .append(
                            links.page(i)
                                    .map(url -> "<" + url + "|" + title + ">")
                                    .orElse("<#" + i.channelId() + "> " + title))
                    .append(" — ");
            if (w.owesComment()) {
                text.append(
                                w.asked()
                                        ? "*you were asked for a comment*"
                                        : "*your comment is still missing*")
                        .append(": `/wrapup well|wrong|better <text>` in <#")
                        .append(i.channelId())
                        .append('>');
            } else {
                text.append(w.commented() ? "you commented" : "no comment from you")
                        .append(" · ")
                        .append(w.published() ? "published" : "not published yet");
            }
            text.append('\n');
        }
        if (history.size() > HISTORY_SHOWN) {
            text.append("_and ").append(history.size() - HISTORY_SHOWN).append(" more_");
        }
        String body = text.length() > 2900 ? text.substring(0, 2899) + "…" : text.toString();
        blocks.add(section(s -> s.text(markdownText(body))));
    }

    /** The viewer's roles in the incident, as a short suffix. */
    static String roles(Incident incident, String userId) {
        boolean commander = userId.equals(incident.commanderId());
        boolean facilitator = userId.equals(incident.facilitator());
        if (commander && facilitator) {
            return " · _you are the commander and facilitator_";
        }
        if (commander) {
            return " · _you are the commander; "
                    + SlackText.mention(incident.facilitator())
                    + " facilitates_";
        }
        if (facilitator) {
            return " · _you facilitate; "
                    + SlackText.mention(incident.commanderId())
                    + " is the commander_";
        }
        return " · _commander "
                + SlackText.mention(incident.commanderId())
                + (incident.facilitatorId() != null
                        ? ", facilitator " + SlackText.mention(incident.facilitatorId())
                        : "")
                + "_";
    }

    private static <T> void list(
            List<LayoutBlock> blocks, String title, List<T> items, Function<T, String> line) {
        blocks.add(divider());
        StringBuilder text = new StringBuilder("*" + title + "*\n");
        if (items.isEmpty()) {
            text.append("_Nothing here._");
        }
        items.stream()
                .limit(20)
                .forEach(item -> text.append("• ").append(line.apply(item)).append('\n'));
        String body = text.length() > 2900 ? text.substring(0, 2899) + "…" : text.toString();
        blocks.add(section(s -> s.text(markdownText(body))));
    }
}
