package dev.wrapup.bot.web.pages;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * HTML that a template writes as it is: built only here, from text escaped by {@link #text} and
 * from fixed tags, so that no user text reaches a page unescaped.
 */
public final class SafeHtml implements Content {
    private final String html;

    private SafeHtml(String html) {
        this.html = html;
    }

    /** Text, escaped for an element's content and for a quoted attribute alike. */
    static String text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** What {@link Builder} put together. */
    static Builder builder() {
        return new Builder();
    }

    /** Appends escaped text and the fixed tags of the few elements message text may become. */
    static final class Builder {
        private final StringBuilder out = new StringBuilder();

        Builder text(String text) {
            out.append(SafeHtml.text(text));
            return this;
        }

        /** An element's opening tag; the name is always one of the renderer's constants. */
        Builder open(String tag, String cssClass) {
            out.append('<').append(tag);
            if (cssClass != null) {
                out.append(" class=\"").append(cssClass).append('"');
            }
            out.append('>');
            return this;
        }

        Builder close(String tag) {
            out.append("</").append(tag).append('>');
            return this;
        }

        /** A link whose address the caller has checked to be http, https or mailto. */
        Builder link(String href, SafeHtml label) {
            out.append("<a href=\"")
                    .append(SafeHtml.text(href))
                    .append("\" rel=\"noopener noreferrer nofollow\">")
                    .append(label.html)
                    .append("</a>");
            return this;
        }

        Builder append(SafeHtml html) {
            out.append(html.html);
            return this;
        }

        SafeHtml build() {
            return new SafeHtml(out.toString());
        }
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(html);
    }

    @Override
    public boolean isEmptyContent() {
        return html.isEmpty();
    }

    @Override
    public String toString() {
        return html;
    }
}
