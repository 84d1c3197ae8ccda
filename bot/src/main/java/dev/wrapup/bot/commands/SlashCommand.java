package dev.wrapup.bot.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.wrapup.bot.slack.SlackSurface;
import dev.wrapup.domain.input.InputRefused;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slash command: routes its first word to a subcommand; `help`, no text, unknown words and
 * handler failures all get an answer with the usage, never silence.
 */
public final class SlashCommand implements SlashCommandHandler, SlackSurface {
    private static final Logger log = LoggerFactory.getLogger(SlashCommand.class);

    /** One subcommand of a slash command. */
    @FunctionalInterface
    public interface Subcommand {
        /** Handles the text after the subcommand word; returns the caller's (ephemeral) answer. */
        String handle(SlashCommandPayload payload, String args, SlashCommandContext ctx)
                throws Exception;
    }

    /** A subcommand's arguments are not what it takes; the message says why, the usage follows. */
    public static class BadArguments extends Exception {
        public BadArguments(String message) {
            super(message);
        }
    }

    private final String name;
    private final String usage;
    private final Map<String, Subcommand> subcommands = new LinkedHashMap<>();

    public SlashCommand(String name, String usage) {
        this.name = name;
        this.usage = usage;
    }

    public String name() {
        return name;
    }

    @Override
    public void register(App app) {
        app.command(name, this);
    }

    public SlashCommand on(String word, Subcommand subcommand) {
        subcommands.put(word, subcommand);
        return this;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload payload = req.getPayload();
        String text = payload.getText() == null ? "" : payload.getText().strip();
        if (text.isEmpty()) {
            return ctx.ack(usage);
        }
        String[] parts = text.split("\\s+", 2);
        String word = parts[0].toLowerCase(Locale.ROOT);
        String args = parts.length > 1 ? parts[1].strip() : "";
        if (word.equals("help")) {
            return ctx.ack(usage);
        }
        Subcommand subcommand = subcommands.get(word);
        if (subcommand == null) {
            return ctx.ack("`" + name + " " + parts[0] + "` is not a command I know.\n\n" + usage);
        }
        try {
            return ctx.ack(subcommand.handle(payload, args, ctx));
        } catch (InputRefused e) {
            return ctx.ack(e.getMessage());
        } catch (BadArguments e) {
            return ctx.ack(e.getMessage() + "\n\n" + usage);
        } catch (Exception e) {
            log.error("{} {} failed", name, word, e);
            return ctx.ack(
                    "Sorry, `"
                            + name
                            + " "
                            + word
                            + "` failed on my side and changed nothing. "
                            + "Please try again; if it keeps failing, the bot's log says why.");
        }
    }
}
