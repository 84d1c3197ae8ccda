package dev.wrapup.bot.slack;

import com.slack.api.model.User;
import dev.wrapup.domain.SlackUser;
import dev.wrapup.persistence.Timeline;
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
import org.jooq.DSLContext;

/**
 * Names and timezones of Slack users: from memory, then the database, then users.info.
 * Recording a message never waits for Slack: unknown users are looked up after the ack,
 * once, and their entries get the name when it arrives.
 */
public final class UserDirectory {
    private static final Duration FRESH = Duration.ofHours(24);

    private final Users users;
    private final Timeline timeline;
    private final SlackCalls slack;
    private final Executor background;
    private final Clock clock;
    private final Map<String, SlackUser> cache = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public UserDirectory(Users users, Timeline timeline, SlackCalls slack, Executor background, Clock clock) {
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
     * The same, read on the transaction's own connection: a second connection taken from
     * the pool while the transaction holds one deadlocks the pool under load.
     */
    public Optional<String> knownName(DSLContext tx, String userId) {
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
        Optional<SlackUser> stored = find.apply(userId);
        stored.ifPresent(u -> cache.put(userId, u));
        return stored;
    }

    /** Looks the user up in the background unless we know them well enough already. */
    public void refreshLater(String userId) {
        if (userId == null || !userId.matches("[UW][A-Z0-9]+")) {
            return;
        }
        Optional<SlackUser> known = known(userId);
        if (known.isPresent() && known.get().fetchedAt().plus(FRESH).isAfter(clock.instant())) {
            return;
        }
        if (inFlight.add(userId)) {
            background.execute(() -> {
                try {
                    fetch(userId);
                } finally {
                    inFlight.remove(userId);
                }
            });
        }
    }

    /**
     * After an entry by the user was committed without their name: a lookup that finished
     * meanwhile filled in their other entries but could not see this one.
     */
    public void fillIfKnown(String userId) {
        SlackUser cached = userId == null ? null : cache.get(userId);
        if (cached != null) {
            timeline.fillAuthorName(userId, cached.displayName());
        }
    }

    /** Calls users.info now (never on a request thread) and stores the answer. */
    public Optional<SlackUser> fetch(String userId) {
        Optional<SlackUser> fetched = slack.ok("users.info", m -> m.usersInfo(r -> r.user(userId)))
                .map(r -> toSlackUser(r.getUser(), clock.instant()));
        fetched.ifPresent(u -> {
            users.save(u);
            cache.put(userId, u);
            timeline.fillAuthorName(userId, u.displayName());
        });
        return fetched;
    }

    /** The user now: known, or fetched (use off the request thread). */
    public Optional<SlackUser> get(String userId) {
        Optional<SlackUser> known = known(userId);
        return known.isPresent() ? known : fetch(userId);
    }

    static SlackUser toSlackUser(User u, Instant now) {
        String display = u.getProfile() != null && u.getProfile().getDisplayName() != null
                && !u.getProfile().getDisplayName().isBlank() ? u.getProfile().getDisplayName()
                : u.getRealName() != null && !u.getRealName().isBlank() ? u.getRealName() : u.getName();
        return new SlackUser(u.getId(), display == null ? u.getId() : display, u.getRealName(), u.getTz(),
                u.getTzOffset(), u.isBot(), now);
    }
}
