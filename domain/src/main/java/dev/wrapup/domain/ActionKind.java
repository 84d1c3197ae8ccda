package dev.wrapup.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an action item changes. Fixes, guardrails and detection change the system; process and
 * training change what people do, and a review whose items are all of those two is a warning sign.
 */
public enum ActionKind {
    FIX("Fix"),
    GUARDRAIL("Guardrail"),
    DETECTION("Detection"),
    PROCESS("Process"),
    TRAINING("Training");

    private final String label;

    ActionKind(String label) {
        this.label = label;
    }

    /** How people write it, and how it is stored: "fix", "guardrail". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a page or form shows it: "Fix", "Guardrail". */
    public String label() {
        return label;
    }

    /** Whether it asks people to do better rather than changing the system. */
    public boolean soft() {
        return this == PROCESS || this == TRAINING;
    }

    /** Reads "guardrail", "Guardrail" or " GUARDRAIL "; empty for anything else. */
    public static Optional<ActionKind> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.word().equals(w)).findFirst();
    }

    /**
     * The five words as a sentence lists them: "fix, guardrail, detection, process or training".
     */
    public static String words() {
        String all =
                Arrays.stream(values()).map(ActionKind::word).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /**
     * How many of each kind, in this enum's order, the kinds there are none of left out: "3 fix, 1
     * guardrail, 1 training"; empty for no kinds at all.
     */
    public static String mix(Collection<ActionKind> kinds) {
        Map<ActionKind, Long> counts = new EnumMap<>(ActionKind.class);
        kinds.forEach(k -> counts.merge(k, 1L, Long::sum));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().word())
                .collect(Collectors.joining(", "));
    }
}
