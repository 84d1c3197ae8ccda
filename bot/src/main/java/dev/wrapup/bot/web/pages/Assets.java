package dev.wrapup.bot.web.pages;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * /assets/*: the pages' stylesheet and their one script, read from the jar once. Only these names
 * are served, so no path reaches anything else on the classpath.
 */
final class Assets extends HttpServlet {
    private static final Map<String, String> TYPES =
            Map.of(
                    "pages.css", "text/css; charset=utf-8",
                    "local-time.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    Assets() {
        this.files =
                Map.of(
                        "pages.css", read("pages.css"),
                        "local-time.js", read("local-time.js"));
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        byte[] body = files.get(name);
        if (body == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Never personal, and changed only with a new version of the bot.
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.setContentType(TYPES.get(name));
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
