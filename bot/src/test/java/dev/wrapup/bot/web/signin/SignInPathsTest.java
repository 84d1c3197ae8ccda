package dev.wrapup.bot.web.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which paths need a sign-in, and where a finished sign-in may send the browser. */
class SignInPathsTest {
    @Test
    void thePagesNeedASignInSlackAndTheHealthCheckDoNot() {
        for (String path :
                List.of(
                        "/",
                        "/incidents",
                        "/incidents/7",
                        "/incidents/7/report.md",
                        "/insights",
                        "/insights.csv")) {
            assertTrue(SignInFilter.protects(path), path);
        }
        for (String path :
                List.of("/slack/events", "/healthz", "/signin/callback", "/signout", "//x")) {
            assertFalse(SignInFilter.protects(path), path);
        }
    }

    @Test
    void aSignInReturnsOnlyToAPathOnThisSite() {
        assertEquals("/incidents/7?only=key", SignInCallback.local("/incidents/7?only=key"));
        for (String elsewhere :
                List.of("https://evil.example/", "//evil.example/", "/\\evil.example", "evil")) {
            assertEquals("/", SignInCallback.local(elsewhere), elsewhere);
        }
    }
}
