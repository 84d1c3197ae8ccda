package dev.wrapup.bot.slack;

import com.slack.api.model.User;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Tx;
import dev.wrapup.persistence.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Names and timezones of Slack users: from memory, then the database, then users.info. Recording a
 * message never waits for Slack: unknown users are looked up after the ack, once, and their entries
 * get the name when it arrives.
 */
public final class UserDirectory {
    private static final Duration FRESH = Duration.ofHours(24);

    /** How long a user found nowhere is not looked for again, in the database or at Slack. */
    private static final Duration UNKNOWN_FOR = Duration.ofMinutes(1);

    private final Users users;
    private final Timeline timeline;
    private final SlackApi slack;
    private final Executor background;
    private final Clock clock;
    private final Map<String, SlackUser> cache = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * Users not in the database, and users Slack did not give us, until when: messages from someone
     * users.info cannot (yet) answer for cost a read and a call a minute, not one of each per
     * message.
     */
    private final Map<String, Instant> notStored = new ConcurrentHashMap<>();

    private final Map<String, Instant> notAtSlack = new ConcurrentHashMap<>();

    public UserDirectory(
            Users users, Timeline timeline, SlackApi slack, Executor background, Clock clock) {
        this.users = users;
        this.timeline = timeline;
        this.slack = slack;
        this.background = background;
        this.clock = clock;
    }

    /** What we know now, without calling Slack. */
    public Optional<SlackUser> known(String userId) {
        return known(userId, users::find);
    }

    public Optional<String> knownName(String userId) {
        return known(userId).map(SlackUser::displayName);
    }

    /**
     * The same, read on the transaction's own connection: a second connection taken from the pool
     * while the transaction holds one deadlocks the pool under load.
     */
    public Optional<String> knownName(Tx tx, String userId) {
        return known(userId, id -> users.find(tx, id)).map(SlackUser::displayName);
    }

    private Optional<SlackUser> known(String userId, Function<String, Optional<SlackUser>> find) {
        if (userId == null) {
            return Optional.empty();
        }
        SlackUser cached = cache.get(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Instant now = clock.instant();
        if (recently(notStored, userId, now)) {
            return Optional.empty();
        }
        Optional<SlackUser> stored = find.apply(userId);
        if (stored.isPresent()) {
            cache.put(userId, stored.get());
        } else {
            notStored.put(userId, now.plus(UNKNOWN_FOR));
        }
        return stored;
    }

    /** Looks the user up in the background unless we know them well enough already. */
    public void refreshLater(String userId) {
        if (userId == null || !userId.matches("[UW][A-Z0-9]+")) {
            return;
        }
        Optional<SlackUser> known = known(userId);
        if (known.isPresent() && known.get().fetchedAt().plus(FRESH).isAfter(clock.instant())
                || recently(notAtSlack, userId, clock.instant())) {
            return;
        }
        if (inFlight.add(userId)) {
            background.execute(
                    () -> {
                        try {
                            fetch(userId);
                        } finally {
                            inFlight.remove(userId);
                        }
                    });
        }
    }

    /**
     * After an entry by the user was committed without their name: a lookup that finished meanwhile
     * filled in their other entries but could not see this one.
     */
    public void fillIfKnown(String userId) {
        SlackUser cached = userId == null ? null : cache.get(userId);
        if (cached != null) {
            timeline.fillAuthorName(userId, cached.displayName());
        }
    }

    /** Calls users.info now (never on a request thread) and stores the answer. */
    public Optional<SlackUser> fetch(String userId) {
        Optional<SlackUser> fetched =
                slack.ok("users.info", m -> m.usersInfo(r -> r.user(userId)))
                        .map(r -> toSlackUser(r.getUser(), clock.instant()));
        fetched.ifPresentOrElse(
                u -> {
                    users.save(u);
                    cache.put(userId, u);
                    notStored.remove(userId);
                    notAtSlack.remove(userId);
                    timeline.fillAuthorName(userId, u.displayName());
                },
                () -> notAtSlack.put(userId, clock.instant().plus(UNKNOWN_FOR)));
        return fetched;
    }

    /** The user now: known, or fetched (use off the request thread). */
    public Optional<SlackUser> get(String userId) {
        Optional<SlackUser> known = known(userId);
        return known.isPresent() ? known : fetch(userId);
    }

    private static boolean recently(Map<String, Instant> until, String userId, Instant now) {
        Instant end = until.get(userId);
        return end != null && now.isBefore(end);
    }

    static SlackUser toSlackUser(User u, Instant now) {
        String display =
                u.getProfile() != null
                                && u.getProfile().getDisplayName() != null
                                && !u.getProfile().getDisplayName().isBlank()
                        ? u.getProfile().getDisplayName()
                        : u.getRealName() != null && !u.getRealName().isBlank()
                                ? u.getRealName()
                                : u.getName();
        return new SlackUser(
                u.getId(),
                display == null ? u.getId() : display,
                u.getRealName(),
                u.getTz(),
                u.getTzOffset(),
                u.isBot(),
                now);
    }
}
