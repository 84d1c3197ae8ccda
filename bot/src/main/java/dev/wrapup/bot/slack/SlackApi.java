package dev.wrapup.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.ResponseMetadata;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Web API request goes through here. {@link #send} is for what cannot wait in a queue (a
 * modal within the trigger's three seconds, reads): transient failures (network, 5xx, 429, Slack's
 * own "try again" errors) are retried in-line, briefly, never for longer than a few seconds in all,
 * and a Retry-After longer than {@link #LONGEST_WAIT} is not waited for on the caller's thread at
 * all. {@link #attempt} is one try for the work queue, which waits by scheduling. A request that
 * finally fails is logged and reported to the caller, never thrown at a request thread.
 *
 * <p>Every request is counted by method and outcome ({@code wrapup.slack.api.calls}), with its
 * repeats ({@code ...retries}) and Slack's refusals to take more ({@code ...rate.limited}). The
 * methods are the bot's own constants, so the tags have a few values only.
 */
public final class SlackApi {
    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of(
                    "ratelimited",
                    "internal_error",
                    "fatal_error",
                    "service_unavailable",
                    "request_timeout");

    /**
     * The longest Retry-After waited for in-line; a longer one ends the request's retries at once.
     */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    /** No request retries in-line for longer than this in all. */
    private static final Duration LONGEST_RETRYING = Duration.ofSeconds(5);

    private final MethodsClient methods;
    private final RetryPolicy<Object> policy;
    private final MeterRegistry meters;

    public SlackApi(
            MethodsClient methods, int maxAttempts, Duration baseDelay, MeterRegistry meters) {
        this.methods = methods;
        this.meters = meters;
        Duration maxDelay =
                baseDelay.multipliedBy(4).compareTo(LONGEST_WAIT) < 0
                        ? baseDelay.multipliedBy(4)
                        : LONGEST_WAIT;
        this.policy =
                RetryPolicy.builder()
                        .handleIf(SlackApi::isTransient)
                        .handleResultIf(
                                r ->
                                        r instanceof SlackApiTextResponse res
                                                && !res.isOk()
                                                && TRANSIENT_ERRORS.contains(res.getError()))
                        // Slack asking for a longer wait than a caller can afford: give up now, not
                        // later.
                        .abortOn(e -> retryAfter(e).compareTo(LONGEST_WAIT) > 0)
                        .withBackoff(baseDelay, maxDelay)
                        .withDelayFnOn(
                                ctx -> retryAfter(ctx.getLastException()), SlackApiException.class)
                        .withMaxAttempts(maxAttempts)
                        .withMaxDuration(LONGEST_RETRYING)
                        .onRetry(
                                e ->
                                        log.info(
                                                "retrying Slack request after {}",
                                                describe(e.getLastException(), e.getLastResult())))
                        .build();
    }

    /** One Slack Web API request, made on the methods client. */
    @FunctionalInterface
    public interface Request<T extends SlackApiTextResponse> {
        T send(MethodsClient methods) throws IOException, SlackApiException;
    }

    /**
     * Sends the request with retries. Empty when it finally failed (already logged); a response
     * with ok=false that is not transient comes back for the caller to read.
     */
    public <T extends SlackApiTextResponse> Optional<T> send(String method, Request<T> request) {
        try {
            T response =
                    Failsafe.with(policy)
                            .get(
                                    ctx -> {
                                        if (ctx.isRetry()) {
                                            retried(method);
                                        }
                                        return call(method, request);
                                    });
            if (!response.isOk()) {
                log.warn("Slack {} answered {}", method, response.getError());
            }
            return Optional.of(response);
        } catch (FailsafeException e) {
            Duration asked = retryAfter(e.getCause());
            if (asked.compareTo(LONGEST_WAIT) > 0) {
                log.warn(
                        "Slack {} asked to wait {} s, longer than is waited for here; not retried",
                        method,
                        asked.toSeconds());
            } else {
                log.error(
                        "Slack {} failed after retries: {}", method, describe(e.getCause(), null));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("Slack {} failed after retries", method, e);
            return Optional.empty();
        }
    }

    /** Like {@link #send}, but only a response with ok=true counts. */
    public <T extends SlackApiTextResponse> Optional<T> ok(String method, Request<T> request) {
        return send(method, request).filter(SlackApiTextResponse::isOk);
    }

    /**
     * One try, for callers that retry on their own schedule: the answer; or, when Slack could not
     * be reached or asked to wait (network, 5xx, 429, its own "try again" errors), how long it
     * asked for (null when it did not say) and why.
     */
    public record Attempt<T>(T response, boolean retry, Duration retryAfter, String why) {}

    public <T extends SlackApiTextResponse> Attempt<T> attempt(String method, Request<T> request) {
        try {
            T response = call(method, request);
            if (!response.isOk() && TRANSIENT_ERRORS.contains(response.getError())) {
                // The caller tries again, by scheduling.
                retried(method);
                return new Attempt<>(null, true, null, response.getError());
            }
            if (!response.isOk()) {
                log.warn("Slack {} answered {}", method, response.getError());
            }
            return new Attempt<>(
                    response, false, null, response.isOk() ? null : response.getError());
        } catch (IOException | SlackApiException | RuntimeException e) {
            if (!isTransient(e)) {
                log.error("Slack {} failed", method, e);
                return new Attempt<>(null, false, null, describe(e, null));
            }
            retried(method);
            Duration wait = retryAfter(e);
            return new Attempt<>(null, true, wait.isNegative() ? null : wait, describe(e, null));
        }
    }

    /** A paged method's request for one page: null asks for the first. */
    @FunctionalInterface
    public interface Page<T extends SlackApiTextResponse> {
        Request<T> at(String cursor);
    }

    /**
     * Walks a cursor-paged method page by page, one try each, handing each page on: for queued
     * work, which tries again by scheduling. Empty when the last page was read; else the try that
     * stopped it (Slack asked to wait, or refused).
     */
    public <T extends SlackApiTextResponse> Optional<Attempt<T>> pages(
            String method, Page<T> page, Function<T, ResponseMetadata> metadata, Consumer<T> each) {
        String cursor = null;
        do {
            Attempt<T> attempt = attempt(method, page.at(cursor));
            if (attempt.response() == null || !attempt.response().isOk()) {
                return Optional.of(attempt);
            }
            each.accept(attempt.response());
            ResponseMetadata next = metadata.apply(attempt.response());
            cursor = next == null ? null : next.getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Optional.empty();
    }

    /** One request to Slack, counted by what came of it. */
    private <T extends SlackApiTextResponse> T call(String method, Request<T> request)
            throws IOException, SlackApiException {
        String outcome = "failed";
        try {
            T response = request.send(methods);
            outcome =
                    response.isOk()
                            ? "ok"
                            : "ratelimited".equals(response.getError())
                                    ? "rate_limited"
                                    : TRANSIENT_ERRORS.contains(response.getError())
                                            ? "unavailable"
                                            : "error";
            return response;
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            outcome = code == 429 ? "rate_limited" : code >= 500 ? "unavailable" : "error";
            throw e;
        } catch (IOException e) {
            outcome = "unreachable";
            throw e;
        } finally {
            Counter.builder("wrapup.slack.api.calls")
                    .description("Slack Web API requests, by method and what came of them")
                    .tag("method", method)
                    .tag("outcome", outcome)
                    .register(meters)
                    .increment();
            if (outcome.equals("rate_limited")) {
                Counter.builder("wrapup.slack.api.rate.limited")
                        .description("Slack Web API requests Slack refused with HTTP 429")
                        .tag("method", method)
                        .register(meters)
                        .increment();
            }
        }
    }

    /** A request Slack could not take is tried again: in-line here, or by the work queue. */
    private void retried(String method) {
        Counter.builder("wrapup.slack.api.retries")
                .description("Slack Web API requests tried again after a transient failure")
                .tag("method", method)
                .register(meters)
                .increment();
    }

    private static boolean isTransient(Throwable e) {
        if (e instanceof IOException) {
            return true;
        }
        if (e instanceof SlackApiException s) {
            int code = s.getResponse().code();
            return code == 429 || code >= 500;
        }
        return false;
    }

    private static Duration retryAfter(Throwable e) {
        if (e instanceof SlackApiException s && s.getResponse().code() == 429) {
            String header = s.getResponse().header("Retry-After");
            try {
                return header == null
                        ? Duration.ofSeconds(-1)
                        : Duration.ofSeconds(Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                return Duration.ofSeconds(-1);
            }
        }
        return Duration.ofSeconds(-1); // negative: use the backoff
    }

    private static String describe(Throwable e, Object result) {
        if (e instanceof SlackApiException s) {
            return "HTTP " + s.getResponse().code();
        }
        if (e != null) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return result instanceof SlackApiTextResponse r ? r.getError() : String.valueOf(result);
    }
}
