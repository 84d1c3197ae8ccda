package dev.wrapup.bot.wrapup;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.incident.IncidentService;
import dev.wrapup.bot.report.Disclosure;
import dev.wrapup.bot.report.Durations;
import dev.wrapup.bot.report.PublicText;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.report.WrapUpReport;
import dev.wrapup.bot.slack.SlackCalls;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.WrapUps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishing a wrap-up to the learnings channel: a short summary with the report as a
 * Markdown file in its thread. Everything published carries only what the incident
 * channel shows now (no deleted text, no earlier versions, names that do not ping, real
 * link targets), and a private channel's wrap-up leaves out the timeline unless its
 * facilitator chose to include it.
 */
public final class Publisher {
    private final Config config;
    private final IncidentService incidents;
    private final WrapupService wrapups;
    private final WrapUps store;
    private final SlackCalls slack;
    private final Reports reports;
    private final Clock clock;

    public Publisher(Config config, IncidentService incidents, WrapupService wrapups, SlackCalls slack,
                     Reports reports, Clock clock) {
        this.config = config;
        this.incidents = incidents;
        this.wrapups = wrapups;
        this.store = wrapups.wrapups();
        this.slack = slack;
        this.reports = reports;
        this.clock = clock;
    }

    /** Where wrap-ups go, if anywhere. */
    public Optional<String> learningsChannel() {
        return config.learningsChannel();
    }

    /** Tells the publisher there is nowhere to publish. */
    public void tellNoLearningsChannel(Incident incident, String callerId) {
        incidents.tellPrivately(incident.channelId(), callerId, "WRAPUP_LEARNINGS_CHANNEL is not set, so there is "
                + "no company-wide channel to publish to; ask whoever runs Wrapup to set it. The report is on the "
                + "<" + incidents.timelineUrl(incident) + "|web page> meanwhile.");
    }

    /**
     * Whether the incident channel is private, asked of Slack now (a channel can be made
     * private at any time). When Slack cannot say, it counts as private: the publisher
     * then confirms what leaves it.
     */
    public boolean isPrivate(Incident incident) {
        return slack.ok("conversations.info", m -> m.conversationsInfo(r -> r.channel(incident.channelId())))
                .map(r -> r.getChannel() == null || r.getChannel().isPrivate())
                .orElse(true);
    }

    /** The summary as it will be posted. */
    public List<LayoutBlock> summary(Incident incident) {
        Function<String, String> name = WrapUpReport.names(incidents.participants().list(incident.id()));
        Function<String, String> text = t -> PublicText.of(t, name);
        List<WrapUpComment> comments = store.comments(incident.id());
        List<ActionItem> actions = store.actions(incident.id());
        List<String> people = wrapups.humans(incident.id());
        long commented = comments.stream().map(WrapUpComment::userId).distinct().count();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(SlackText.truncate("Wrap-up: " + text.apply(incident.title()), 150),
                true))));
        StringBuilder facts = new StringBuilder();
        if (incident.severity() != null) {
            facts.append("*").append(incident.severity().label()).append("* · ");
        }
        incident.timeToResolve().ifPresent(d -> facts.append("resolved in ").append(Durations.human(d)).append(" · "));
        facts.append(people.size()).append(" participants, ").append(commented).append(" commented · commander ")
                .append(name.apply(incident.commanderId())).append(" · facilitated by ")
                .append(name.apply(incident.facilitator()));
        blocks.add(section(s -> s.text(markdownText(facts.toString()))));
        if (incident.summary() != null && !incident.summary().isBlank()) {
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(text.apply(incident.summary()), 2900)))));
        }
        for (AgendaItem item : AgendaItem.values()) {
            List<WrapUpComment> these = comments.stream().filter(c -> c.item() == item).toList();
            if (these.isEmpty()) {
                continue;
            }
            String list = these.stream().limit(5)
                    .map(c -> "• " + SlackText.truncate(text.apply(c.text()).replace('\n', ' '), 300))
                    .collect(Collectors.joining("\n"))
                    + (these.size() > 5 ? "\n_… and " + (these.size() - 5) + " more in the report_" : "");
            blocks.add(section(s -> s.text(markdownText("*" + item.question() + "*\n"
                    + SlackText.truncate(list, 2900)))));
        }
        if (!actions.isEmpty()) {
            String list = actions.stream().map(a -> a.number() + ". " + SlackText.truncate(text.apply(a.text()), 300)
                            + " — " + name.apply(a.ownerId()) + (a.dueOn() != null ? " (due " + a.dueOn() + ")" : "")
                            + (a.done() ? " :white_check_mark:" : ""))
                    .collect(Collectors.joining("\n"));
            blocks.add(section(s -> s.text(markdownText("*Action items*\n" + SlackText.truncate(list, 2900)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("The full report is in the thread and on the <"
                + incidents.timelineUrl(incident) + "|web page>. Blameless: we look at what made the work hard, "
                + "not at who did it.")))));
        return blocks;
    }

    /** The Markdown file posted with the summary. */
    public String report(Incident incident, boolean includeTimeline) {
        return SlackText.neutraliseBroadcasts(reports.markdown(incident, Disclosure.published(includeTimeline)));
    }

    /** Posts (or updates) the summary in the learnings channel with the report as a Markdown file. */
    public void publish(Incident incident, String callerId, boolean includeTimeline) {
        if (config.learningsChannel().isEmpty()) {
            tellNoLearningsChannel(incident, callerId);
            return;
        }
        String channel = config.learningsChannel().get();
        String markdown = report(incident, includeTimeline);
        List<LayoutBlock> blocks = summary(incident);
        String fallback = "Wrap-up: " + PublicText.of(incident.title(), id -> id);
        Optional<WrapUps.Publication> previous = store.publication(incident.id());
        String ts;
        if (previous.isPresent()) {
            ts = previous.get().messageTs();
            slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(previous.get().channelId()).ts(ts)
                    .text(fallback).blocks(blocks)));
            if (previous.get().fileId() != null) {
                slack.call("files.delete", m -> m.filesDelete(r -> r.file(previous.get().fileId())));
            }
        } else {
            Optional<String> posted = slack.ok("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel)
                    .text(fallback).blocks(blocks).unfurlLinks(false))).map(r -> r.getTs());
            if (posted.isEmpty()) {
                incidents.tellPrivately(incident.channelId(), callerId, ":warning: I could not post to <#" + channel
                        + ">; is the bot invited there? Nothing was published; please try again.");
                return;
            }
            ts = posted.get();
        }
        String fileId = slack.ok("files.uploadV2", m -> m.filesUploadV2(r -> r.channel(channel).threadTs(ts)
                        .filename("wrapup-" + incident.id() + ".md").title(fallback)
                        .fileData(markdown.getBytes(StandardCharsets.UTF_8))))
                .flatMap(r -> r.getFiles() == null || r.getFiles().isEmpty() ? Optional.empty()
                        : Optional.ofNullable(r.getFiles().get(0).getId()))
                .orElse(null);
        store.savePublication(incident.id(), channel, ts, fileId, includeTimeline, clock.instant());
        String permalink = slack.ok("chat.getPermalink", m -> m.chatGetPermalink(r -> r.channel(channel)
                .messageTs(ts))).map(r -> r.getPermalink()).orElse(null);
        slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(incident.channelId())
                .text(":mega: " + SlackText.mention(callerId) + (previous.isPresent() ? " updated" : " published")
                        + " the wrap-up in <#" + channel + ">" + (permalink != null ? ": " + permalink : ".")
                        + (includeTimeline ? "" : " The timeline stayed in this channel.")
                        + " Thank you all for what you shared.")));
    }
}
