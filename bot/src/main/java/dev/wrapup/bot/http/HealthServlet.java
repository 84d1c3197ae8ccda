package dev.wrapup.bot.http;

import dev.wrapup.persistence.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET /healthz: 200 when the database takes a write, 503 when it does not (down, full, read-only).
 */
final class HealthServlet extends HttpServlet {
    private final Database database;

    HealthServlet(Database database) {
        this.database = database;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean up = database.acceptsWrites();
        resp.setStatus(up ? 200 : 503);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter()
                .write(
                        up
                                ? "{\"status\":\"ok\",\"database\":\"up\"}"
                                : "{\"status\":\"unavailable\",\"database\":\"down\"}");
    }
}
