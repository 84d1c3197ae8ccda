package dev.wrapup.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.domain.BotIdentity;
import dev.wrapup.persistence.SlackIdentities;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of(
                    "ratelimited",
                    "internal_error",
                    "fatal_error",
                    "service_unavailable",
                    "request_timeout");
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

    /** What one auth.test call came to. */
    private sealed interface Answer {}

    private record Known(BotIdentity identity) implements Answer {}

    /** The token is not one Slack accepts: the operator must change it. */
    private record Refused(String error) implements Answer {}

    /** Nothing answered at that address. */
    private record Unreachable(String reason) implements Answer {}

    /** Something answered, but not as Slack does: the address is likely wrong. */
    private record Unexpected(String what) implements Answer {}

    /** Slack asks to come back later (429, 5xx, its own "try again" errors). */
    private record Later(String why, Duration retryAfter) implements Answer {}

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
            Answer answer = ask(methods, clock);
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
            BotIdentity identity = known(answer, apiUrl);
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
        Answer answer = ask(methods, clock);
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
            log.error(tokenRefused(refused.error()));
            refresher.shutdown();
        } else {
            Duration wait = answer instanceof Later later ? waitFor(later, backoff) : backoff;
            log.warn("{}; asking again in {} s", describe(answer), wait.toSeconds());
            refreshLater(wait, next(backoff));
        }
    }

    private static BotIdentity known(Answer answer, String apiUrl)
            throws SlackUnavailableException {
        if (answer instanceof Known known) {
            return known.identity();
        }
        if (answer instanceof Refused refused) {
            throw new ConfigException(tokenRefused(refused.error()));
        }
        if (answer instanceof Unreachable unreachable) {
            throw new SlackUnavailableException(
                    "Slack cannot be reached at "
                            + apiUrl
                            + ": "
                            + unreachable.reason()
                            + ". Check the network and SLACK_API_URL, then start Wrapup again.");
        }
        throw new SlackUnavailableException(
                "Slack at "
                        + apiUrl
                        + " answered auth.test with "
                        + ((Unexpected) answer).what()
                        + ", which is not how Slack answers. Check SLACK_API_URL (the "
                        + "default is https://slack.com/api/), then start Wrapup again.");
    }

    private String describe(Answer answer) {
        if (answer instanceof Later later) {
            return "Slack answered auth.test with " + later.why();
        }
        if (answer instanceof Unreachable unreachable) {
            return "Slack cannot be reached at " + apiUrl + ": " + unreachable.reason();
        }
        return "Slack at " + apiUrl + " answered auth.test with " + ((Unexpected) answer).what();
    }

    static String tokenRefused(String error) {
        String why =
                switch (error) {
                    case "invalid_auth", "not_authed" -> "it is not a valid bot token";
                    case "token_revoked", "token_expired" ->
                            "it was revoked (the app was removed or reinstalled) or expired";
                    case "account_inactive" ->
                            "the app it belongs to was removed from the workspace";
                    default -> "Slack does not accept it";
                };
        return "SLACK_BOT_TOKEN was refused by Slack (auth.test answered \""
                + error
                + "\"): "
                + why
                + ". Copy the "
                + "current \"Bot User OAuth Token\" (xoxb-…) from your Slack app's \"OAuth & Permissions\" page into "
                + "SLACK_BOT_TOKEN (install the app to the workspace again if there is none) and start Wrapup again.";
    }

    private static Answer ask(MethodsClient methods, Clock clock) {
        AuthTestResponse response;
        try {
            response = methods.authTest(r -> r);
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new Later(
                        "HTTP 429 (rate-limited)",
                        retryAfter(e.getResponse().header("Retry-After")));
            }
            if (status >= 500) {
                return new Later("HTTP " + status, null);
            }
            return new Unexpected("HTTP " + status);
        } catch (IOException e) {
            return new Unreachable(reason(e));
        } catch (RuntimeException e) {
            return new Unexpected(
                    "an answer it could not read (" + e.getClass().getSimpleName() + ")");
        }
        if (!response.isOk()) {
            return TRANSIENT_ERRORS.contains(response.getError())
                    ? new Later("\"" + response.getError() + "\"", null)
                    : new Refused(String.valueOf(response.getError()));
        }
        if (response.getTeamId() == null || response.getUserId() == null) {
            return new Unexpected("no workspace or bot user in its answer");
        }
        return new Known(
                new BotIdentity(
                        response.getTeamId(),
                        response.getEnterpriseId(),
                        response.getUserId(),
                        response.getBotId(),
                        clock.instant()));
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (e instanceof InterruptedIOException) {
            return "no answer in time" + (message.isEmpty() ? "" : " (" + message + ")");
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null
                    ? null
                    : Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return null;
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
