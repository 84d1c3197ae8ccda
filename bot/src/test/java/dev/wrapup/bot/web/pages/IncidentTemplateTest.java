package dev.wrapup.bot.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident page rendered from an incident with every kind of entry, read back as HTML: its
 * structure, and that each viewer sees only what they may.
 */
class IncidentTemplateTest {
    private static final Clock CLOCK =
            Clock.fixed(Seed.START.plus(Duration.ofDays(2)), ZoneOffset.UTC);

    @TempDir Path dir;

    private final Templates templates = new Templates();

    private Document render(IncidentViews views, Incident incident, Visibility v, boolean onlyKey) {
        IncidentView view =
                views.of(incident, v, onlyKey, null, 0, "/incidents/" + incident.id() + "?");
        return Jsoup.parse(templates.render("pages/incident.jte", Map.of("view", view)));
    }

    @Test
    void theFullRecordShowsEveryKindOfEntryInPlace() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incident incident = new Seed(database).incident("C1");
                    Document page =
                            render(
                                    new IncidentViews(database, List.of(), CLOCK),
                                    incident,
                                    Visibility.FULL,
                                    false);

                    // Headings in order, one h1; the chart is an image with a title.
                    assertEquals("en", page.selectFirst("html").attr("lang"));
                    assertEquals(1, page.select("h1").size());
                    assertEquals(
                            List.of("At a glance", "Timeline", "Wrap-up"),
                            page.select("h2").eachText());
                    Element svg = page.selectFirst("svg.chart");
                    assertEquals("img", svg.attr("role"));
                    assertFalse(svg.select("title").first().text().isBlank());
                    assertEquals(2, svg.select("rect.phase").size()); // investigating, identified
                    assertEquals(3, svg.select("circle.key").size()); // note, pin, highlight
                    assertEquals(1, svg.select("line.call").size());

                    // Header facts.
                    String facts = page.select("dl.facts").text();
                    assertTrue(facts.contains("SEV2"), facts);
                    assertTrue(facts.contains("resolved"), facts);
                    assertTrue(facts.contains("Time to resolve 30 min"), facts);
                    assertTrue(facts.contains("Analysis call"), facts);

                    // Entries in the order they happened, replies nested under their parent.
                    Elements top = page.select("ol.entries > li");
                    Element thread =
                            top.stream()
                                    .filter(li -> !li.select("> ol.replies").isEmpty())
                                    .findFirst()
                                    .orElseThrow();
                    assertEquals("db is down", thread.selectFirst("> .text").text());
                    Elements replies = thread.select("> ol.replies > li");
                    assertEquals(2, replies.size());
                    assertTrue(replies.get(0).text().contains("replica is fine @bob"));
                    List<String> times = top.select("> time.t").eachAttr("datetime");
                    assertEquals(times.stream().sorted().toList(), times);

                    // The edit's earlier version one click away; the deleted text shown, struck.
                    Element details = thread.selectFirst("> details");
                    assertNotNull(details);
                    assertTrue(details.text().contains(Seed.FIRST_VERSION));
                    Element deleted = page.selectFirst("li.entry.deleted");
                    assertEquals(Seed.DELETED_TEXT, deleted.select("del").text());

                    // Files (a web link only for a web address), the alert, the key moments.
                    Elements files = page.select("ul.files > li");
                    assertEquals(2, files.size());
                    assertEquals(
                            "https://files.example/F1", files.get(0).selectFirst("a").attr("href"));
                    assertNull(files.get(1).selectFirst("a"));
                    Element alert = page.selectFirst("li.entry.alert");
                    assertEquals("FIRING", alert.selectFirst(".text strong").text());
                    assertEquals(3, page.select("li.entry.key").size());

                    // Hostile text is text everywhere: title, replies, comments.
                    assertTrue(page.select("script:not([src])").isEmpty());
                    assertTrue(page.select("img, [onerror]").isEmpty());
                    assertTrue(page.selectFirst("h1").text().contains("<script>"));
                    assertEquals(1, page.select("script[src=/assets/local-time.js]").size());

                    // The wrap-up: comments by agenda item, who is missing, action items.
                    assertEquals(
                            List.of(
                                    "What went well",
                                    "What went wrong",
                                    "What we could do better next time",
                                    "Action items"),
                            page.select("section[aria-labelledby=wrapup] > h3").eachText());
                    assertTrue(page.select("ul.comments").text().contains("Fast failover"));
                    assertEquals("carol", page.select("ul.heard-participants li").last().text());
                    assertFalse(
                            page.select("ul.heard-commented").text().contains("carol"),
                            "carol has not commented");
                    Elements actions = page.select("table.actions tbody tr");
                    assertEquals(2, actions.size());
                    assertEquals(
                            List.of(
                                    "1",
                                    "Alert on replica lag",
                                    "Detection",
                                    "bob",
                                    "2026-11-01",
                                    "overdue"),
                            actions.get(0).select("td").eachText());
                    assertEquals("done", actions.get(1).select("td").last().text());
                    // Times carry their UTC value for the local-time script and on hover.
                    for (Element t : page.select("time")) {
                        assertFalse(t.attr("datetime").isEmpty());
                    }
                });
    }

    @Test
    void thePublishedViewHasNoEarlierVersionsAndNoDeletedText() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incident incident = new Seed(database).incident("C1");
                    Document page =
                            render(
                                    new IncidentViews(database, List.of(), CLOCK),
                                    incident,
                                    Visibility.PUBLISHED,
                                    false);

                    assertTrue(page.select("details").isEmpty());
                    assertFalse(page.html().contains(Seed.FIRST_VERSION));
                    assertFalse(page.html().contains("hunter2"));
                    Element deleted = page.selectFirst("li.entry.deleted");
                    assertTrue(deleted.select(".text").isEmpty());
                    assertEquals("deleted", deleted.selectFirst(".deleted-note").text());
                    assertEquals(1, page.select("li.entry .edited").size());
                });
    }

    @Test
    void onlyKeyMomentsWhenAsked() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incident incident = new Seed(database).incident("C1");
                    Document page =
                            render(
                                    new IncidentViews(database, List.of(), CLOCK),
                                    incident,
                                    Visibility.FULL,
                                    true);

                    Elements entries = page.select("li.entry");
                    assertEquals(3, entries.size());
                    assertEquals(3, page.select("li.entry.key").size());
                    assertEquals("?", page.selectFirst("p.timeline-filter a").attr("href"));
                });
    }

    @Test
    void aMaintenanceWindowShowsItsNumberedPlanAndVerdict() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Incident window = new Seed(database).maintenance("C2");
                    Document page =
                            render(
                                    new IncidentViews(database, List.of(), CLOCK),
                                    window,
                                    Visibility.FULL,
                                    false);

                    Elements steps = page.select("ol.plan > li");
                    assertEquals(List.of("1", "2", "3"), steps.eachAttr("value"));
                    assertEquals("done", steps.get(0).selectFirst("[class^=state-]").text());
                    assertTrue(
                            steps.get(1).text().contains("failed: disk full"), steps.get(1).text());
                    assertEquals("planned", steps.get(2).selectFirst("[class^=state-]").text());
                    String verdict = page.selectFirst("p.verdict").text();
                    assertTrue(verdict.startsWith("Not everything went to plan"), verdict);
                    assertTrue(verdict.contains("Overran the window by 10 min"), verdict);
                    assertEquals(
                            List.of("At a glance", "Timeline", "Wrap-up", "Maintenance plan"),
                            page.select("h2").eachText());
                });
    }
}
