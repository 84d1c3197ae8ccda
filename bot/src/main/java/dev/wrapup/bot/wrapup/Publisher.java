package dev.wrapup.bot.wrapup;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.coverage.RoleGroupSnapshots;
import dev.wrapup.bot.report.Reports;
import dev.wrapup.bot.similar.SimilarIncidents;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.Disclosure;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.report.Section;
import dev.wrapup.domain.text.PublicText;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.WrapUps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishing a wrap-up to the learnings channel: a short summary with the report as a Markdown file
 * in its thread. Everything published carries only what the incident channel shows now (no deleted
 * text, no earlier versions, names that do not ping, real link targets), and a private channel's
 * wrap-up leaves out the timeline unless its facilitator chose to include it.
 *
 * <p>Longer than most classes: publishing is one job of resumable steps (summary, file, notes),
 * each noting its result before the next, and splitting the steps apart would hide the order a
 * resumed job relies on. The summary's wording is in {@link PublishedSummary}.
 */
public final class Publisher {
    /** Publishes a wrap-up: queued by {@link #publish}, done by the work queue. */
    private static final String PUBLISH = "publish-wrapup";

    private final Config config;
    private final Incidents incidents;
    private final IncidentLinks links;
    private final Comments comments;
    private final WrapUps store;
    private final SlackApi slack;
    private final SlackOutbox outbox;
    private final Reports reports;
    private final SimilarIncidents similar;
    private final PublishedSummary summaries;
    private final Clock clock;

    public Publisher(
            Config config,
            Database database,
            IncidentLinks links,
            WrapUps store,
            Comments comments,
            SlackApi slack,
            SlackOutbox outbox,
            Reports reports,
            SimilarIncidents similar,
            Clock clock) {
        this.config = config;
        this.incidents = new Incidents(database);
        this.links = links;
        this.store = store;
        this.comments = comments;
        this.slack = slack;
        this.outbox = outbox;
        this.reports = reports;
        this.similar = similar;
        this.summaries = new PublishedSummary(database, comments, links);
        this.clock = clock;
        outbox.perform(PUBLISH, this::publishing);
    }

    /** Where wrap-ups go, if anywhere. */
    public Optional<String> learningsChannel() {
        return config.learningsChannel();
    }

    /** Tells the publisher there is nowhere to publish. */
    public void tellNoLearningsChannel(Incident incident, String callerId) {
        outbox.send(
                SlackWork.ephemeral(
                        incident.channelId(),
                        callerId,
                        "WRAPUP_LEARNINGS_CHANNEL is not set, so there is "
                                + "no company-wide channel to publish to; ask whoever runs Wrapup to set it."
                                + links.page(incident)
                                        .map(
                                                url ->
                                                        " The report is on the <"
                                                                + url
                                                                + "|web page> meanwhile.")
                                        .orElse("")));
    }

    /**
     * Whether the incident channel is private, asked of Slack now (a channel can be made private at
     * any time). When Slack cannot say, it counts as private: the publisher then confirms what
     * leaves it.
     */
    public boolean isPrivate(Incident incident) {
        return slack.ok(
                        "conversations.info",
                        m -> m.conversationsInfo(r -> r.channel(incident.channelId())))
                .map(r -> r.getChannel() == null || r.getChannel().isPrivate())
                .orElse(true);
    }

    /** The summary as it will be posted. */
    public List<LayoutBlock> summary(Incident incident) {
        return summaries.blocks(incident);
    }

    /**
     * The Markdown file posted with the summary, with past incidents like it that everyone in the
     * learnings channel may see.
     */
    public String report(Incident incident, boolean includeTimeline) {
        List<Section.Past> seenBefore =
                config.learningsChannel()
                        .map(channel -> similar.forReport(similar.like(incident, channel)))
                        .orElse(List.of());
        return SlackText.neutraliseBroadcasts(
                reports.markdown(incident, Disclosure.published(includeTimeline), seenBefore));
    }

    /**
     * Queues publishing the wrap-up (committed before this returns): the work queue posts the
     * summary to the learnings channel, or updates the earlier one, then replaces the report file
     * in its thread, notes the publication and tells the incident channel, through rate limits,
     * outages and restarts. What is published is read when it runs.
     */
    public void publish(Incident incident, String callerId, boolean includeTimeline) {
        if (config.learningsChannel().isEmpty()) {
            tellNoLearningsChannel(incident, callerId);
            return;
        }
        String channel = config.learningsChannel().get();
        // Who took part is noted again as it stands at the end, for the pages and insights.
        outbox.send(RoleGroupSnapshots.of(incident));
        JsonObject args = new JsonObject();
        args.addProperty("callerId", callerId);
        args.addProperty("includeTimeline", includeTimeline);
        // In order with the learnings channel's other work: a second publish updates what the first
        // posted.
        outbox.send(
                new Work(
                        PUBLISH,
                        channel,
                        channel,
                        null,
                        null,
                        args.toString(),
                        null,
                        incident.id()));
    }

