package dev.wrapup.bot.config;

/**
 * Configuration that is missing or malformed; the message is written for the person starting the
 * bot.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
