package dev.wrapup.bot.maintenance;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.analysis.AnalysisCallService;
import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.MaintenanceWindow;
import dev.wrapup.domain.MaintenanceWindow.State;
import dev.wrapup.domain.MaintenanceWindow.Verdict;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.MaintenanceWindows;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Timeline.NewEntry;
import dev.wrapup.persistence.Tx;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance windows: a numbered plan with owners, a heads-up in advance, begin and end with a
 * success verdict, and the same wrap-up as an incident whatever the outcome.
 */
public final class MaintenanceService {
    public static final String HEADS_UP_TASK = "maintenance-heads-up";
    public static final String END_CHECK_TASK = "maintenance-end-check";

    /** Posts, or brings up to date, the pinned plan as the window stands when it is done. */
    private static final String PLAN = "maintenance-plan";

    private final Config config;
    private final Database database;
    private final Incidents incidents;
    private final Participants participants;
    private final Timeline timeline;
    private final IncidentLinks links;
    private final MaintenanceWindows windows;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Scheduling scheduling;
    private final Clock clock;

    public MaintenanceService(
            Config config,
            Database database,
            IncidentLinks links,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            Clock clock) {
        this.config = config;
        this.database = database;
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.timeline = new Timeline(database);
        this.links = links;
        this.windows = new MaintenanceWindows(database);
        this.outbox = outbox;
        this.users = users;
        this.scheduling = scheduling;
        this.clock = clock;
        scheduling.register(HEADS_UP_TASK, this::headsUp);
        scheduling.register(END_CHECK_TASK, this::endCheck);
        outbox.perform(PLAN, this::updatePlan);
    }

    /** Whether heads-ups have somewhere to go (WRAPUP_ANNOUNCE_CHANNEL). */
    public boolean announces() {
        return config.announceChannel().isPresent();
    }

    public Optional<MaintenanceWindow> window(long incidentId) {
        return windows.find(incidentId);
    }

    /** The open window in the channel, if any. */
    public Optional<Incident> inChannel(String channelId) {
        return incidents.findByChannel(channelId).filter(i -> i.kind() == IncidentKind.MAINTENANCE);
    }

    // ---------------------------------------------------------------- plan

