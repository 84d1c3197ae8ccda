package dev.wrapup.domain.text;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's markup made fit to leave its channel: user mentions read as names that do not ping,
 * channels as their names, links show their real target (a label can never pose as another
 * address), and broadcasts (@channel, @here, @everyone, user groups) become plain words.
 */
public final class PublicText {
    private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");

    /**
     * A zero-width space after the @ keeps Slack from reading a broadcast or a name back into a
     * mention.
     */
    private static final String QUIET_AT = "@\u200B";

    private static final Pattern LINK_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern TYPED_BROADCAST =
            Pattern.compile("(?i)(?<![\\w\u200B])@(channel|here|everyone)\\b");

    private PublicText() {}

    /**
     * The text with every piece of Slack markup replaced; {@code names} turns a user id into a
     * name.
     */
    public static String of(String text, Function<String, String> names) {
        if (text == null) {
            return null;
        }
        Matcher m = MARKUP.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1), names)));
        }
        m.appendTail(out);
        return TYPED_BROADCAST.matcher(out).replaceAll(QUIET_AT + "$1");
    }

    private static String replace(String inside, Function<String, String> names) {
        String target = inside;
        String label = null;
        int bar = inside.indexOf('|');
        if (bar >= 0) {
            target = inside.substring(0, bar);
            label = inside.substring(bar + 1);
        }
        if (target.startsWith("@")) {
            String id = target.substring(1);
            String name = names.apply(id);
            return QUIET_AT
                    + (name != null && !name.equals(id)
                            ? name
                            : label != null && !label.isBlank() ? label : id);
        }
        if (target.startsWith("#")) {
            return "#" + (label != null && !label.isBlank() ? label : target.substring(1));
        }
        if (target.startsWith("!")) {
            return special(target.substring(1), label);
        }
        if (!LINK_SCHEME.matcher(target).lookingAt()) {
            return "<" + inside + ">"; // not Slack markup: left as it was written
        }
        // A link: its real target is always shown; a label that is not the target goes before it.
        if (label == null || label.isBlank() || sameAddress(label, target)) {
            return target.startsWith("mailto:") ? target.substring("mailto:".length()) : target;
        }
        return label + " (" + target + ")";
    }

    private static String special(String command, String label) {
        if (command.startsWith("subteam^")) {
            String name =
                    label != null && !label.isBlank() ? label.replaceFirst("^@", "") : "group";
            return QUIET_AT + name;
        }
        if (command.startsWith("date^")) {
            return label != null ? label : "";
        }
        return switch (command) {
            case "channel", "here", "everyone" -> QUIET_AT + command;
            default -> label != null ? label : "";
        };
    }

    private static boolean sameAddress(String label, String target) {
        String bare = target.replaceFirst("^(https?://|mailto:)", "");
        return label.equals(target) || label.equals(bare);
    }
}
