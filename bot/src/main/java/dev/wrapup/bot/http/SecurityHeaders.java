package dev.wrapup.bot.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers every page and file the bot serves carries (all but Slack's endpoint): no referrer
 * leaves with a link, nothing loads from elsewhere (images included, so no tracking pixel), no
 * script runs, no other site may frame a page, and forms (sign-out) post only to the bot itself.
 */
final class SecurityHeaders extends HttpFilter {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private final String slackPath;

    SecurityHeaders(String slackPath) {
        this.slackPath = slackPath;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!slackPath.equals(req.getRequestURI())) {
            resp.setHeader("Referrer-Policy", "no-referrer");
            resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(req, resp);
    }
}
