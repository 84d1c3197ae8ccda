package dev.wrapup.bot.analysis;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.coverage.RoleGroupMembers;
import dev.wrapup.bot.coverage.RoleGroupSnapshots;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.AnalysisCall;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.RoleGroupPresence;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.domain.text.Ordinals;
import dev.wrapup.persistence.AnalysisCalls;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.Participants;
import dev.wrapup.scheduler.calendar.CallInvite;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the channel when the analysis call is, for whom that is inside working hours, and which
 * role groups are missing; the calendar file follows in the announcement's thread.
 *
 * <p>A little over 250 lines: the announcement and its calendar file are one piece of work in two
 * steps, the second waiting on the first's message.
 */
public final class CallAnnouncement {
    /**
     * Posts the call's announcement, worded when it is posted; its ts is kept and the calendar file
     * follows.
     */
    private static final String ANNOUNCE = "call-announcement";

    /** Uploads the calendar file, as the call then stands, into the announcement's thread. */
    private static final String CALENDAR = "call-calendar-file";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final Incidents incidents;
    private final Participants participants;
    private final AnalysisCalls calls;
    private final SlackApi slack;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final Map<String, String> roleGroups;
    private final RoleGroupSnapshots snapshots;
    private final Optional<String> videoUrl;
    private final IncidentLinks links;
    private final Clock clock;

    public CallAnnouncement(
            Database database,
            SlackApi slack,
            SlackOutbox outbox,
            UserDirectory users,
            Map<String, String> roleGroups,
            RoleGroupSnapshots snapshots,
            Optional<String> videoUrl,
            IncidentLinks links,
            Clock clock) {
        this.incidents = new Incidents(database);
        this.participants = new Participants(database);
        this.calls = new AnalysisCalls(database);
        this.slack = slack;
        this.outbox = outbox;
        this.users = users;
        this.roleGroups = roleGroups;
        this.snapshots = snapshots;
        this.videoUrl = videoUrl;
        this.links = links;
        this.clock = clock;
        outbox.perform(ANNOUNCE, this::post);
        outbox.perform(CALENDAR, this::calendarFile);
    }

    /** The announcement of the call as planned in {@code args}, after {@code prefix}. */
    static Work of(Incident incident, String prefix, String args) {
        return new Work(
                ANNOUNCE,
                incident.channelId(),
                incident.channelId(),
                prefix,
                null,
                args,
                null,
                incident.id());
    }

    /**
     * The announcement's work: worded now (the facilitator as they are now, the role groups as
     * Slack says).
     */
    private Outcome post(Item item) {
        Optional<Incident> found = incidents.find(item.subjectId());
        if (found.isEmpty()) {
            return Outcome.done();
        }
        Incident incident = found.get();
        JsonObject args = JsonParser.parseString(item.args()).getAsJsonObject();
        // Slack is asked for the role groups once: for the suggestion to invite the missing ones,
        // and for the note of who took part, made with the announcement.
        Map<String, List<String>> groups = RoleGroupMembers.listed(slack, roleGroups);
        List<RoleGroupPresence> presences = snapshots.presences(incident.id(), groups);
        String text =
                announcement(
                        incident,
                        groups,
                        Instant.parse(args.get("at").getAsString()),
                        strings(args, "suited"),
                        strings(args, "notSuited"),
                        args.has("timesThisQuarter")
                                ? args.getAsJsonObject("timesThisQuarter")
                                : new JsonObject(),
                        item.text() == null ? "" : item.text());
        return outbox.post(incident.channelId(), text, null)
                .then(
                        (tx, ts) -> {
                            calls.setAnnouncementTs(tx, incident.id(), ts);
                            snapshots.record(tx, incident.id(), presences);
                            outbox.add(
                                    tx,
                                    new Work(
                                            CALENDAR,
                                            incident.channelId(),
                                            incident.channelId(),
                                            null,
                                            null,
                                            ts,
                                            null,
                                            incident.id()));
                        });
    }

