package dev.wrapup.bot.digest;

import dev.wrapup.bot.slack.SlackOutbox;
import dev.wrapup.bot.slack.SlackOutbox.Outcome;
import dev.wrapup.bot.slack.SlackWork;
import dev.wrapup.bot.slack.UserDirectory;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.ActionDigest;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.ActionDigests;
import dev.wrapup.persistence.ActionDigests.Listed;
import dev.wrapup.persistence.ActionDigests.Part;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox.Item;
import dev.wrapup.persistence.Outbox.Work;
import dev.wrapup.persistence.WrapUps;
import dev.wrapup.scheduler.Scheduling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly digest of open action items: every Monday from 09:00 in each person's own timezone,
 * one direct message to each owner of open items (and each facilitator of wrap-ups with overdue
 * items), sent once whatever the replicas and restarts.
 */
public final class WeeklyDigest {
    private static final Logger log = LoggerFactory.getLogger(WeeklyDigest.class);

    /** The recurring scheduled task that sends the digests now due. */
    public static final String TASK = "action-digest";

    /** How often the task looks for people whose Monday 09:00 has come. */
    public static final Duration EVERY = Duration.ofMinutes(15);

    /** Outbox work: a digest message shown again as its items stand now. */
    static final String UPDATE = "digest-update";

    private final WrapUps wrapups;
    private final Incidents incidents;
    private final ActionDigests digests;
    private final SlackOutbox outbox;
    private final UserDirectory users;
    private final DigestMessage message;
    private final Clock clock;

    public WeeklyDigest(
            Database database,
            WrapUps wrapups,
            SlackOutbox outbox,
            UserDirectory users,
            Scheduling scheduling,
            IncidentLinks links,
            Clock clock) {
        this.wrapups = wrapups;
        this.incidents = new Incidents(database);
        this.digests = new ActionDigests(database);
        this.outbox = outbox;
        this.users = users;
        this.message = new DigestMessage(links);
        this.clock = clock;
        scheduling.register(TASK, subject -> sendDue());
        scheduling.every(TASK, EVERY);
        outbox.perform(UPDATE, this::update);
    }

    /**
     * Queues the digest of everyone whose Monday 09:00 has come and who has not had this week's;
     * returns how many were queued here (another replica may have queued others).
     */
    public int sendDue() {
        Instant now = clock.instant();
        List<ActionItem> open = wrapups.openActions();
        Map<Long, Optional<Incident>> known = new HashMap<>();
        LongFunction<Optional<Incident>> incident =
                id -> known.computeIfAbsent(id, incidents::find);
        LongFunction<String> facilitatorOf =
                id -> incident.apply(id).map(Incident::facilitator).orElse(null);
        int sent = 0;
        for (String userId : ActionDigest.candidates(open, facilitatorOf)) {
            ZoneId zone = zone(userId);
            Optional<LocalDate> week = ActionDigest.dueWeek(now.atZone(zone));
            if (week.isEmpty() || digests.sent(userId, week.get())) {
                continue;
            }
            Optional<ActionDigest> digest =
                    ActionDigest.of(userId, week.get(), open, facilitatorOf);
            if (digest.isEmpty()) {
                continue;
            }
            DigestMessage.Rendered rendered = message.render(digest.get(), zone, incident);
            List<Listed> listed =
                    Stream.concat(
                                    digest.get().own().stream()
                                            .map(i -> new Listed(i.id(), Part.OWN)),
                                    digest.get().facilitated().stream()
                                            .map(i -> new Listed(i.id(), Part.FACILITATED)))
                            .toList();
            boolean claimed =
                    outbox.sendIf(
                            tx -> digests.claim(tx, userId, week.get(), now, listed),
                            SlackWork.post(userId, rendered.text(), rendered.blocks()));
            if (claimed) {
                sent++;
                log.info("weekly digest of {} for the week of {} queued", userId, week.get());
            }
        }
        return sent;
    }

    /** The person's timezone as Slack tells it; UTC when Slack does not know them. */
    private ZoneId zone(String userId) {
        return users.get(userId).map(SlackUser::zone).orElse(ZoneOffset.UTC);
    }

    /**
     * Work that shows the person's digest of the week again, as its items stand when it is done: in
     * the direct message {@code channelId}, the message {@code ts}.
     */
    static Work update(String userId, LocalDate weekOf, String channelId, String ts) {
        return new Work(
                UPDATE,
                userId,
                channelId,
                null,
                null,
                ts + " " + userId + " " + weekOf,
                null,
                null);
    }

    private Outcome update(Item item) {
        String[] args = item.args().split(" ");
        String ts = args[0];
        String userId = args[1];
        LocalDate weekOf = LocalDate.parse(args[2]);
        List<ActionItem> own = new ArrayList<>();
        List<ActionItem> facilitated = new ArrayList<>();
        for (Listed listed : digests.items(userId, weekOf)) {
            wrapups.action(listed.actionId())
                    .ifPresent(a -> (listed.part() == Part.OWN ? own : facilitated).add(a));
        }
        if (own.isEmpty() && facilitated.isEmpty()) {
            return new Outcome.Refused("no digest of " + userId + " for the week of " + weekOf);
        }
        ZoneId zone = users.known(userId).map(SlackUser::zone).orElse(ZoneOffset.UTC);
        DigestMessage.Rendered rendered =
                message.render(
                        new ActionDigest(userId, weekOf, own, facilitated), zone, incidents::find);
        return outbox.update(
                item.channelId(), ts, rendered.text(), SlackWork.json(rendered.blocks()));
    }
}
