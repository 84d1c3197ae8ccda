package dev.wrapup.bot.slack;

import com.slack.api.methods.MethodsClient;
import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.bot.slack.AuthCheck.Answer;
import dev.wrapup.bot.slack.AuthCheck.Known;
import dev.wrapup.bot.slack.AuthCheck.Later;
import dev.wrapup.bot.slack.AuthCheck.Refused;
import dev.wrapup.domain.BotIdentity;
import dev.wrapup.persistence.SlackIdentities;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who the bot is in Slack: its workspace, enterprise, bot user and bot id, from auth.test at start.
 * auth.test also decides whether the bot starts at all: a token Slack refuses is a configuration
 * error, a Slack that cannot be reached is named with its address. When Slack is rate-limiting or
 * failing, the identity stored at an earlier start is used and asked for again in the background;
 * without one, start waits for Slack a while, then gives up saying why.
 */
public final class SlackIdentity implements AutoCloseable {
    /** How long a first start waits for a rate-limited or failing Slack. */
    static final Duration START_WAIT = Duration.ofMinutes(2);

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(SlackIdentity.class);

    private final MethodsClient methods;
    private final String apiUrl;
    private final String botToken;
    private final SlackIdentities store;
    private final Clock clock;
    private volatile BotIdentity current;
    private volatile ScheduledExecutorService refresher;

    private SlackIdentity(
            MethodsClient methods,
            String apiUrl,
            String botToken,
            SlackIdentities store,
            Clock clock,
            BotIdentity current) {
        this.methods = methods;
        this.apiUrl = apiUrl;
        this.botToken = botToken;
        this.store = store;
        this.clock = clock;
        this.current = current;
    }

    /**
     * Asks Slack who the bot is. Throws a {@link ConfigException} when the token is refused, and a
     * {@link SlackUnavailableException} when Slack cannot be reached or does not answer as Slack,
     * or stays rate-limited or failing through {@link #START_WAIT} with no identity stored.
     */
    public static SlackIdentity atStart(
            MethodsClient methods,
            String apiUrl,
            String botToken,
            SlackIdentities store,
            Clock clock)
            throws SlackUnavailableException, InterruptedException {
        // Elapsed time of a wait that really sleeps, not domain time: measured on the monotonic
        // clock.
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Answer answer = AuthCheck.ask(methods, clock);
            if (answer instanceof Later later) {
                Optional<BotIdentity> stored = store.find(botToken);
                if (stored.isPresent()) {
                    log.warn(
                            "Slack answered auth.test with {}; starting as the bot Slack named on {} (workspace {}, "
                                    + "bot user {}) and asking again in the background",
                            later.why(),
                            stored.get().learnedAt(),
                            stored.get().teamId(),
                            stored.get().botUserId());
                    SlackIdentity identity =
                            new SlackIdentity(
                                    methods, apiUrl, botToken, store, clock, stored.get());
                    identity.refreshLater(waitFor(later, FIRST_BACKOFF), FIRST_BACKOFF);
                    return identity;
                }
                Duration wait = waitFor(later, backoff);
                if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                    throw new SlackUnavailableException(
                            "Slack at "
                                    + apiUrl
                                    + " did not confirm SLACK_BOT_TOKEN: "
                                    + "auth.test answered "
                                    + later.why()
                                    + (later.retryAfter() != null
                                            ? " and asked to wait "
                                                    + later.retryAfter().toSeconds()
                                                    + " s"
                                            : "")
                                    + ", and this is the bot's first start with this token, so there is "
                                    + "no identity stored to start with. Slack is rate-limiting or failing; start Wrapup "
                                    + "again in a few minutes.");
                }
                log.warn(
                        "Slack answered auth.test with {}; asking again in {} s",
                        later.why(),
                        wait.toSeconds());
                Thread.sleep(wait.toMillis());
                backoff = next(backoff);
                continue;
            }
            BotIdentity identity = AuthCheck.known(answer, apiUrl);
            store.save(botToken, identity);
            return new SlackIdentity(methods, apiUrl, botToken, store, clock, identity);
        }
    }

    /** The identity most recently learned. */
    public BotIdentity current() {
        return current;
    }

    public String botToken() {
        return botToken;
    }

    private void refreshLater(Duration wait, Duration backoff) {
        if (refresher == null) {
            refresher = BackgroundThreads.scheduled("slack-identity");
        }
        refresher.schedule(() -> refresh(backoff), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh(Duration backoff) {
        Answer answer = AuthCheck.ask(methods, clock);
        if (answer instanceof Known known) {
            current = known.identity();
            try {
                store.save(botToken, known.identity());
            } catch (RuntimeException e) {
                log.warn(
                        "could not store the bot's identity (it is used all the same): {}",
                        e.getMessage());
            }
            log.info(
                    "Slack confirmed the bot's identity: workspace {}, bot user {}",
                    current.teamId(),
                    current.botUserId());
            refresher.shutdown();
        } else if (answer instanceof Refused refused) {
            log.error(AuthCheck.tokenRefused(refused.error()));
            refresher.shutdown();
        } else {
            Duration wait = answer instanceof Later later ? waitFor(later, backoff) : backoff;
            log.warn(
                    "{}; asking again in {} s",
                    AuthCheck.describe(answer, apiUrl),
                    wait.toSeconds());
            refreshLater(wait, next(backoff));
        }
    }

    private static Duration waitFor(Later later, Duration backoff) {
        return later.retryAfter() != null ? later.retryAfter() : backoff;
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /**
     * Lets a refresh under way finish: interrupting a write would close an embedded H2 database.
     */
    @Override
    public void close() {
        if (refresher != null) {
            BackgroundThreads.stop(refresher, Duration.ofSeconds(2));
        }
    }
}
