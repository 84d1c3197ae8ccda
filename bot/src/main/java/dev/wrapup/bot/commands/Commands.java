package dev.wrapup.bot.commands;

import com.slack.api.bolt.App;

/** Registers the slash commands. */
public final class Commands {
    private Commands() {
    }

    public static void register(App app, IncidentCommands incidents) {
        for (SlashCommand command : new SlashCommand[] {
                incidents.command(),
                new SlashCommand("/wrapup", Usage.WRAPUP),
                new SlashCommand("/maintenance", Usage.MAINTENANCE)}) {
            app.command(command.name(), command);
        }
    }
}
