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
 * script runs but the bot's own files (/assets/local-time.js; never an inline one, so injected
 * markup cannot run), forms submit only to the bot, and no other site may frame a page.
 */
final class SecurityHeaders extends HttpFilter {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
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
