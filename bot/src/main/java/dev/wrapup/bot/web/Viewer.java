package dev.wrapup.bot.web;

/** Who is signed in to the web pages: a member of the bot's workspace. */
public record Viewer(String userId, String teamId, String name) {
    /** The request attribute the sign-in filter sets for the pages behind it. */
    public static final String ATTRIBUTE = "dev.wrapup.viewer";
}