    /**
     * The publishing's work, one try of one step at a time, each step's result noted at once (the
     * summary's ts, with the publication, first of all), so that a job resumed after a 429, an
     * outage or a crash goes on where it stopped and never posts a second summary. The file goes
     * last: its id is noted, with the line telling the incident channel, in the transaction that
     * ends the job.
     */
    private Outcome publishing(Item item) {
        Optional<Incident> found = incidents.find(item.subjectId());
        // A later publish of the same wrap-up, not begun yet, stands for this one if it has not
        // begun either.
        if (found.isEmpty() || item.progress() == null && outbox.superseded(item)) {
            return Outcome.done();
        }
        Incident incident = found.get();
        JsonObject args = JsonParser.parseString(item.args()).getAsJsonObject();
        String callerId = args.get("callerId").getAsString();
        boolean includeTimeline = args.get("includeTimeline").getAsBoolean();
        JsonObject progress =
                item.progress() == null
                        ? new JsonObject()
                        : JsonParser.parseString(item.progress()).getAsJsonObject();
        String fallback = "Wrap-up: " + PublicText.of(incident.title(), id -> id);

        if (!progress.has("ts")) {
            Optional<WrapUps.Publication> previous = store.publication(incident.id());
            if (previous.isPresent()) {
                progress.addProperty("ts", previous.get().messageTs());
                progress.addProperty("channel", previous.get().channelId());
                progress.addProperty("update", true);
                progress.addProperty("oldFile", previous.get().fileId());
            } else {
                Outcome posted =
                        outbox.post(item.channelId(), fallback, SlackWork.json(summary(incident)));
                if (posted instanceof Outcome.Refused) {
                    outbox.send(
                            SlackWork.ephemeral(
                                    incident.channelId(),
                                    callerId,
                                    ":warning: I could not post to <#"
                                            + item.channelId()
                                            + ">; is the bot invited there? Nothing was published; please try "
                                            + "again."));
                }
                if (!(posted instanceof Outcome.Done done)) {
                    return posted;
                }
                progress.addProperty("ts", done.ts());
                progress.addProperty("channel", item.channelId());
                progress.addProperty("update", false);
            }
            // Noted at once, not when the file is done: a publish resumed (even without its
            // progress) or
            // queued meanwhile updates this summary rather than post another, and the web page the
            // summary links follows the timeline choice from now on.
            store.savePublication(
                    incident.id(),
                    string(progress, "channel"),
                    string(progress, "ts"),
                    string(progress, "oldFile"),
                    includeTimeline,
                    clock.instant());
            outbox.progress(item, progress.toString());
        }
        String channel = progress.get("channel").getAsString();
        String ts = progress.get("ts").getAsString();
        boolean update = progress.get("update").getAsBoolean();

        if (update && !progress.has("updated")) {
            // Refused (the summary was deleted, say): the file and the line in the channel still
            // follow.
            Outcome updated =
                    outbox.update(channel, ts, fallback, SlackWork.json(summary(incident)));
            if (updated instanceof Outcome.Again) {
                return updated;
            }
            progress.addProperty("updated", true);
            outbox.progress(item, progress.toString());
        }
        String oldFile = string(progress, "oldFile");
        if (oldFile != null && !progress.has("deleted")) {
            Outcome deleted =
                    outbox.attempt(
                            "files.delete",
                            m -> m.filesDelete(r -> r.file(oldFile)),
                            r -> null,
                            Set.of("file_not_found", "file_deleted"));
            if (deleted instanceof Outcome.Again) {
                return deleted;
            }
            progress.addProperty("deleted", true);
            outbox.progress(item, progress.toString());
        }
        if (!progress.has("permalink")) {
            SlackApi.Attempt<ChatGetPermalinkResponse> link =
                    slack.attempt(
                            "chat.getPermalink",
                            m -> m.chatGetPermalink(r -> r.channel(channel).messageTs(ts)));
            if (link.retry()) {
                return Outcome.of("chat.getPermalink", link);
            }
            progress.addProperty(
                    "permalink",
                    link.response() != null && link.response().isOk()
                            ? link.response().getPermalink()
                            : null);
            outbox.progress(item, progress.toString());
        }
        String permalink = string(progress, "permalink");

        SlackApi.Attempt<FilesUploadV2Response> uploaded =
                slack.attempt(
                        "files.uploadV2",
                        m ->
                                m.filesUploadV2(
                                        r ->
                                                r.channel(channel)
                                                        .threadTs(ts)
                                                        .filename("wrapup-" + incident.id() + ".md")
                                                        .title(fallback)
                                                        .fileData(
                                                                report(incident, includeTimeline)
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8))));
        if (uploaded.retry()) {
            return Outcome.of("files.uploadV2", uploaded);
        }
        // Refused for good (no files:write, say): published without the file, as the summary links
        // the web page.
        FilesUploadV2Response response = uploaded.response();
        String fileId =
                response == null
                                || !response.isOk()
                                || response.getFiles() == null
                                || response.getFiles().isEmpty()
                        ? null
                        : response.getFiles().get(0).getId();
        String told =
                ":mega: "
                        + SlackText.mention(callerId)
                        + (update ? " updated" : " published")
                        + " the wrap-up in <#"
                        + channel
                        + ">"
                        + (permalink != null ? ": " + permalink : ".")
                        + (includeTimeline ? "" : " The timeline stayed in this channel.")
                        + " Thank you all for what you shared.";
        return Outcome.done()
                .then(
                        (tx, none) -> {
                            store.savePublication(
                                    tx,
                                    incident.id(),
                                    channel,
                                    ts,
                                    fileId,
                                    includeTimeline,
                                    clock.instant());
                            outbox.add(tx, SlackWork.post(incident.channelId(), told));
                        });
    }

    private static String string(JsonObject json, String key) {
        return json.has(key) && !json.get(key).isJsonNull() ? json.get(key).getAsString() : null;
    }
}
