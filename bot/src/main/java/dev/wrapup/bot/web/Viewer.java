package dev.wrapup.bot.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Who is signed in to the web pages: a member of the bot's workspace. */
public record Viewer(String userId, String teamId, String name) {
    /** The request attribute the sign-in filter sets for the pages behind it. */
    public static final String ATTRIBUTE = "dev.wrapup.viewer";

    /** Who the sign-in filter found signed in for this request, if anyone. */
    public static Optional<Viewer> of(HttpServletRequest req) {
        return req.getAttribute(ATTRIBUTE) instanceof Viewer v ? Optional.of(v) : Optional.empty();
    }
}
