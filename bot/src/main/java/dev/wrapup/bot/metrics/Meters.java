package dev.wrapup.bot.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The bot's one meter registry, scraped as Prometheus text at /metrics: every meter's name starts
 * with {@code wrapup_}, the libraries' too, and the JVM's meters are in it from the start.
 */
public final class Meters implements AutoCloseable {
    static final String PREFIX = "wrapup.";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private Meters() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any meter is registered: a filter applies only to meters registered after it.
        registry.config().meterFilter(prefixed());
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public static Meters start() {
        return new Meters();
    }

    /** Renames {@code jvm.memory.used} to {@code wrapup.jvm.memory.used}, and so on. */
    static MeterFilter prefixed() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith(PREFIX) ? id : id.withName(PREFIX + id.getName());
            }
        };
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
