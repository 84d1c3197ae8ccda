package dev.wrapup.bot.slack;

/**
 * Slack could not be reached or did not answer as Slack at start; the message says what to check.
 */
public final class SlackUnavailableException extends Exception {
    public SlackUnavailableException(String message) {
        super(message);
    }
}
