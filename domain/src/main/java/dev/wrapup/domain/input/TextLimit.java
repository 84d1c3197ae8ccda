package dev.wrapup.domain.input;

import java.util.Locale;
import java.util.Optional;

/**
 * The most characters each kind of text people type may have. Every command and form checks it
 * before anything is stored, and a refusal names the limit. Each fits its column (persistence's
 * migrations) with room for what the bot adds around it on the timeline; the free texts stop at
 * 3,000, the most a Slack form field can hold, so a command and a form take the same. Characters
 * are counted as Java and H2 count them: an emoji outside the basic plane is two.
 */
public enum TextLimit {
    /** incident.title VARCHAR(500): incidents, wrap-ups and maintenance windows alike. */
    TITLE("A title", 500),
    /** incident.description VARCHAR(4000), from the declare form. */
    DESCRIPTION("A description", 3000),
    /** A key moment: timeline_entry.text VARCHAR(40000). */
    NOTE("A note", 3000),
    /** incident.summary VARCHAR(4000). */
    SUMMARY("A resolve summary", 3000),
    /** wrapup_comment.text VARCHAR(40000), by command or by the form. */
    COMMENT("A comment", 3000),
    /** action_item.text VARCHAR(4000); short, so that it stays actionable. */
    ACTION("An action item", 1000),
    /** maintenance_step.text VARCHAR(4000). */
    STEP("A step", 3000),
    /** maintenance_step.failure VARCHAR(4000). */
    FAILURE("The reason a step failed", 3000),
    /** maintenance_impact.text VARCHAR(4000). */
    IMPACT("An impact", 3000);

    private final String what;
    private final int max;

    TextLimit(String what, int max) {
        this.what = what;
        this.max = max;
    }

    /** The most characters this text may have. */
    public int max() {
        return max;
    }

    /** Why the text is refused, in one line naming the limit; empty when it fits. */
    public Optional<String> refusal(String text) {
        if (text == null || text.length() <= max) {
            return Optional.empty();
        }
        return Optional.of(
                what
                        + " can be at most "
                        + count(max)
                        + " characters; this one has "
                        + count(text.length())
                        + ".");
    }

    /** Refuses a command's text that does not fit. */
    public void check(String text) throws InputRefused {
        Optional<String> refusal = refusal(text);
        if (refusal.isPresent()) {
            throw new InputRefused(refusal.get());
        }
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
