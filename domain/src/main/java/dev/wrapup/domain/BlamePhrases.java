package dev.wrapup.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phrase list in the format of {@value BlameDetector#RESOURCE} (the blame phrases, and the
 * hindsight phrases in sections) read into patterns: each phrase a regex of whole words with its
 * suggestion, and the exemptions; and the first phrase a message holds.
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

    // "[hindsight]" alone on a line: a pattern of one optional word is never valid, so it is free.
    private static final Pattern SECTION =
            Pattern.compile("\\[([^\\[\\]/{}|]*[\\p{L}][^\\[\\]/{}|]*)\\]");
    private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N}'’.-]+");
    private static final Pattern WORD_PART = Pattern.compile("\\{([^{}]*)\\}|[^{}]+");

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

    /**
     * A phrase and its suggestion. section: the name of the "[section]" it sits in, or null. keys:
     * the words of the phrase's most telling required part (one of them must be in any text the
     * phrase matches), or null when it has none.
     */
    record Rule(Pattern pattern, String suggestion, String section, List<String> keys) {
        boolean mayMatch(String lowerCaseText) {
            return keys == null || keys.stream().anyMatch(lowerCaseText::contains);
        }
    }

    /** Where a phrase matched, in the text as written, and the rule it matched. */
    record Found(int start, int end, Rule rule) {
        String phrase(String text) {
            return text.substring(start, end);
        }
    }

    /**
     * The earliest phrase in the text (Slack mrkdwn or plain) outside every exemption; on a tie,
     * the earlier line in the file.
     */
    Optional<Found> first(String text) {
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
        Found best = null;
        for (Rule rule : candidates) {
            Matcher m = rule.pattern().matcher(visible);
            int from = 0;
            // Retry one character on rather than after the match: an exempt match may hide a real
            // one inside it.
            while (from <= visible.length() && m.find(from)) {
                if (!overlapsAny(exempt, m.start(), m.end())) {
                    if (best == null || m.start() < best.start()) {
                        best = new Found(m.start(), m.end(), rule);
                    }
                    break;
                }
                from = m.start() + 1;
            }
        }
        // The hidden text kept every offset, so the phrase is cut from what the author wrote.
        return Optional.ofNullable(best);
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
        return parse(phrases, "blame phrases");
    }

    /**
     * Reads the list; label names it in errors ("hindsight phrases, line 3: ...").
     *
     * @throws IllegalArgumentException naming the line number of the first line it cannot read
     */
    static BlamePhrases parse(String phrases, String label) {
        List<Rule> rules = new ArrayList<>();
        List<Pattern> exemptions = new ArrayList<>();
        Set<String> sections = new HashSet<>();
        String section = null;
        String question = null;
        String[] lines = phrases.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                section = header.group(1).strip();
                question = null;
                if (!sections.add(section)) {
                    throw bad(label, lineNumber, "section [" + section + "] appears twice");
                }
                continue;
            }
            if (line.startsWith("?")) {
                if (section == null) {
                    throw bad(label, lineNumber, "a question ('?') belongs under a [section]");
                }
                if (question != null) {
                    throw bad(label, lineNumber, "[" + section + "] already has its question");
                }
                question = line.substring(1).strip();
                if (question.isEmpty()) {
                    throw bad(label, lineNumber, "the question after '?' is empty");
                }
                continue;
            }
            if (line.startsWith("!")) {
                if (line.contains("|")) {
                    throw bad(label, lineNumber, "an exemption ('!') takes no suggestion");
                }
                exemptions.add(compile(line.substring(1), label, lineNumber));
                continue;
            }
            int bar = line.indexOf('|');
            if (bar < 0) {
                if (question == null) {
                    throw bad(
                            label,
                            lineNumber,
                            "expected 'pattern | suggestion' or '! pattern'"
                                    + (section == null
                                            ? ""
                                            : " ([" + section + "] has no '?' question)"));
                }
                rules.add(
                        new Rule(compile(line, label, lineNumber), question, section, keys(line)));
                continue;
            }
            if (line.indexOf('|', bar + 1) >= 0) {
                throw bad(label, lineNumber, "more than one '|'");
            }
            String suggestion = line.substring(bar + 1).strip();
            if (suggestion.isEmpty()) {
                throw bad(label, lineNumber, "the suggestion after '|' is empty");
            }
            rules.add(
                    new Rule(
                            compile(line.substring(0, bar), label, lineNumber),
                            suggestion,
                            section,
                            keys(line.substring(0, bar))));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(label + ": no 'pattern | suggestion' lines");
        }
        return new BlamePhrases(List.copyOf(rules), List.copyOf(exemptions));
    }

    /**
     * Turns "a/b [c] {someone}'s d" into one regex matching whole words, any whitespace between
     * them.
     */
    private static Pattern compile(String pattern, String label, int lineNumber) {
        String[] slots = pattern.strip().split("\\s+");
        if (slots.length == 1 && slots[0].isEmpty()) {
            throw bad(label, lineNumber, "the pattern is empty");
        }
        StringBuilder regex = new StringBuilder(WORD_START);
        boolean required = false;
        boolean afterWord = false;
        for (String slot : slots) {
            boolean optional = slot.startsWith("[");
            String words = slot;
            if (optional) {
                if (!slot.endsWith("]") || slot.length() < 3) {
                    throw bad(label, lineNumber, "'" + slot + "' opens '[' without closing it");
                }
                words = slot.substring(1, slot.length() - 1);
            }
            if (words.contains("[") || words.contains("]")) {
                throw bad(
                        label,
                        lineNumber,
                        "'" + slot + "': brackets go around a whole word, as in [really]");
            }
            StringBuilder alternatives = new StringBuilder("(?:");
            String[] alts = words.split("/", -1);
            for (int i = 0; i < alts.length; i++) {
                if (alts[i].isEmpty()) {
                    throw bad(
                            label,
                            lineNumber,
                            "'" + slot + "' has an empty alternative around '/'");
                }
                alternatives.append(i == 0 ? "" : "|").append(word(alts[i], label, lineNumber));
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
                    label,
                    lineNumber,
                    "every word is optional; a pattern needs at least one required word");
        }
        regex.append(WORD_END);
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String word(String word, String label, int lineNumber) {
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
                                    label,
                                    lineNumber,
                                    "unknown placeholder {"
                                            + m.group(1)
                                            + "}; known: {someone}, {mention}");
                }
            } else {
                String literal = m.group();
                if (!LITERAL.matcher(literal).matches()) {
                    throw bad(
                            label,
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
            throw bad(label, lineNumber, "'" + word + "' has an unmatched '{' or '}'");
        }
        return regex.toString();
    }

    private static IllegalArgumentException bad(String label, int lineNumber, String problem) {
        return new IllegalArgumentException(label + ", line " + lineNumber + ": " + problem);
    }
}
