package dev.wrapup.domain;

import java.util.Locale;

/** The answer to "Did the fixes from an earlier incident hold?", asked when trouble comes back. */
public enum FixAnswer {
    HELD("Held", "the fixes held"),
    DID_NOT_HOLD("Did not hold", "the fixes did not hold"),
    NOT_RELATED("Not related", "not related");

    private final String button;
    private final String cameBack;

    FixAnswer(String button, String cameBack) {
        this.button = button;
        this.cameBack = cameBack;
    }

    /** As a button and the new incident's page say it: "Did not hold". */
    public String label() {
        return button;
    }

    /** As the earlier incident's page says it: "the fixes did not hold". */
    public String cameBack() {
        return cameBack;
    }

    /** As it is stored and sent in a button: "held", "did_not_hold", "not_related". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The answer of a code; an unknown code is refused. */
    public static FixAnswer ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
