package dev.wrapup.bot.http;

import com.slack.api.bolt.App;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.SeenRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty serving Slack's requests, the health check, the meters and the web pages. */
public final class WebServer implements AutoCloseable {
    private static final String SLACK_PATH = "/slack/events";

    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;
    private final QueuedThreadPool threads;

    public WebServer(int port, Database database) throws IOException {
        threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        server = new Server(threads);
        // Answers name no server, version or framework.
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        server.addConnector(connector);
        connector.open(); // bind now, so that the chosen port is known before the routes are wired
        context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("health", new HealthServlet(database)), "/healthz");
        context.addFilter(
                new FilterHolder(new SecurityHeaders(SLACK_PATH)),
                "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        context.setErrorHandler(new QuietErrors.InContext());
        server.setErrorHandler(new QuietErrors.InServer());
        server.setHandler(context);
        // Graceful stop: the connector closes its port at once (new connections are
        // refused), answers what its open connections already sent with
        // "Connection: close", and stop() waits up to 5 s for them to finish. No
        // GracefulHandler: it would answer 503 to a request arriving meanwhile on an open
        // connection, which the bot can still serve; the database closes after Jetty.
        server.setStopTimeout(5_000);
    }

    /**
     * Serves Slack's requests (HTTP mode), checked before Bolt sees them; call before {@link
     * #start()}.
     */
    public void slack(
            App app, String signingSecret, SeenRequests seen, Clock clock, MeterRegistry meters) {
        context.addServlet(
                new ServletHolder(
                        "slack", new SlackEndpoint(app, signingSecret, seen, clock, meters)),
                SLACK_PATH);
    }

    /**
     * Serves the registry at /metrics (behind the bearer token, when there is one) and adds Jetty's
     * own meters to it: its thread pool and its connections. Call before {@link #start()}.
     */
    public void metrics(PrometheusMeterRegistry registry, Optional<String> token) {
        context.addServlet(
                new ServletHolder("metrics", new MetricsServlet(registry, token)), "/metrics");
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry);
    }

    /** Adds a servlet for the web pages; call before {@link #start()}. */
    public void route(String pathSpec, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), pathSpec);
    }

    /** Adds a filter in front of the web pages' servlets; call before {@link #start()}. */
    public void filter(String pathSpec, Filter filter) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (PORT=0 picks a free one). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
