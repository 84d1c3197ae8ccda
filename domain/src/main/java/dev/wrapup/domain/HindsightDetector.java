package dev.wrapup.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds hindsight and counterfactual wording ("should have checked", "obviously", "the root cause
 * was @bob"), so the bot can privately ask what made the path look reasonable at the time.
 */
public final class HindsightDetector {
    /**
     * The editable phrase list, one category per section, next to this class on the classpath; its
     * header documents the format.
     */
    public static final String RESOURCE = "hindsight-phrases.txt";

    private final BlamePhrases phrases;

    /**
     * Reads a phrase list in the format of {@value #RESOURCE}: every phrase in a section.
     *
     * @throws IllegalArgumentException naming the line number of the first line it cannot read
     */
    public HindsightDetector(String phrases) {
        this.phrases = BlamePhrases.parse(phrases, "hindsight phrases");
        for (BlamePhrases.Rule rule : this.phrases.rules()) {
            if (rule.section() == null) {
                throw new IllegalArgumentException(
                        "hindsight phrases: every phrase belongs under a [category] section");
            }
        }
    }

    /** The detector for the phrase list shipped with Wrapup, read once. */
    public static HindsightDetector standard() {
        return Standard.INSTANCE;
    }

    // Holder class: the resource is read on first use, once, without locking on every call.
    private static final class Standard {
        static final HindsightDetector INSTANCE = load();

        private static HindsightDetector load() {
            try (InputStream in = HindsightDetector.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "missing resource dev/wrapup/domain/" + RESOURCE);
                }
                return new HindsightDetector(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The first hindsight phrase in the text (Slack mrkdwn or plain), with its category's question.
     */
    public Optional<HindsightNudge> detect(String text) {
        return phrases.first(text)
                .map(
                        found ->
                                new HindsightNudge(
                                        found.rule().section(),
                                        found.phrase(text),
                                        found.rule().suggestion()));
    }
}
