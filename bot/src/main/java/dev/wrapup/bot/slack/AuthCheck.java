package dev.wrapup.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.domain.BotIdentity;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * One auth.test call told as what it means for the bot's start (known, refused, unreachable,
 * unexpected, or later), and each told in words an operator can act on.
 */
final class AuthCheck {
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of(
                    "ratelimited",
                    "internal_error",
                    "fatal_error",
                    "service_unavailable",
                    "request_timeout");

    private AuthCheck() {}

    /** What one auth.test call came to. */
    sealed interface Answer {}

    record Known(BotIdentity identity) implements Answer {}

    /** The token is not one Slack accepts: the operator must change it. */
    record Refused(String error) implements Answer {}

    /** Nothing answered at that address. */
    record Unreachable(String reason) implements Answer {}

    /** Something answered, but not as Slack does: the address is likely wrong. */
    record Unexpected(String what) implements Answer {}

    /** Slack asks to come back later (429, 5xx, its own "try again" errors). */
    record Later(String why, Duration retryAfter) implements Answer {}

    static Answer ask(MethodsClient methods, Clock clock) {
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

    /** The identity in the answer, or why the bot cannot start. */
    static BotIdentity known(Answer answer, String apiUrl) throws SlackUnavailableException {
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

    /** An answer other than known or refused, for the log. */
    static String describe(Answer answer, String apiUrl) {
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
}
