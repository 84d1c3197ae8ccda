package dev.wrapup.bot.metrics;

import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Outbox.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack work queue's depth and the age of its oldest item, as gauges. They are read from the
 * database, where every replica's work waits, at most once per {@link #FRESH_FOR}: scrapes, however
 * many, cost one small query at a time.
 */
public final class OutboxBacklog {
    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final Clock clock;
    private Backlog last;
    private long readAtNanos;

    private OutboxBacklog(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Registers the two gauges. */
    public static void register(Database database, Clock clock, MeterRegistry registry) {
        OutboxBacklog backlog = new OutboxBacklog(new Outbox(database), clock);
        // Held strongly: a gauge keeps what it reads weakly by default, and nothing else keeps
        // this one, so the first garbage collection would leave both gauges reading NaN.
        Gauge.builder("wrapup.outbox.depth", backlog, OutboxBacklog::depth)
                .strongReference(true)
                .description("Slack work items waiting to be done")
                .register(registry);
        TimeGauge.builder(
                        "wrapup.outbox.oldest.age",
                        backlog,
                        TimeUnit.SECONDS,
                        OutboxBacklog::oldestAgeSeconds)
                .strongReference(true)
                .description("How long the oldest waiting Slack work item has waited; 0 when none")
                .register(registry);
    }

    private double depth() {
        Backlog backlog = read();
        return backlog == null ? Double.NaN : backlog.depth();
    }

    private double oldestAgeSeconds() {
        Backlog backlog = read();
        if (backlog == null) {
            return Double.NaN;
        }
        return backlog.oldest()
                .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis()))
                .map(millis -> millis / 1000.0)
                .orElse(0.0);
    }

    /**
     * The backlog read at most {@link #FRESH_FOR} ago; null when the database cannot say. Freshness
     * is wall time (a scrape's), not the bot's clock, which tests move by hand.
     */
    private synchronized Backlog read() {
        long now = System.nanoTime();
        if (last == null || now - readAtNanos >= FRESH_FOR.toNanos()) {
            try {
                last = outbox.backlog();
                readAtNanos = now;
            } catch (RuntimeException e) {
                log.warn("reading the Slack work queue's backlog for /metrics: {}", e.toString());
                last = null;
            }
        }
        return last;
    }
}
