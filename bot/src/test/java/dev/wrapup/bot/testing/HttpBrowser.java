package dev.wrapup.bot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.bot.slack.shapes.FormBody;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser as far as sign-in is concerned: keeps cookies, and follows no redirect by itself, so
 * that a test checks every step.
 */
public final class HttpBrowser {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http =
            HttpClient.newBuilder()
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** A GET carrying a cookie this browser was never given, as a copied cookie would be. */
    public HttpResponse<String> getWithCookie(String url, String cookie) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build());
    }

    public HttpResponse<String> post(String url) {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** Follows the response's redirect, which it must be. */
    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        assertEquals(302, redirect.statusCode(), redirect.uri() + ": " + redirect.body());
        return get(location(redirect).toString());
    }

    /** Where the redirect points, resolved against the request's address. */
    public static URI location(HttpResponse<String> redirect) {
        return redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow());
    }

    /** The decoded query parameters of an address. */
    public static Map<String, String> query(URI uri) {
        return uri.getRawQuery() == null
                ? new LinkedHashMap<>()
                : FormBody.parse(uri.getRawQuery());
    }

    /** The Set-Cookie header for the named cookie, as the server sent it. */
    public static String setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no Set-Cookie for "
                                                + name
                                                + " in "
                                                + response.headers().map()));
    }

    /** The value of a cookie this browser holds for the address, if any. */
    public String cookie(String url, String name) {
        return cookies.getCookieStore().get(URI.create(url)).stream()
                .filter(c -> c.getName().equals(name))
                .map(c -> c.getValue())
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