    /** Plans the window in this channel; empty when the channel already has something open. */
    public Optional<Incident> plan(
            String teamId,
            String channelId,
            String channelName,
            String callerId,
            String title,
            Instant start,
            Instant end,
            ZoneId zone) {
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
                                                    IncidentKind.MAINTENANCE,
                                                    teamId,
                                                    channelId,
                                                    channelName,
                                                    title,
                                                    null,
                                                    null,
                                                    IncidentStatus.PLANNED,
                                                    callerId,
                                                    callerId,
                                                    start),
                                            "Maintenance planned: " + title,
                                            users.knownName(tx, callerId).orElse(null),
                                            now);
                            windows.create(tx, created.id(), start, end, zone.getId());
                            outbox.add(tx, SlackWork.join(channelId));
                            outbox.add(tx, planUpdate(created));
                            return created;
                        });
        if (incident == null) {
            return Optional.empty();
        }
        outbox.wake();
        Instant headsUpAt = start.minus(config.headsUp());
        if (headsUpAt.isAfter(now)) {
            scheduling.at(HEADS_UP_TASK, incident.id(), headsUpAt);
        } else {
            headsUp(incident.id()); // planned inside the heads-up period: queued now
        }
        scheduling.at(END_CHECK_TASK, incident.id(), end);
        users.refreshLater(callerId);
        return Optional.of(incident);
    }

    public int step(Incident incident, String callerId, String ownerId, String text) {
        Instant now = clock.instant();
        int number =
                database.transaction(
                        tx -> {
                            int n = windows.addStep(tx, incident.id(), ownerId, text, now);
                            participants.add(tx, incident.id(), ownerId, "invited", now);
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    EntryKind.SYSTEM,
                                    "Step " + n + " planned for " + name(tx, ownerId) + ": " + text,
                                    now);
                            outbox.add(tx, SlackWork.invite(incident.channelId(), ownerId));
                            outbox.add(tx, planUpdate(incident));
                            return n;
                        });
        outbox.wake();
        users.refreshLater(ownerId);
        return number;
    }

    /** Marks a step done or failed; false when there is no such step. */
    public boolean mark(Incident incident, String callerId, int number, State state, String why) {
        Instant now = clock.instant();
        boolean marked =
                database.transaction(
                        tx -> {
                            if (!windows.mark(tx, incident.id(), number, state, why, now)) {
                                return false;
                            }
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    state == State.FAILED ? EntryKind.NOTE : EntryKind.SYSTEM,
                                    "Step "
                                            + number
                                            + (state == State.DONE ? " done" : " failed: " + why),
                                    now);
                            outbox.add(tx, planUpdate(incident));
                            if (state == State.FAILED) {
                                outbox.add(
                                        tx,
                                        SlackWork.post(
                                                incident.channelId(),
                                                ":x: Step "
                                                        + number
                                                        + " failed ("
                                                        + SlackText.mention(callerId)
                                                        + "): "
                                                        + why));
                            }
                            return true;
                        });
        outbox.wake();
        return marked;
    }

    public void impact(Incident incident, String callerId, String text) {
        Instant now = clock.instant();
        database.transaction(
                tx -> {
                    windows.addImpact(tx, incident.id(), callerId, text, now);
                    entry(
                            tx,
                            incident,
                            callerId,
                            EntryKind.NOTE,
                            "Production impact: " + text,
                            now);
                    outbox.add(
                            tx,
                            SlackWork.post(
                                    incident.channelId(),
                                    ":rotating_light: Production impact reported by "
                                            + SlackText.mention(callerId)
                                            + ": "
                                            + text));
                    outbox.add(tx, planUpdate(incident));
                    return null;
                });
        outbox.wake();
    }

    /** Begins the window; false when it had begun already. */
    public boolean begin(Incident incident, String callerId) {
        Instant now = clock.instant();
        boolean began =
                database.transaction(
                        tx -> {
                            if (!windows.begin(tx, incident.id(), now)) {
                                return false;
                            }
                            incidents.setStatus(
                                    tx, incident.id(), IncidentStatus.IN_PROGRESS, null);
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    EntryKind.STATUS,
                                    "Maintenance began",
                                    now);
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            incident.channelId(),
                                            ":construction: The maintenance window has begun ("
                                                    + SlackText.mention(callerId)
                                                    + "). Everything said here is recorded until the wrap-up."));
                            outbox.add(tx, planUpdate(incident));
                            return true;
                        });
        outbox.wake();
        return began;
    }

    /**
     * Ends the window: the verdict, then the analysis call (planned after the ack), whatever the
     * verdict.
     */
    public Verdict end(Incident incident, String callerId) {
        Instant now = clock.instant();
        Verdict verdict =
                database.transaction(
                        tx -> {
                            if (!windows.end(tx, incident.id(), now)) {
                                return null;
                            }
                            incidents.setStatus(tx, incident.id(), IncidentStatus.ENDED, now);
                            Verdict v = windows.find(tx, incident.id()).orElseThrow().verdict(now);
                            entry(
                                    tx,
                                    incident,
                                    callerId,
                                    EntryKind.STATUS,
                                    "Maintenance ended. "
                                            + MaintenanceText.verdict(v)
                                                    .replaceAll(":[a-z_]+: ", "")
                                                    .replace("*", ""),
                                    now);
                            outbox.add(
                                    tx,
                                    SlackWork.post(
                                            incident.channelId(),
                                            ":checkered_flag: The maintenance window has ended ("
                                                    + SlackText.mention(callerId)
                                                    + ").\n"
                                                    + MaintenanceText.verdict(v)
                                                    + "\nA wrap-up follows "
                                                    + "whatever the outcome: what went well is as worth sharing as what did not."));
                            outbox.add(tx, planUpdate(incident));
                            outbox.add(tx, AnalysisCallService.plan(incident));
                            return v;
                        });
        if (verdict == null) {
            return null;
        }
        outbox.wake();
        scheduling.cancel(END_CHECK_TASK, incident.id());
        return verdict;
    }

    // ---------------------------------------------------------------- scheduled

    /** The heads-up to the announcements channel, once. */
    void headsUp(long incidentId) {
        Optional<Incident> incident = incidents.find(incidentId);
        Optional<MaintenanceWindow> window = windows.find(incidentId);
        if (incident.isEmpty() || window.isEmpty() || config.announceChannel().isEmpty()) {
            return;
        }
        MaintenanceWindow w = window.get();
        String text =
                ":construction: *Planned maintenance: "
                        + SlackText.neutraliseBroadcasts(SlackText.escape(incident.get().title()))
                        + "*\n"
                        + SlackText.date(w.plannedStart())
                        + " → "
                        + SlackText.date(w.plannedEnd())
                        + " ("
                        + w.steps().size()
                        + " planned step"
                        + (w.steps().size() == 1 ? "" : "s")
                        + "). Questions: <#"
                        + incident.get().channelId()
                        + ">.";
        outbox.sendIf(
                tx -> windows.headsUpSent(tx, incidentId, clock.instant()),
                SlackWork.post(config.announceChannel().get(), text));
    }

    /**
     * At the planned end: if the window has not ended, ask in the channel and record the overrun.
     */
    void endCheck(long incidentId) {
        Optional<Incident> incident = incidents.find(incidentId);
        Optional<MaintenanceWindow> window = windows.find(incidentId);
        if (incident.isEmpty() || window.isEmpty() || window.get().endedAt() != null) {
            return;
        }
        Instant now = clock.instant();
        outbox.sendIf(
                tx -> {
                    if (!windows.overrun(tx, incidentId, now)) {
                        return false;
                    }
                    entry(
                            tx,
                            incident.get(),
                            null,
                            EntryKind.SYSTEM,
                            "The planned end passed without `/maintenance end`",
                            now);
                    return true;
                },
                SlackWork.post(
                        incident.get().channelId(),
                        ":hourglass: The window was planned to end "
                                + SlackText.date(window.get().plannedEnd())
                                + ". Is it over? Run `/maintenance end` when it is;"
                                + " the overrun is being recorded. "
                                + SlackText.mention(incident.get().commanderId())));
    }

    // ---------------------------------------------------------------- plan message

    private static Work planUpdate(Incident incident) {
        return SlackWork.job(PLAN, incident.channelId(), incident.id());
    }

    /**
     * The pinned plan's work: posted and pinned when there is none yet (its ts noted with the item
     * done), else updated; as the window stands now.
     */
    private Outcome updatePlan(Item item) {
        Optional<Incident> found = incidents.find(item.subjectId());
        if (found.isEmpty() || outbox.superseded(item)) {
            return Outcome.done();
        }
        Incident incident = found.get();
        String text = "Maintenance plan: " + incident.title();
        String blocks = SlackWork.json(planBlocks(incident));
        if (incident.headerTs() != null) {
            return outbox.update(incident.channelId(), incident.headerTs(), text, blocks);
        }
        return outbox.post(incident.channelId(), text, blocks)
                .then(
                        (tx, ts) -> {
                            incidents.setHeaderTs(tx, incident.id(), ts);
                            outbox.add(tx, SlackWork.pin(incident.channelId(), ts));
                        });
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
                                                        "`/maintenance help` lists what you can do. The "
                                                                + "record is on the <"
                                                                + links.page(incident)
                                                                + "|web page>.")))));
        return blocks;
    }

    // ---------------------------------------------------------------- helpers

    private void entry(
            Tx tx, Incident incident, String userId, EntryKind kind, String text, Instant now) {
        timeline.add(
                tx,
                NewEntry.of(
                        incident.id(),
                        incident.channelId(),
                        kind,
                        userId,
                        userId == null ? "Wrapup" : users.knownName(tx, userId).orElse(null),
                        text,
                        now),
                now);
        if (userId != null) {
            participants.add(tx, incident.id(), userId, "posted", now);
        }
    }

    private String name(Tx tx, String userId) {
        return users.knownName(tx, userId).orElse(userId);
    }
}