    private String announcement(
            Incident incident,
            Map<String, List<String>> groups,
            Instant at,
            List<String> suited,
            List<String> notSuited,
            JsonObject timesThisQuarter,
            String prefix) {
        StringBuilder text =
                new StringBuilder(prefix)
                        .append(":calendar: *Analysis call:* ")
                        .append(SlackText.date(at))
                        .append(" for 30 minutes, facilitated by ")
                        .append(SlackText.mention(incident.facilitator()))
                        .append('.');
        int total = suited.size() + notSuited.size();
        if (total > 0) {
            text.append("\nIt is inside working hours for ")
                    .append(suited.size())
                    .append(" of ")
                    .append(total)
                    .append(" participant")
                    .append(total == 1 ? "" : "s")
                    .append('.');
        }
        if (!notSuited.isEmpty()) {
            List<String> whom =
                    notSuited.stream().map(id -> outsideHours(id, at, timesThisQuarter)).toList();
            text.append(" Outside working hours for ")
                    .append(
                            whom.size() == 1
                                    ? whom.get(0)
                                    : String.join(", ", whom.subList(0, whom.size() - 1))
                                            + " and "
                                            + whom.get(whom.size() - 1))
                    .append(": thank you for making the time.");
        }
        text.append(
                "\nWe meet about a day after the incident so that everyone has rested. "
                        + "`/wrapup schedule <yyyy-mm-dd HH:mm> [Area/City]` moves it; the calendar file is in the thread.");
        diversity(incident.id(), groups).ifPresent(t -> text.append('\n').append(t));
        return text.toString();
    }

    /**
     * "<@U> (Tue 07:00 in Pacific/Auckland, 3rd time this quarter)": their time and zone, and how
     * often a call fell outside their hours this quarter, when the plan counted it.
     */
    private String outsideHours(String id, Instant at, JsonObject timesThisQuarter) {
        ZoneId zone = users.known(id).map(SlackUser::zone).orElse(ZoneOffset.UTC);
        String where = zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        String times =
                timesThisQuarter.has(id)
                        ? ", "
                                + Ordinals.of(timesThisQuarter.get(id).getAsInt())
                                + " time this quarter"
                        : "";
        return SlackText.mention(id)
                + " ("
                + LOCAL.format(at.atZone(zone))
                + " in "
                + where
                + times
                + ")";
    }

    /** The calendar file's work: the file, as the call now stands, in the announcement's thread. */
    private Outcome calendarFile(Item item) {
        Optional<Incident> incident = incidents.find(item.subjectId());
        Optional<AnalysisCall> call = calls.find(item.subjectId());
        if (incident.isEmpty() || call.isEmpty()) {
            return Outcome.done();
        }
        byte[] ics =
                invite(incident.get(), call.get())
                        .toIcs(clock.instant())
                        .getBytes(StandardCharsets.UTF_8);
        return outbox.attempt(
                "files.uploadV2",
                m ->
                        m.filesUploadV2(
                                r ->
                                        r.channel(incident.get().channelId())
                                                .threadTs(item.args())
                                                .filename(
                                                        "analysis-call-"
                                                                + incident.get().id()
                                                                + ".ics")
                                                .title("Analysis call: " + incident.get().title())
                                                .fileData(ics)),
                r -> null,
                Set.of());
    }

    private CallInvite invite(Incident incident, AnalysisCall call) {
        return CallInvites.of(incident, call, links.page(incident), videoUrl);
    }

    /**
     * Configured role groups, of those Slack listed, that no participant belongs to, worded as a
     * suggestion.
     */
    Optional<String> diversity(long incidentId, Map<String, List<String>> groups) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        List<String> participants =
                this.participants.list(incidentId).stream().map(Participant::userId).toList();
        List<String> missing =
                groups.entrySet().stream()
                        .filter(
                                group ->
                                        group.getValue().stream().noneMatch(participants::contains))
                        .map(Map.Entry::getKey)
                        .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                ":busts_in_silhouette: Nobody from *"
                        + String.join("*, *", missing)
                        + "* took part yet. A wrap-up learns more from a mixed group: consider inviting someone from "
                        + (missing.size() == 1 ? "that group" : "each of those groups")
                        + " to the call.");
    }

    private static List<String> strings(JsonObject json, String key) {
        List<String> values = new ArrayList<>();
        json.getAsJsonArray(key).forEach(v -> values.add(v.getAsString()));
        return values;
    }
}
