package dev.wrapup.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds language in a message that blames a person, so the bot can nudge toward describing the
 * system.
 */
public final class BlameDetector {
    /**
     * The editable phrase list, next to this class on the classpath; its header documents the
     * format.
     */
    public static final String RESOURCE = "blame-phrases.txt";

    private final BlamePhrases phrases;

    /**
     * Reads a phrase list in the format of {@value #RESOURCE}.
     *
     * @throws IllegalArgumentException naming the line number of the first line it cannot read
     */
    public BlameDetector(String phrases) {
        this.phrases = BlamePhrases.parse(phrases);
    }

    /** The detector for the phrase list shipped with Wrapup, read once. */
    public static BlameDetector standard() {
        return Standard.INSTANCE;
    }

    // Holder class: the resource is read on first use, once, without locking on every call.
    private static final class Standard {
        static final BlameDetector INSTANCE = load();

        private static BlameDetector load() {
            try (InputStream in = BlameDetector.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "missing resource dev/wrapup/domain/" + RESOURCE);
                }
                return new BlameDetector(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The first blaming phrase in the text (Slack mrkdwn or plain), with the suggestion for its
     * group.
     */
    public Optional<BlameNudge> detect(String text) {
        return phrases.first(text)
                .map(found -> new BlameNudge(found.phrase(text), found.rule().suggestion()));
    }
}
