package dev.wrapup.domain.text;

import dev.wrapup.domain.Participant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** People by name rather than by Slack user id, in texts that leave Slack. */
public final class Names {
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|([^>]*))?>");

    private Names() {}

    /** Display names by user id, the id itself when the name is not known. */
    public static Function<String, String> of(List<Participant> participants) {
        Map<String, String> byId =
                participants.stream()
                        .filter(p -> p.displayName() != null)
                        .collect(
                                Collectors.toMap(
                                        Participant::userId,
                                        Participant::displayName,
                                        (a, b) -> a));
        return id -> id == null ? "not set" : byId.getOrDefault(id, id);
    }

    /** Slack's user mentions read as names; other markup stays as written. */
    public static String mentions(String text, Function<String, String> name) {
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String known = name.apply(m.group(1));
            String shown =
                    !known.equals(m.group(1))
                            ? known
                            : m.group(2) != null ? m.group(2) : m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement("@" + shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
