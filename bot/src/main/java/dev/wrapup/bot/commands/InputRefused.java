package dev.wrapup.bot.commands;

import dev.wrapup.bot.commands.SlashCommand.BadArguments;

/**
 * Input a command cannot take for a reason its message says in one line (a date that does
 * not exist, a text over its limit): the answer is that line alone, without the usage.
 */
public final class InputRefused extends BadArguments {
    public InputRefused(String reason) {
        super(reason);
    }
}
