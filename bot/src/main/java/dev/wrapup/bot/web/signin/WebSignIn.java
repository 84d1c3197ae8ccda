package dev.wrapup.bot.web.signin;

import com.slack.api.Slack;
import dev.wrapup.bot.config.SignIn;
import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackIdentity;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.WebSessions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** Sign in with Slack, wired into the web server: the filter, the callback and sign-out. */
public final class WebSignIn {
    private WebSignIn() {}

    public static void install(
            WebServer web,
            SignIn settings,
            Database database,
            Slack slack,
            SlackIdentity identity,
            Templates templates,
            MeterRegistry meters,
            Clock clock) {
        WebSessions store = new WebSessions(database);
        Sessions sessions = new Sessions(store, clock, settings.secureCookies());
        // No token of the bot's: the code exchange carries the app's credentials, userInfo the
        // signed-in person's token. Two quick tries: someone is waiting in a browser.
        SlackApi api = new SlackApi(slack.methods(), 2, Duration.ofMillis(200), meters);
        web.filter("/*", new SignInFilter(settings, sessions, store, clock));
        web.route(
                SignIn.CALLBACK_PATH,
                new SignInCallback(settings, sessions, store, api, identity, templates, clock));
        web.route("/signout", new SignOut(sessions, templates));
    }
}
