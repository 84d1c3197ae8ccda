package dev.wrapup.bot.web.signin;

import dev.wrapup.bot.web.Viewer;
import dev.wrapup.persistence.WebSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Signed-in browsers: the session cookie and the session it opens, kept in the database. */
final class Sessions {
    /** A working day: long enough not to be asked twice, short enough to follow who leaves. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private final WebSessions store;
    private final Clock clock;
    private final boolean secure;

    Sessions(WebSessions store, Clock clock, boolean secure) {
        this.store = store;
        this.clock = clock;
        this.secure = secure;
    }

    /** Who the request's session cookie belongs to, while the session lasts. */
    Optional<Viewer> viewer(HttpServletRequest req) {
        return Cookies.read(req, Cookies.SESSION)
                .flatMap(token -> store.findValid(token, clock.instant()))
                .map(s -> new Viewer(s.userId(), s.teamId(), s.name()));
    }

    /** Opens a session for the viewer and gives the browser its cookie. */
    void start(Viewer viewer, HttpServletResponse resp) {
        String token = Cookies.randomValue();
        Instant now = clock.instant();
        store.start(
                token, viewer.userId(), viewer.teamId(), viewer.name(), now, now.plus(LIFETIME));
        Cookies.set(resp, Cookies.SESSION, token, LIFETIME, secure);
    }

    /** Ends the request's session, if any, and takes the cookie back. */
    void end(HttpServletRequest req, HttpServletResponse resp) {
        Cookies.read(req, Cookies.SESSION).ifPresent(store::end);
        Cookies.clear(resp, Cookies.SESSION, secure);
    }
}
