package dev.wrapup.domain;

import java.util.Locale;

/** Where an action item stands: open until it is done or decided against. */
public enum ActionState {
    OPEN("open"),
    DONE("done"),
    /** Decided against, with a reason. */
    WONT_DO("won't do");

    private final String label;

    ActionState(String label) {
        this.label = label;
    }

    /** As people read it: "open", "done", "won't do". */
    public String label() {
        return label;
    }

    /** As it is stored and exported: "open", "done", "wont_do". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionState ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Done or won't do: no reminders, not overdue. */
    public boolean closed() {
        return this != OPEN;
    }
}
