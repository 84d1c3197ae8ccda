package dev.wrapup.bot.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The web pages' templates (src/main/jte), compiled with the bot: HTML-escaped by default, so a
 * value reaches the page as text unless a template says otherwise.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }

    /** Sends the page, never cached: what a viewer may see changes with channel membership. */
    public void send(
            HttpServletResponse resp, int status, String template, Map<String, Object> params)
            throws IOException {
        String html = render(template, params);
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/html; charset=utf-8");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(html);
    }

    /**
     * The one answer for an incident the viewer may not see and for one that does not exist, so
     * that the answer tells nothing about which it is.
     */
    public void forbidden(HttpServletResponse resp) throws IOException {
        send(resp, HttpServletResponse.SC_FORBIDDEN, "forbidden.jte", Map.of());
    }
}
