package dev.wrapup.bot.web.signin;

import dev.wrapup.bot.web.Templates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * /signout: GET shows who is signed in and a button; POST ends the session. Signing out by a plain
 * link would let any page a viewer opens sign them out; the session cookie is SameSite=Lax, so
 * another site's form does not carry it to the POST either.
 */
final class SignOut extends HttpServlet {
    private final Sessions sessions;
    private final Templates templates;

    SignOut(Sessions sessions, Templates templates) {
        this.sessions = sessions;
        this.templates = templates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", sessions.viewer(req).orElse(null));
        templates.send(resp, HttpServletResponse.SC_OK, "signout.jte", params);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        sessions.end(req, resp);
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", null);
        templates.send(resp, HttpServletResponse.SC_OK, "signout.jte", params);
    }
}
