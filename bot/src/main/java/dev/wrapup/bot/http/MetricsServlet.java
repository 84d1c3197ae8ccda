package dev.wrapup.bot.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * GET /metrics: the registry in Prometheus' text format. With a token set, only a request carrying
 * it as {@code Authorization: Bearer <token>} is answered; others get 401.
 */
final class MetricsServlet extends HttpServlet {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final PrometheusMeterRegistry registry;
    private final Optional<byte[]> token;

    MetricsServlet(PrometheusMeterRegistry registry, Optional<String> token) {
        this.registry = registry;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (token.isPresent() && !carriesToken(req.getHeader("Authorization"))) {
            resp.setStatus(401);
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"wrapup-metrics\"");
            resp.setHeader("Cache-Control", "no-store");
            return;
        }
        resp.setStatus(200);
        resp.setContentType(TEXT_FORMAT);
        resp.setHeader("Cache-Control", "no-store");
        try (OutputStream out = resp.getOutputStream()) {
            registry.scrape(out);
        }
    }

    /** Compares in constant time, so that the answer's timing tells nothing of the token. */
    private boolean carriesToken(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given =
                authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }
}
