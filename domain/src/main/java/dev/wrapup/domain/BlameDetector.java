package dev.wrapup.domain;

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

    // Letters joined by these characters are one word, so "blame" does not match "git-blame",
    // "blame.sh", "blame/main" or "blame_test", and "fault" does not match "fault-tolerant".
    private static final String JOINER = "[-_.'’/]";
    private static final String LETTER = "[\\p{L}\\p{N}]";
    private static final String WORD_START = "(?<!" + LETTER + ")(?<!" + LETTER + JOINER + ")";
    private static final String WORD_END = "(?!" + LETTER + ")(?!" + JOINER + LETTER + ")";

    private static final String MENTION = "<(?:@|!subteam\\^)[A-Z0-9]+(?:\\|[^>]*)?>";
    private static final String ANY_WORD = LETTER + "+(?:" + JOINER + LETTER + "+)*";
    private static final String SOMEONE = "(?:" + MENTION + "|" + ANY_WORD + ")";

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

    private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N}'’.-]+");
    private static final Pattern WORD_PART = Pattern.compile("\\{([^{}]*)\\}|[^{}]+");

    /**
     * A phrase and its suggestion. keys: the words of the phrase's most telling required part (one
     * of them must be in any text the phrase matches), or null when it has none.
     */
    private record Rule(Pattern pattern, String suggestion, List<String> keys) {
        boolean mayMatch(String lowerCaseText) {
            return keys == null || keys.stream().anyMatch(lowerCaseText::contains);
        }
    }

    /**
     * Of the phrase's required literal parts, the one whose shortest alternative is longest
     * ("fault" rather than "his/her"): a quick look for its words rules out most messages before
     * any pattern runs, and nearly every message in a busy channel is one.
     */
    static List<String> keys(String phrase) {
        List<String> best = null;
        int bestStrength = 0;
        for (String part : phrase.strip().split("\\s+")) {
            if (part.startsWith("[") || part.contains("{")) {
                continue; // optional, or any word
            }
            List<String> words = new ArrayList<>();
            int strength = Integer.MAX_VALUE;
            for (String alternative : part.split("/")) {
                String longest = "";
                for (String run : alternative.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                    if (run.length() > longest.length()) {
                        longest = run;
                    }
                }
                if (longest.isEmpty()) {
                    words = null;
                    break;
                }
                words.add(longest);
                strength = Math.min(strength, longest.length());
            }
            if (words != null && strength > bestStrength) {
                best = List.copyOf(words);
                bestStrength = strength;
            }
        }
        return best;
    }

    private final List<Rule> rules;
    private final List<Pattern> exemptions;

    /**
     * Reads a phrase list in the format of {@value #RESOURCE}.
     *
     * @throws IllegalArgumentException naming the line number of the first line it cannot read
     */
    public BlameDetector(String phrases) {
        List<Rule> rules = new ArrayList<>();
        List<Pattern> exemptions = new ArrayList<>();
        String[] lines = phrases.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!")) {
                if (line.contains("|")) {
                    throw bad(lineNumber, "an exemption ('!') takes no suggestion");
                }
                exemptions.add(compile(line.substring(1), lineNumber));
                continue;
            }
            int bar = line.indexOf('|');
            if (bar < 0) {
                throw bad(lineNumber, "expected 'pattern | suggestion' or '! pattern'");
            }
            if (line.indexOf('|', bar + 1) >= 0) {
                throw bad(lineNumber, "more than one '|'");
            }
            String suggestion = line.substring(bar + 1).strip();
            if (suggestion.isEmpty()) {
                throw bad(lineNumber, "the suggestion after '|' is empty");
            }
            rules.add(
                    new Rule(
                            compile(line.substring(0, bar), lineNumber),
                            suggestion,
                            keys(line.substring(0, bar))));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("blame phrases: no 'pattern | suggestion' lines");
        }
        this.rules = List.copyOf(rules);
        this.exemptions = List.copyOf(exemptions);
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

    /**
     * Turns "a/b [c] {someone}'s d" into one regex matching whole words, any whitespace between
     * them.
     */
    private static Pattern compile(String pattern, int lineNumber) {
        String[] slots = pattern.strip().split("\\s+");
        if (slots.length == 1 && slots[0].isEmpty()) {
            throw bad(lineNumber, "the pattern is empty");
        }
        StringBuilder regex = new StringBuilder(WORD_START);
        boolean required = false;
        boolean afterWord = false;
        for (String slot : slots) {
            boolean optional = slot.startsWith("[");
            String words = slot;
            if (optional) {
                if (!slot.endsWith("]") || slot.length() < 3) {
                    throw bad(lineNumber, "'" + slot + "' opens '[' without closing it");
                }
                words = slot.substring(1, slot.length() - 1);
            }
            if (words.contains("[") || words.contains("]")) {
                throw bad(
                        lineNumber,
                        "'" + slot + "': brackets go around a whole word, as in [really]");
            }
            StringBuilder alternatives = new StringBuilder("(?:");
            String[] alts = words.split("/", -1);
            for (int i = 0; i < alts.length; i++) {
                if (alts[i].isEmpty()) {
                    throw bad(lineNumber, "'" + slot + "' has an empty alternative around '/'");
                }
                alternatives.append(i == 0 ? "" : "|").append(word(alts[i], lineNumber));
            }
            alternatives.append(')');
            if (optional) {
                // An optional word carries its own separator, on whichever side has a word.
                regex.append(
                        afterWord
                                ? "(?:\\s+" + alternatives + ")?"
                                : "(?:" + alternatives + "\\s+)?");
            } else {
                regex.append(afterWord ? "\\s+" : "").append(alternatives);
                afterWord = true;
                required = true;
            }
        }
        if (!required) {
            throw bad(
                    lineNumber,
                    "every word is optional; a pattern needs at least one required word");
        }
        regex.append(WORD_END);
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String word(String word, int lineNumber) {
        StringBuilder regex = new StringBuilder();
        Matcher m = WORD_PART.matcher(word);
        int covered = 0;
        while (m.find()) {
            if (m.start() != covered) {
                break;
            }
            covered = m.end();
            if (m.group(1) != null) {
                switch (m.group(1)) {
                    case "someone" -> regex.append(SOMEONE);
                    case "mention" -> regex.append(MENTION);
                    default ->
                            throw bad(
                                    lineNumber,
                                    "unknown placeholder {"
                                            + m.group(1)
                                            + "}; known: {someone}, {mention}");
                }
            } else {
                String literal = m.group();
                if (!LITERAL.matcher(literal).matches()) {
                    throw bad(
                            lineNumber,
                            "'"
                                    + word
                                    + "': a word may hold letters, digits, ' . - and placeholders");
                }
                for (String piece : literal.split("(?<=['’])|(?=['’])")) {
                    // Typed apostrophes come straight or curly depending on the keyboard.
                    regex.append(
                            piece.equals("'") || piece.equals("’") ? "['’]" : Pattern.quote(piece));
                }
            }
        }
        if (covered != word.length()) {
            throw bad(lineNumber, "'" + word + "' has an unmatched '{' or '}'");
        }
        return regex.toString();
    }

    private static IllegalArgumentException bad(int lineNumber, String problem) {
        return new IllegalArgumentException("blame phrases, line " + lineNumber + ": " + problem);
    }
}
