package dev.wrapup.domain.insights;

import dev.wrapup.domain.Completeness;
import dev.wrapup.domain.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the insights need to know of one incident.
 *
 * @param callAt when its analysis call is or was held (see {@code AnalysisCall.time()}), or null
 * @param publishedAt when its wrap-up was first published, or null
 * @param completeness who was asked for a comment and who gave one
 */
public record IncidentFacts(
        Incident incident, Instant callAt, Instant publishedAt, Completeness completeness) {

    public Optional<Duration> timeToResolve() {
        return incident.timeToResolve();
    }

    public Optional<Duration> resolveToCall() {
        return sinceResolved(callAt);
    }

    public Optional<Duration> resolveToPublication() {
        return sinceResolved(publishedAt);
    }

    private Optional<Duration> sinceResolved(Instant at) {
        Instant resolved = incident.resolvedAt();
        return resolved == null || at == null
                ? Optional.empty()
                : Optional.of(Duration.between(resolved, at));
    }
}
