package dev.wrapup.bot.web.signin;

import dev.wrapup.bot.config.SignIn;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.persistence.WebSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * In front of the web pages: a browser with a valid session gets its {@link Viewer} as the request
 * attribute {@link Viewer#ATTRIBUTE}; one without is sent to Slack to sign in, and comes back to
 * the page it asked for. Slack's endpoint and the health check are passed through untouched.
 */
final class SignInFilter extends HttpFilter {
    /** Long enough to sign in at Slack, short enough that a state seen by someone else is stale. */
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    /** As long as signin_state.return_to holds. */
    private static final int MAX_RETURN_TO = 2000;

    private final SignIn settings;
    private final Sessions sessions;
    private final WebSessions store;
    private final Clock clock;

    SignInFilter(SignIn settings, Sessions sessions, WebSessions store, Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.store = store;
        this.clock = clock;
    }

    /** The pages that need a signed-in viewer. */
    static boolean protects(String path) {
        return path.equals("/")
                || path.equals("/incidents")
                || path.startsWith("/incidents/")
                || path.startsWith("/insights");
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI();
        if (!protects(path)) {
            chain.doFilter(req, resp);
            return;
        }
        Optional<Viewer> viewer = sessions.viewer(req);
        if (viewer.isPresent()) {
            req.setAttribute(Viewer.ATTRIBUTE, viewer.get());
            chain.doFilter(req, resp);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            // Nothing but reading is done without a session; there is nothing to come back to.
            resp.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        resp.sendRedirect(startSignIn(req, resp, path));
    }

    /** Remembers a new sign-in and returns where Slack asks the browser who it is. */
    private String startSignIn(HttpServletRequest req, HttpServletResponse resp, String path) {
        // A browser signing in from two tabs keeps its one binding value, so that neither tab's
        // sign-in is orphaned by the other's cookie.
        String browser = Cookies.read(req, Cookies.BROWSER).orElseGet(Cookies::randomValue);
        String state = Cookies.randomValue();
        String nonce = Cookies.randomValue();
        String returnTo = req.getQueryString() == null ? path : path + "?" + req.getQueryString();
        if (returnTo.length() > MAX_RETURN_TO) {
            returnTo = path.length() > MAX_RETURN_TO ? "/" : path;
        }
        Instant now = clock.instant();
        store.purgeExpired(now);
        store.rememberState(state, nonce, browser, returnTo, now, now.plus(STATE_LIFETIME));
        Cookies.set(resp, Cookies.BROWSER, browser, STATE_LIFETIME, settings.secureCookies());
        return settings.authorizeUrl()
                + "?response_type=code&scope="
                + encode("openid profile")
                + "&client_id="
                + encode(settings.clientId())
                + "&redirect_uri="
                + encode(settings.redirectUri())
                + "&state="
                + encode(state)
                + "&nonce="
                + encode(nonce);
    }

    /** Form-encoded, with spaces as %20 as a URL's query has them. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
