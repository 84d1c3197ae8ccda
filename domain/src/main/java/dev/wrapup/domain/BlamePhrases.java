package dev.wrapup.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blame phrase list (the format of {@value BlameDetector#RESOURCE}) read into patterns: each
 * phrase a regex of whole words with its suggestion, and the exemptions.
 */
record BlamePhrases(List<BlamePhrases.Rule> rules, List<Pattern> exemptions) {
    // Letters joined by these characters are one word, so "blame" does not match "git-blame",
    // "blame.sh", "blame/main" or "blame_test", and "fault" does not match "fault-tolerant".
    private static final String JOINER = "[-_.'’/]";
    private static final String LETTER = "[\\p{L}\\p{N}]";
    private static final String WORD_START = "(?<!" + LETTER + ")(?<!" + LETTER + JOINER + ")";
    private static final String WORD_END = "(?!" + LETTER + ")(?!" + JOINER + LETTER + ")";

    private static final String MENTION = "<(?:@|!subteam\\^)[A-Z0-9]+(?:\\|[^>]*)?>";
    private static final String ANY_WORD = LETTER + "+(?:" + JOINER + LETTER + "+)*";
    private static final String SOMEONE = "(?:" + MENTION + "|" + ANY_WORD + ")";

    private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N}'’.-]+");
    private static final Pattern WORD_PART = Pattern.compile("\\{([^{}]*)\\}|[^{}]+");

    /**
     * A phrase and its suggestion. keys: the words of the phrase's most telling required part (one
     * of them must be in any text the phrase matches), or null when it has none.
     */
    record Rule(Pattern pattern, String suggestion, List<String> keys) {
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

    /**
     * Reads the list.
     *
     * @throws IllegalArgumentException naming the line number of the first line it cannot read
     */
    static BlamePhrases parse(String phrases) {
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
        return new BlamePhrases(List.copyOf(rules), List.copyOf(exemptions));
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
