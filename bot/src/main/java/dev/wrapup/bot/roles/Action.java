package dev.wrapup.bot.roles;

import java.util.Locale;

/** Something a person asks to do to an incident, and the least role it takes. */
public enum Action {
    RESPOND(
            "change the status, severity or notes of this incident, or resolve it",
            Role.PARTICIPANT),
    ADD_ACTION("add action items", Role.PARTICIPANT),
    RECORD_IMPACT("record production impact", Role.PARTICIPANT),
    CLOSE_ACTION("close {item}", Role.ITEM_PEOPLE),
    MARK_STEP("mark {item}", Role.ITEM_PEOPLE),
    SET_FACILITATOR("choose the facilitator", Role.LEAD),
    PUBLISH("publish this wrap-up", Role.LEAD),
    MOVE_CALL("move the analysis call", Role.LEAD),
    REMINDERS("start or stop the reminders", Role.LEAD),
    ANSWER_FIX_CHECK("answer whether the fixes held", Role.LEAD),
    CHANGE_PLAN(
            "change this maintenance window's plan, its steps, its begin or its end", Role.LEAD),
    HAND_OVER_COMMAND("hand over command", Role.COMMANDER);

    /** Who may, from the narrowest: admins may always, and each role includes those above it. */
    enum Role {
        /** The commander (and admins). */
        COMMANDER,
        /** The facilitator or the commander. */
        LEAD,
        /**
         * The people an item belongs to (an action item's owner and creator, a step's owner), or a
         * lead.
         */
        ITEM_PEOPLE,
        /** Anyone taking part: posted in the channel, joined it, was invited, or a lead. */
        PARTICIPANT
    }

    private final String what;
    private final Role least;

    Action(String what, Role least) {
        this.what = what;
        this.least = least;
    }

    /** In the words of a refusal: "… can {what}."; {item} names the item it is about. */
    public String what(String item) {
        return what.replace("{item}", item == null ? "it" : item);
    }

    Role least() {
        return least;
    }

    /** As the audit log names it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
