package dev.wrapup.bot.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The facilitator's opening words for the analysis call: a template shipped with the bot (or the
 * file in WRAPUP_OPENING_WORDS_FILE), with {facilitator} and {title} filled in.
 */
public final class OpeningWords {
    private final String template;

    private OpeningWords(String template) {
        this.template = template;
    }

    public static OpeningWords load(Optional<Path> file) {
        if (file.isPresent()) {
            try {
                return new OpeningWords(Files.readString(file.get(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the opening words in " + file.get(), e);
            }
        }
        try (InputStream in =
                OpeningWords.class.getResourceAsStream("/dev/wrapup/bot/opening-words.md")) {
            return new OpeningWords(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(String facilitator, String title) {
        return template.replace("{facilitator}", facilitator).replace("{title}", title).strip();
    }
}
