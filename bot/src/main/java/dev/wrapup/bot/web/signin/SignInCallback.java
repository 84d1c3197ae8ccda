package dev.wrapup.bot.web.signin;

import com.slack.api.methods.response.openid.connect.OpenIDConnectTokenResponse;
import com.slack.api.methods.response.openid.connect.OpenIDConnectUserInfoResponse;
import dev.wrapup.bot.config.SignIn;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackIdentity;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.persistence.WebSessions;
import dev.wrapup.persistence.WebSessions.PendingSignIn;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /signin/callback, where Slack sends the browser back: the state must be one this bot sent, not
 * expired, not used before and from the browser it was sent to; the code is then exchanged through
 * openid.connect.token, and openid.connect.userInfo says who signed in. Only a member of the bot's
 * own workspace gets a session. The id_token is not checked: the user and workspace come from
 * userInfo, asked of Slack directly with the access token just issued to this app.
 */
final class SignInCallback extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(SignInCallback.class);

    private final SignIn settings;
    private final Sessions sessions;
    private final WebSessions store;
    private final SlackApi slack;
    private final SlackIdentity identity;
    private final Templates templates;
    private final Clock clock;

    SignInCallback(
            SignIn settings,
            Sessions sessions,
            WebSessions store,
            SlackApi slack,
            SlackIdentity identity,
            Templates templates,
            Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.store = store;
        this.slack = slack;
        this.identity = identity;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String state = req.getParameter("state");
        // Claimed even from a browser without the binding cookie: a state that leaked is used up.
        String browser = Cookies.read(req, Cookies.BROWSER).orElse("");
        Optional<PendingSignIn> pending =
                state == null
                        ? Optional.empty()
                        : store.claimState(state, browser, clock.instant());
        Cookies.clear(resp, Cookies.BROWSER, settings.secureCookies());
        if (pending.isEmpty()) {
            problem(
                    resp,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "This sign-in has expired, was used already, or was started in another "
                            + "browser. Open the page again to sign in.");
            return;
        }
        String code = req.getParameter("code");
        if (code == null || code.isBlank()) {
            // Slack sends error=access_denied when the person chose not to sign in.
            problem(resp, HttpServletResponse.SC_FORBIDDEN, "Slack did not sign you in.");
            return;
        }
        Optional<Viewer> viewer = exchange(code);
        if (viewer.isEmpty()) {
            problem(
                    resp,
                    HttpServletResponse.SC_BAD_GATEWAY,
                    "Slack could not confirm who you are just now. Open the page again to "
                            + "sign in.");
            return;
        }
        String ours = identity.current().teamId();
        if (!ours.equals(viewer.get().teamId())) {
            log.warn(
                    "refused a web sign-in by {} from workspace {}: this bot serves workspace {}",
                    viewer.get().userId(),
                    viewer.get().teamId(),
                    ours);
            problem(
                    resp,
                    HttpServletResponse.SC_FORBIDDEN,
                    "You signed in to another Slack workspace. These pages are for the "
                            + "workspace this Wrapup serves: sign in to that one.");
            return;
        }
        sessions.start(viewer.get(), resp);
        resp.setHeader("Cache-Control", "no-store");
        resp.sendRedirect(local(pending.get().returnTo()));
    }

    /** Who the code belongs to, as Slack says; empty when Slack refused or could not answer. */
    private Optional<Viewer> exchange(String code) {
        Optional<String> accessToken =
                slack.ok(
                                "openid.connect.token",
                                m ->
                                        m.openIDConnectToken(
                                                r ->
                                                        r.clientId(settings.clientId())
                                                                .clientSecret(
                                                                        settings.clientSecret())
                                                                .code(code)
                                                                .redirectUri(
                                                                        settings.redirectUri())))
                        .map(OpenIDConnectTokenResponse::getAccessToken);
        if (accessToken.isEmpty()) {
            return Optional.empty();
        }
        return slack.ok(
                        "openid.connect.userInfo",
                        m -> m.openIDConnectUserInfo(r -> r.token(accessToken.get())))
                .filter(info -> info.getTeamId() != null && userId(info) != null)
                .map(
                        info ->
                                new Viewer(
                                        userId(info),
                                        info.getTeamId(),
                                        info.getName() != null && !info.getName().isBlank()
                                                ? info.getName()
                                                : userId(info)));
    }

    private static String userId(OpenIDConnectUserInfoResponse info) {
        return info.getUserId() != null ? info.getUserId() : info.getSub();
    }

    /** Only a path on this site: the remembered address came from a request, never trusted. */
    static String local(String returnTo) {
        return returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.startsWith("/\\")
                ? returnTo
                : "/";
    }

    private void problem(HttpServletResponse resp, int status, String message) throws IOException {
        templates.send(resp, status, "signin.jte", Map.of("message", message));
    }
}
