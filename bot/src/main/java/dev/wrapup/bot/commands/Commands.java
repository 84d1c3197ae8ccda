package dev.wrapup.bot.commands;

import com.slack.api.bolt.App;

/** Registers the slash commands. */
public final class Commands {
    private Commands() {}

    public static void register(App app, SlashCommand... commands) {
        for (SlashCommand command : commands) {
            app.command(command.name(), command);
        }
    }
}
