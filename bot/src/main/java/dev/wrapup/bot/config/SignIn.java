package dev.wrapup.bot.config;

import java.util.Optional;

/**
 * Sign in with Slack (OpenID Connect), on when the app's client id and secret are set.
 *
 * @param clientId SLACK_CLIENT_ID
 * @param clientSecret SLACK_CLIENT_SECRET
 * @param authorizeUrl WRAPUP_SLACK_AUTHORIZE_URL: where browsers are sent to sign in
 * @param redirectUri WRAPUP_PUBLIC_URL + /signin/callback, as registered with the Slack app
 * @param secureCookies whether the public URL is https, so that cookies are sent over https only
 */
public record SignIn(
        String clientId,
        String clientSecret,
        String authorizeUrl,
        String redirectUri,
        boolean secureCookies) {
    public static final String DEFAULT_AUTHORIZE_URL = "https://slack.com/openid/connect/authorize";
    public static final String CALLBACK_PATH = "/signin/callback";

    /** Both credentials or neither: one alone is a half-done setup, refused rather than guessed. */
    static Optional<SignIn> from(EnvReader r, String publicUrl) {
        Optional<String> clientId = r.optional("SLACK_CLIENT_ID");
        Optional<String> clientSecret = r.optional("SLACK_CLIENT_SECRET");
        if (clientId.isPresent() && clientSecret.isEmpty()) {
            throw r.missing(
                    "SLACK_CLIENT_SECRET",
                    "the client secret from your Slack app's \"Basic Information\" page "
                            + "together with SLACK_CLIENT_ID, for Sign in with Slack (or unset "
                            + "SLACK_CLIENT_ID to leave the web pages off)");
        }
        if (clientId.isEmpty() && clientSecret.isPresent()) {
            throw r.missing(
                    "SLACK_CLIENT_ID",
                    "the client id from your Slack app's \"Basic Information\" page "
                            + "together with SLACK_CLIENT_SECRET, for Sign in with Slack (or unset "
                            + "SLACK_CLIENT_SECRET to leave the web pages off)");
        }
        String authorizeUrl =
                r.optional("WRAPUP_SLACK_AUTHORIZE_URL").orElse(DEFAULT_AUTHORIZE_URL);
        r.url("WRAPUP_SLACK_AUTHORIZE_URL", authorizeUrl);
        if (authorizeUrl.contains("?") || authorizeUrl.contains("#")) {
            throw r.malformed(
                    "WRAPUP_SLACK_AUTHORIZE_URL",
                    "'" + authorizeUrl + "' has a query or fragment; give the address alone");
        }
        return clientId.map(
                id ->
                        new SignIn(
                                id,
                                clientSecret.orElseThrow(),
                                authorizeUrl,
                                publicUrl + CALLBACK_PATH,
                                publicUrl.startsWith("https:")));
    }

    /** Sign-in for a public URL known only once the port is bound (PORT=0). */
    SignIn at(String publicUrl) {
        return new SignIn(
                clientId,
                clientSecret,
                authorizeUrl,
                publicUrl + CALLBACK_PATH,
                publicUrl.startsWith("https:"));
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "SignIn[clientId=" + clientId + ", authorizeUrl=" + authorizeUrl + "]";
    }
}
