package dev.wrapup.bot.web.pages;

import dev.wrapup.domain.FixCheck;
import dev.wrapup.domain.Incident;
import java.util.function.Function;

/**
 * One line of "Did the fixes hold?" on an incident's page: the words before the other incident's
 * link, its title and address, and the words after.
 */
public record FixLine(String before, String title, String href, String after) {

    /** On the later incident's page: "Did the fixes from <earlier> hold? — Did not hold (…)". */
    static FixLine asked(FixCheck check, Incident earlier, Function<String, String> names) {
        return new FixLine(
                "Did the fixes from",
                earlier.title(),
                "/incidents/" + earlier.id(),
                " hold? — "
                        + (check.answered()
                                ? check.answer().label()
                                        + " (answered by "
                                        + names.apply(check.answeredBy())
                                        + ")"
                                : "asked, not answered yet"));
    }

    /** On the earlier incident's page: "Came back: <later> — the fixes did not hold". */
    static FixLine cameBack(FixCheck check, Incident later) {
        return new FixLine(
                "Came back:",
                later.title(),
                "/incidents/" + later.id(),
                " — "
                        + (check.answered()
                                ? check.answer().cameBack()
                                : "asked whether the fixes held, not answered yet"));
    }
}
