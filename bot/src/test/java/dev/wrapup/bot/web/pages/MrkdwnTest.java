package dev.wrapup.bot.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MrkdwnTest {
    private static final Function<String, String> NAMES =
            id -> Map.of("U1", "Alice <admin>").getOrDefault(id, id);

    private static String html(String text) {
        return Mrkdwn.render(text, NAMES).toString();
    }

    @Test
    void boldCodeAndCodeBlocks() {
        assertEquals("a <strong>b</strong> c", html("a *b* c"));
        assertEquals("run <code>ls *</code>", html("run `ls *`"));
        assertEquals("<pre><code>x &lt; 1\n*y*</code></pre>", html("```x &lt; 1\n*y*```"));
        assertEquals("2*3*4", html("2*3*4"));
    }

    @Test
    void mentionsAndChannelsReadAsNames() {
        assertEquals(
                "<span class=\"mention\">@Alice &lt;admin&gt;</span> and "
                        + "<span class=\"mention\">@bob</span> in "
                        + "<span class=\"channel\">#ops</span>",
                html("<@U1> and <@U2|bob> in <#C1|ops>"));
        assertEquals("@here", html("<!here>"));
    }

    @Test
    void linksOnlyToTheWebAndMail() {
        assertEquals(
                "<a href=\"https://x.example/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">"
                        + "the &lt;graph&gt;</a>",
                html("<https://x.example/?a=1&amp;b=2|the &lt;graph&gt;>"));
        Document doc = Jsoup.parseBodyFragment(html("<javascript:alert(1)|click> <JAVASCRIPT:x>"));
        assertEquals(0, doc.select("a").size());
        assertEquals("<javascript:alert(1)|click> <JAVASCRIPT:x>", doc.body().text());
        assertEquals(1, Jsoup.parseBodyFragment(html("<mailto:sre@x.example>")).select("a").size());
    }

    @Test
    void hostileTextStaysText() {
        String[] hostile = {
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&lt;img src=x onerror=alert(1)&gt;",
            "*<img src=x onerror=alert(1)>*",
            "<https://x.example\" onmouseover=\"alert(1)|x>",
            "`</code><script>alert(1)</script>`"
        };
        for (String text : hostile) {
            Document doc = Jsoup.parseBodyFragment(html(text));
            assertEquals(0, doc.select("script, img, [onerror], [onmouseover]").size(), text);
        }
        Document doc = Jsoup.parseBodyFragment(html("&lt;img src=x onerror=alert(1)&gt;"));
        assertEquals("<img src=x onerror=alert(1)>", doc.body().text());
        assertFalse(html("<https://x.example\" onmouseover=\"alert(1)|x>").contains("\" on"));
    }
}
