package dev.wrapup.bot.web.pages;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's message markup as safe HTML: *bold*, `code`, ```code blocks```, links Slack marks up
 * (http, https and mailto only), user mentions as names and channels as their names. Anything else
 * is text, escaped: Slack's own escaping (&amp;amp; &amp;lt; &amp;gt;) is undone first so that it
 * reads as the person typed it, then everything is escaped again for the page.
 */
public final class Mrkdwn {
    private static final Pattern BLOCK = Pattern.compile("```(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE =
            Pattern.compile("<([^<>]*)>|`([^`\\n]+)`|(?<![\\w*])\\*([^*\\n]+)\\*(?![\\w*])");
    private static final Pattern USER = Pattern.compile("@([UW][A-Z0-9]+)");

    private Mrkdwn() {}

    /** {@code names} turns a user id into a display name (the id itself when not known). */
    public static SafeHtml render(String text, Function<String, String> names) {
        SafeHtml.Builder out = SafeHtml.builder();
        if (text == null) {
            return out.build();
        }
        Matcher m = BLOCK.matcher(text);
        int at = 0;
        while (m.find()) {
            inline(text.substring(at, m.start()), names, out, true);
            out.open("pre", null)
                    .open("code", null)
                    .text(unescape(m.group(1).replaceFirst("^\\n", "")))
                    .close("code")
                    .close("pre");
            at = m.end();
        }
        inline(text.substring(at), names, out, true);
        return out.build();
    }

    private static void inline(
            String text, Function<String, String> names, SafeHtml.Builder out, boolean bold) {
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.group(3) != null && !bold) {
                continue;
            }
            out.text(unescape(text.substring(at, m.start())));
            if (m.group(1) != null) {
                markup(m.group(1), names, out);
            } else if (m.group(2) != null) {
                out.open("code", null).text(unescape(m.group(2))).close("code");
            } else {
                out.open("strong", null);
                inline(m.group(3), names, out, false);
                out.close("strong");
            }
            at = m.end();
        }
        out.text(unescape(text.substring(at)));
    }

    private static void markup(
            String inside, Function<String, String> names, SafeHtml.Builder out) {
        int bar = inside.indexOf('|');
        String target = bar < 0 ? inside : inside.substring(0, bar);
        String label = bar < 0 ? null : unescape(inside.substring(bar + 1));
        Matcher user = USER.matcher(target);
        if (user.matches()) {
            String id = user.group(1);
            String name = names.apply(id);
            String shown =
                    name != null && !name.equals(id)
                            ? name
                            : label != null && !label.isBlank() ? label : id;
            out.open("span", "mention").text("@" + shown).close("span");
        } else if (target.startsWith("#")) {
            out.open("span", "channel")
                    .text("#" + (label != null && !label.isBlank() ? label : target.substring(1)))
                    .close("span");
        } else if (target.startsWith("!")) {
            out.text(special(target.substring(1), label));
        } else if (allowed(target)) {
            String href = unescape(target);
            String shown = label == null || label.isBlank() ? href : label;
            out.link(href, SafeHtml.builder().text(shown).build());
        } else {
            // Not a link the page may follow (javascript:, data:…) or not markup at all: as
            // written.
            out.text("<" + unescape(inside) + ">");
        }
    }

    private static String special(String command, String label) {
        if (command.startsWith("subteam^")) {
            return "@" + (label != null ? label.replaceFirst("^@", "") : "group");
        }
        if (command.startsWith("date^")) {
            return label != null ? label : "";
        }
        return switch (command) {
            case "channel", "here", "everyone" -> "@" + command;
            default -> label != null ? label : "";
        };
    }

    private static boolean allowed(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return t.startsWith("http://") || t.startsWith("https://") || t.startsWith("mailto:");
    }

    /** Slack escapes exactly these three in message text. */
    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
