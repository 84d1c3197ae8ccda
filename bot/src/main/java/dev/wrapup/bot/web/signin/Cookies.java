package dev.wrapup.bot.web.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The sign-in cookies: HttpOnly (no script reads them), SameSite=Lax (another site's form or image
 * does not carry them, a link followed to a page does), Secure when the public URL is https. The
 * Set-Cookie header is written out here rather than through the servlet Cookie class, so that every
 * attribute is visible in one line.
 */
final class Cookies {
    /** The signed-in browser's session token. */
    static final String SESSION = "wrapup_session";

    /** A random value binding a sign-in under way to the browser that started it. */
    static final String BROWSER = "wrapup_signin";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Cookies() {}

    /** 256 random bits, URL- and cookie-safe. */
    static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Optional<String> read(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            // Only values this class could have made: anything else is not looked up at all.
            if (cookie.getName().equals(name)
                    && cookie.getValue() != null
                    && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    static void set(
            HttpServletResponse resp, String name, String value, Duration maxAge, boolean secure) {
        resp.addHeader(
                "Set-Cookie",
                name
                        + "="
                        + value
                        + "; Path=/; Max-Age="
                        + maxAge.toSeconds()
                        + "; HttpOnly; SameSite=Lax"
                        + (secure ? "; Secure" : ""));
    }

    static void clear(HttpServletResponse resp, String name, boolean secure) {
        set(resp, name, "", Duration.ZERO, secure);
    }
}
