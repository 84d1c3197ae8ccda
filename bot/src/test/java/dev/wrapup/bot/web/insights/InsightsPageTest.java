package dev.wrapup.bot.web.insights;

import static dev.wrapup.bot.web.insights.InsightsFixture.CLOCK;
import static dev.wrapup.bot.web.insights.InsightsFixture.PERIOD;
import static dev.wrapup.bot.web.insights.InsightsFixture.SECRET_CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.http.WebServer;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Templates;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.FixChecks;
import dev.wrapup.persistence.Insights;
import dev.wrapup.persistence.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /insights over two weeks of seeded incidents, served by Jetty from the real repositories: the
 * numbers in each table and CSV, exactly, and a private incident the viewer may not see counted
 * nowhere.
 */
class InsightsPageTest {
    private static final Viewer VIEWER = new Viewer("U1", "T1", "Ana");

    @TempDir Path dir;
    private Database database;
    private WebServer web;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Who the stub sign-in says is viewing: nobody, or {@link #VIEWER}. */
    private final AtomicReference<Viewer> signedIn = new AtomicReference<>(VIEWER);

    /** Every question put to the access rules, by incident title. */
    private final List<String> asked = new ArrayList<>();

    private IncidentAccess access =
            (viewer, incident) -> {
                asked.add(incident.title());
                return incident.channelId().equals(SECRET_CHANNEL)
                        ? Visibility.NONE
                        : Visibility.PUBLISHED;
            };

    @BeforeEach
    void seed() {
        database = Database.open(TestDatabases.h2(dir));
        database.migrate();
        InsightsFixture.seed(database);
    }

    /** Jetty with the page behind a stand-in for the sign-in, which sets the viewer. */
    private void serve() throws Exception {
        web = new WebServer(0, database);
        InsightsFixture.route(
                web,
                new InsightsPage(
                        new Insights(database),
                        new FixChecks(database),
                        new Templates(),
                        access,
                        List.of(),
                        CLOCK),
                signedIn::get);
        web.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        database.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Document page(String query) throws Exception {
        HttpResponse<String> response = get("/insights?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return Jsoup.parse(response.body());
    }

    /** A chart's table as text, a line per row: cells joined by " | ". */
    private static List<String> table(Document page, String chart) {
        return page.select("section:has(h2#" + chart + ") table tr").stream()
                .map(tr -> String.join(" | ", tr.children().eachText()))
                .toList();
    }

    @Test
    void theTablesShowTheNumbersOfTheIncidentsTheViewerMaySee() throws Exception {
        serve();
        Document page = page(PERIOD);

        assertEquals(
                List.of(
                        "Week from | SEV1 | SEV2 | SEV3 | SEV4 | Not set | Total",
                        "2026-11-09 | 1 | 1 | 0 | 0 | 0 | 2",
                        "2026-11-16 | 0 | 1 | 0 | 0 | 0 | 1",
                        "Whole period | 1 | 2 | 0 | 0 | 0 | 3"),
                table(page, "incidents"));
        assertEquals(
                List.of(
                        "Week from | Incidents | Median | 90th percentile",
                        "2026-11-09 | 2 | 1 h 15 min | 2 h 0 min",
                        "2026-11-16 | 0 | — | —",
                        "Whole period | 2 | 1 h 15 min | 2 h 0 min"),
                table(page, "resolve"));
        assertEquals(
                List.of(
                        "Week from | Incidents | Median | 90th percentile",
                        "2026-11-09 | 2 | 28 h 15 min | 2 d 3 h",
                        "2026-11-16 | 0 | — | —",
                        "Whole period | 2 | 28 h 15 min | 2 d 3 h"),
                table(page, "call"));
        assertEquals(
                List.of(
                        "Week from | Incidents | Median | 90th percentile",
                        "2026-11-09 | 1 | 3 d 0 h | 3 d 0 h",
                        "2026-11-16 | 0 | — | —",
                        "Whole period | 1 | 3 d 0 h | 3 d 0 h"),
                table(page, "publication"));
        assertEquals(
                List.of(
                        "Week from | Incidents | Asked | Commented | Share",
                        "2026-11-09 | 2 | 3 | 2 | 66.7%",
                        "2026-11-16 | 0 | 0 | 0 | —",
                        "Whole period | 2 | 3 | 2 | 66.7%"),
                table(page, "coverage"));
        assertEquals(
                List.of(
                        "Week from | Opened | Done | Won't do | Overdue",
                        "2026-11-09 | 3 | 0 | 0 | 1",
                        "2026-11-16 | 0 | 1 | 1 | 0",
                        "Whole period | 3 | 1 | 1 | 0"),
                table(page, "actions"));
        assertEquals(
                List.of(
                        "Timezone | People | Calls | Share",
                        "Pacific/Auckland | 2 | 2 | 100%",
                        "America/Los_Angeles | 1 | 1 | 50%",
                        "Any timezone | 3 | 2 | 100%"),
                table(page, "burden"));
        assertEquals(
                List.of(
                        "Week from | Fix | Guardrail | Detection | Process | Training | Total",
                        "2026-11-09 | 1 | 0 | 1 | 1 | 0 | 3",
                        "2026-11-16 | 0 | 0 | 0 | 0 | 0 | 0",
                        "Whole period | 1 | 0 | 1 | 1 | 0 | 3"),
                table(page, "kinds"));
        assertTrue(page.select("section:has(h2#kinds) p.note").isEmpty(), "a mix is no warning");
        assertFalse(page.text().contains("Secret"));
        assertFalse(page.text().contains("Europe/Berlin"), "the secret call's zone is not shown");
    }

    @Test
    void theCsvHoldsTheSameNumbersForASpreadsheet() throws Exception {
        serve();
        HttpResponse<String> call = get("/insights.csv?chart=call&" + PERIOD);

        assertEquals(200, call.statusCode());
        assertEquals(
                "text/csv;charset=utf-8",
                call.headers()
                        .firstValue("Content-Type")
                        .orElseThrow()
                        .replace(" ", "")
                        .toLowerCase());
        assertEquals(
                "attachment; filename=\"wrapup-call-2026-11-09-2026-11-22.csv\"",
                call.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(
                "week,incidents,median_minutes,p90_minutes\r\n"
                        + "2026-11-09,2,1695,3060\r\n"
                        + "2026-11-16,0,,\r\n"
                        + "total,2,1695,3060\r\n",
                call.body());
        assertEquals(
                "week,sev1,sev2,sev3,sev4,not_set,total\r\n"
                        + "2026-11-09,1,1,0,0,0,2\r\n"
                        + "2026-11-16,0,1,0,0,0,1\r\n"
                        + "total,1,2,0,0,0,3\r\n",
                get("/insights.csv?chart=incidents&" + PERIOD).body());
        assertEquals(
                "week,incidents,asked,commented,share_percent\r\n"
                        + "2026-11-09,2,3,2,66.7\r\n"
                        + "2026-11-16,0,0,0,\r\n"
                        + "total,2,3,2,66.7\r\n",
                get("/insights.csv?chart=coverage&" + PERIOD).body());
        assertEquals(
                "week,opened,done,wont_do,overdue\r\n"
                        + "2026-11-09,3,0,0,1\r\n"
                        + "2026-11-16,0,1,1,0\r\n"
                        + "total,3,1,1,0\r\n",
                get("/insights.csv?chart=actions&" + PERIOD).body());
        assertEquals(
                "week,fix,guardrail,detection,process,training,total\r\n"
                        + "2026-11-09,1,0,1,1,0,3\r\n"
                        + "2026-11-16,0,0,0,0,0,0\r\n"
                        + "total,1,0,1,1,0,3\r\n",
                get("/insights.csv?chart=kinds&" + PERIOD).body());
        assertEquals(
                "week,incidents,median_minutes,p90_minutes\r\n"
                        + "2026-11-09,1,4320,4320\r\n"
                        + "2026-11-16,0,,\r\n"
                        + "total,1,4320,4320\r\n",
                get("/insights.csv?chart=publication&" + PERIOD).body());
        assertEquals(
                "timezone,people,calls_outside_hours,share_percent\r\n"
                        + "Pacific/Auckland,2,2,100\r\n"
                        + "America/Los_Angeles,1,1,50\r\n"
                        + "total,3,2,100\r\n",
                get("/insights.csv?chart=burden&" + PERIOD).body());
    }

    @Test
    void aViewerWhoMaySeeThePrivateIncidentHasItCounted() throws Exception {
        access = (viewer, incident) -> Visibility.FULL;
        serve();
        Document page = page(PERIOD);

        assertEquals("Whole period | 2 | 2 | 0 | 0 | 0 | 4", table(page, "incidents").get(3));
        assertEquals("2026-11-09 | 3 | 5 | 2 | 40%", table(page, "coverage").get(1));
        assertEquals("2026-11-09 | 4 | 0 | 0 | 2", table(page, "actions").get(1));
        assertEquals("2026-11-09 | 1 | 1 | 1 | 1 | 0 | 4", table(page, "kinds").get(1));
        assertEquals(
                List.of(
                        "Timezone | People | Calls | Share",
                        "Pacific/Auckland | 2 | 2 | 66.7%",
                        "America/Los_Angeles | 1 | 1 | 33.3%",
                        "Europe/Berlin | 1 | 1 | 33.3%",
                        "Any timezone | 4 | 3 | 100%"),
                table(page, "burden"));
    }

    @Test
    void aPeriodOfOnlyTrainingAndProcessItemsIsCalledAWarningSign() throws Exception {
        serve();
        Document page = page(InsightsFixture.SOFT_PERIOD);

        assertEquals("Whole period | 0 | 0 | 0 | 1 | 1 | 2", table(page, "kinds").get(2));
        Element note = page.selectFirst("section.chart p.note");
        assertEquals("kinds", note.parent().selectFirst("h2").id());
        assertTrue(note.text().contains("about process or training"), note.text());
        assertTrue(note.text().contains("warning sign"), note.text());
    }

    @Test
    void eachIncidentIsAskedAboutOnce() throws Exception {
        serve();
        page(PERIOD);

        // A and the secret one have rows of their own and action items; the window is no incident
        assertEquals(List.of("A", "B", "Secret", "C"), asked);
    }

    @Test
    void everyChartIsAPictureWithItsNumbersBesideIt() throws Exception {
        serve();
        Document page = page(PERIOD);

        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertEquals(1, page.select("h1").size());
        assertEquals(
                List.of(
                        "incidents",
                        "resolve",
                        "call",
                        "publication",
                        "coverage",
                        "actions",
                        "kinds",
                        "burden",
                        "recurrence"),
                page.select("section.chart h2").eachAttr("id"));
        for (Element section : page.select("section.chart")) {
            String name = section.selectFirst("h2").id();
            Element svg = section.selectFirst("svg[role=img]");
            assertEquals(name + "-title " + name + "-desc", svg.attr("aria-labelledby"));
            assertEquals(
                    section.selectFirst("h2").text(),
                    svg.selectFirst("title#" + name + "-title").text());
            assertTrue(
                    svg.selectFirst("desc#" + name + "-desc")
                            .text()
                            .endsWith("The numbers are in the table beside the chart."));
            Element table = section.selectFirst("table");
            assertFalse(table.selectFirst("caption").text().isEmpty());
            assertEquals(
                    table.select("thead th").size(), table.select("thead th[scope=col]").size());
            assertEquals(table.select("tbody tr").size() + 1, table.select("th[scope=row]").size());
            assertEquals(
                    "/insights.csv?chart=" + name + "&" + PERIOD,
                    section.selectFirst("a[download]").attr("href"));
        }
        assertTrue(page.select("script").isEmpty());
        // Three stacked parts for SEV1 and SEV2 in one week and SEV2 in the next
        assertEquals(3, page.select("section:has(h2#incidents) svg[role=img] rect").size());
        assertEquals(
                List.of("2026-11-09, SEV1: 1", "2026-11-09, SEV2: 1", "2026-11-16, SEV2: 1"),
                page.select("section:has(h2#incidents) svg[role=img] rect > title").eachText());
        assertEquals(
                List.of("median 28 h 15 min", "p90 2 d 3 h"),
                page.select("section:has(h2#call) svg[role=img] > text").eachText().stream()
                        .filter(t -> t.startsWith("median") || t.startsWith("p90"))
                        .toList());
    }

    @Test
    void withoutRoleGroupsOneLineSaysSo() throws Exception {
        serve();
        Document page = page(PERIOD);
        assertEquals(
                "No role groups are configured (WRAPUP_ROLE_GROUPS), so there is no coverage by"
                        + " role group.",
                page.select("p#role-groups").text());
        assertEquals(List.of(), table(page, "role-groups"));
    }

    @Test
    void theFormOffersThePeriodWithLabelledDates() throws Exception {
        serve();
        Document page = page("");

        Element form = page.selectFirst("form");
        assertEquals("get", form.attr("method"));
        assertEquals("/insights", form.attr("action"));
        assertEquals("2026-09-07", form.selectFirst("input#from[type=date][name=from]").val());
        assertEquals("2026-11-25", form.selectFirst("input#to[type=date][name=to]").val());
        assertEquals(2, form.select("label[for=from], label[for=to]").size());
        assertEquals(12, page.select("section:has(h2#incidents) tbody tr").size());
    }

    @Test
    void aPeriodThatIsNoneIsRefusedSayingWhy() throws Exception {
        serve();
        HttpResponse<String> response = get("/insights?to=%3Cb%3E");

        assertEquals(400, response.statusCode());
        Document page = Jsoup.parse(response.body());
        assertEquals("To is not a date like 2026-11-24.", page.selectFirst("[role=alert]").text());
        assertEquals("<b>", page.selectFirst("input#to").val());
        assertEquals("", page.selectFirst("input#from").val());
        assertTrue(page.select("b").isEmpty());
        assertTrue(page.select("section.chart").isEmpty());
        HttpResponse<String> csv = get("/insights.csv?chart=call&from=2026-11-22&to=2026-11-01");
        assertEquals(400, csv.statusCode());
        assertEquals(
                "The period must not end (2026-11-01) before it starts (2026-11-22).\n",
                csv.body());
        assertEquals(404, get("/insights.csv?chart=nope&" + PERIOD).statusCode());
    }

    @Test
    void withoutASignedInViewerNothingIsShown() throws Exception {
        signedIn.set(null);
        serve();

        HttpResponse<String> response = get("/insights?" + PERIOD);
        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("SEV"));
        assertEquals(403, get("/insights.csv?chart=incidents&" + PERIOD).statusCode());
        assertEquals(List.of(), asked);
    }

    @Test
    void mountedOnTheServerBothAddressesAnswer() throws Exception {
        web = new WebServer(0, database);
        InsightsPage.mount(web, database, new Templates(), access, List.of(), CLOCK);
        web.start();

        // No sign-in in front of them in this test: both refuse, which shows they are there.
        assertEquals(403, get("/insights").statusCode());
        assertEquals(403, get("/insights.csv?chart=incidents").statusCode());
        assertEquals(404, get("/insights/other").statusCode());
    }
}
