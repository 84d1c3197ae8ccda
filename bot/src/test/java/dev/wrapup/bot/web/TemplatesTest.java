package dev.wrapup.bot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    private final Templates templates = new Templates();

    @Test
    void theRefusalPageSaysNothingAboutTheIncident() {
        Document page = Jsoup.parse(templates.render("forbidden.jte", Map.of()));

        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertEquals("Not available · Wrapup", page.title());
        assertEquals(1, page.select("h1").size());
        assertTrue(page.select("main").text().contains("not available to you"));
    }
}
