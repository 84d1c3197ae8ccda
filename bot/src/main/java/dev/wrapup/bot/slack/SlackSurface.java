package dev.wrapup.bot.slack;

import com.slack.api.bolt.App;

/**
 * A part of the bot that Slack reaches (a slash command, a form, a button, App Home, events): it
 * registers its own handlers, under ids it declares next to them.
 */
public interface SlackSurface {
    void register(App app);
}
