package dev.wrapup.domain;

import dev.wrapup.domain.BlamePhrases.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    // What a reader does not see as the author's own words: code, link targets, emoji names.
    // Slack marks links, channels and specials as <...>; only user and group mentions stay visible.
    private static final List<Pattern> HIDDEN =
            List.of(
                    Pattern.compile("```.*?```", Pattern.DOTALL),
                    Pattern.compile("`[^`]+`"),
                    Pattern.compile("<(?!@|!subteam\\^)[^>]*>"),
                    Pattern.compile("(?:https?://|www\\.)[^\\s<>`]+", Pattern.CASE_INSENSITIVE),
                    Pattern.compile(":[a-z0-9_+'-]+:", Pattern.CASE_INSENSITIVE));
    // Neither a letter nor whitespace, so a hidden span can neither match nor join two words.
    private static final char HIDDEN_CHAR = '\uFFFC';

    private final List<Rule> rules;
    private final List<Pattern> exemptions;

    /**
     * Reads a phrase list in the format of {@value #RESOURCE}.
     *
     * @throws IllegalArgumentException naming the line number of the first line it cannot read
     */
    public BlameDetector(String phrases) {
        BlamePhrases parsed = BlamePhrases.parse(phrases);
        this.rules = parsed.rules();
        this.exemptions = parsed.exemptions();
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
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<Rule> candidates = rules.stream().filter(r -> r.mayMatch(lower)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String visible = hide(text);
        List<int[]> exempt = new ArrayList<>();
        for (Pattern exemption : exemptions) {
            Matcher m = exemption.matcher(visible);
            while (m.find()) {
                exempt.add(new int[] {m.start(), m.end()});
            }
        }
        int bestStart = Integer.MAX_VALUE;
        int bestEnd = -1;
        String bestSuggestion = null;
        for (Rule rule : candidates) {
            Matcher m = rule.pattern().matcher(visible);
            int from = 0;
            // Retry one character on rather than after the match: an exempt match may hide a real
            // one inside it.
            while (from <= visible.length() && m.find(from)) {
                if (!overlapsAny(exempt, m.start(), m.end())) {
                    // The earliest phrase in the text wins; on a tie, the earlier line in the file.
                    if (m.start() < bestStart) {
                        bestStart = m.start();
                        bestEnd = m.end();
                        bestSuggestion = rule.suggestion();
                    }
                    break;
                }
                from = m.start() + 1;
            }
        }
        if (bestSuggestion == null) {
            return Optional.empty();
        }
        // The hidden text kept every offset, so the phrase is cut from what the author wrote.
        return Optional.of(new BlameNudge(text.substring(bestStart, bestEnd), bestSuggestion));
    }

    private static String hide(String text) {
        char[] chars = text.toCharArray();
        for (Pattern hidden : HIDDEN) {
            Matcher m = hidden.matcher(new String(chars));
            while (m.find()) {
                for (int i = m.start(); i < m.end(); i++) {
                    chars[i] = HIDDEN_CHAR;
                }
            }
        }
        return new String(chars);
    }

    private static boolean overlapsAny(List<int[]> spans, int start, int end) {
        for (int[] span : spans) {
            if (start < span[1] && span[0] < end) {
                return true;
            }
        }
        return false;
    }
}
