package dev.wrapup.bot.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages over HTTP, as {@link PagesServer} serves them to alice (U1) and bob (U2). */
class WebPagesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    private static HttpResponse<String> get(PagesServer web, String path, String viewer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path)));
        if (viewer != null) {
            request.header(PagesServer.VIEWER_HEADER, viewer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachViewerSeesWhatTheyMayAndNothingMore() {
        TestDatabases.onH2(
                dir,
                database -> {
                    Seed seed = new Seed(database);
                    Incident incident = seed.incident("C1");
                    Incident window = seed.maintenance("C2");
                    Incident hidden = hidden(database, "Secret outage");
                    try (PagesServer web = new PagesServer(database, null)) {
                        String page = "/incidents/" + incident.id();

                        HttpResponse<String> full = get(web, page, "U1");
                        assertEquals(200, full.statusCode());
                        assertFalse(Jsoup.parse(full.body()).select("details").isEmpty());
                        String csp =
                                full.headers().firstValue("Content-Security-Policy").orElse("");
                        assertTrue(csp.contains("script-src 'self'"), csp);
                        assertTrue(csp.contains("form-action 'self'"), csp);
                        assertTrue(csp.contains("default-src 'none'"), csp);

                        HttpResponse<String> published = get(web, page, "U2");
                        assertEquals(200, published.statusCode());
                        assertTrue(Jsoup.parse(published.body()).select("details").isEmpty());
                        assertFalse(published.body().contains(Seed.DELETED_TEXT));

                        // Not allowed, not there, not signed in: one and the same answer.
                        HttpResponse<String> refused = get(web, "/incidents/" + hidden.id(), "U1");
                        HttpResponse<String> missing = get(web, "/incidents/999999", "U1");
                        assertEquals(403, refused.statusCode());
                        assertEquals(refused.body(), missing.body());
                        assertEquals(403, missing.statusCode());
                        assertEquals(403, get(web, page, null).statusCode());
                        assertEquals(403, get(web, "/", null).statusCode());
                        assertEquals(
                                403,
                                get(web, "/incidents/" + hidden.id() + "/report.md", "U1")
                                        .statusCode());

                        HttpResponse<String> fullReport = get(web, page + "/report.md", "U1");
                        assertTrue(fullReport.body().contains(Seed.DELETED_TEXT));
                        assertTrue(
                                fullReport
                                        .headers()
                                        .firstValue("Content-Type")
                                        .orElse("")
                                        .startsWith("text/markdown"));
                        HttpResponse<String> publishedReport = get(web, page + "/report.md", "U2");
                        assertEquals(200, publishedReport.statusCode());
                        assertFalse(publishedReport.body().contains(Seed.DELETED_TEXT));

                        HttpResponse<String> ics = get(web, page + "/call.ics", "U2");
                        assertEquals(200, ics.statusCode());
                        assertTrue(ics.body().startsWith("BEGIN:VCALENDAR"), ics.body());
                        assertTrue(
                                ics.body()
                                        .replace("\r\n ", "")
                                        .contains(
                                                "https://wrapup.example/incidents/"
                                                        + incident.id()),
                                ics.body());
                        assertEquals(
                                403,
                                get(web, "/incidents/" + window.id() + "/call.ics", "U1")
                                        .statusCode());

                        Document list = Jsoup.parse(get(web, "/", "U2").body());
                        assertEquals(2, list.select("table.incidents tbody tr").size());
                        assertFalse(list.text().contains("Secret outage"));
                        // Open first: nothing is open, so the most recent first.
                        assertTrue(
                                list.select("tbody tr")
                                        .first()
                                        .text()
                                        .contains("Upgrade Postgres"));
                        Document maintenance =
                                Jsoup.parse(get(web, "/?kind=maintenance", "U2").body());
                        assertEquals(1, maintenance.select("table.incidents tbody tr").size());
                        assertTrue(
                                maintenance
                                        .selectFirst("option[value=maintenance]")
                                        .hasAttr("selected"));
                        for (var control : list.select("select, input")) {
                            assertEquals(1, list.select("label[for=" + control.id() + "]").size());
                        }

                        HttpResponse<String> script = get(web, "/assets/local-time.js", null);
                        assertEquals(200, script.statusCode());
                        assertTrue(
                                script.headers()
                                        .firstValue("Content-Type")
                                        .orElse("")
                                        .startsWith("text/javascript"));
                        assertEquals(404, get(web, "/assets/logback.xml", null).statusCode());
                        assertEquals(404, get(web, "/no/such/page", "U1").statusCode());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void incidentsTheViewerMayNotSeeDoNotShiftOrFillPages() {
        TestDatabases.onH2(
                dir,
                database -> {
                    for (int i = 0; i < IncidentListPage.PER_PAGE + 5; i++) {
                        hidden(database, "Hidden " + i);
                    }
                    new Seed(database).maintenance("C2");
                    try (PagesServer web = new PagesServer(database, null)) {
                        Document list = Jsoup.parse(get(web, "/", "U2").body());
                        assertEquals(1, list.select("table.incidents tbody tr").size());
                        assertTrue(list.select("a[rel=next]").isEmpty());
                        Document second = Jsoup.parse(get(web, "/?page=2", "U2").body());
                        assertTrue(second.select("table.incidents").isEmpty());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    /** An incident in C9, which nobody may see. */
    private static Incident hidden(Database database, String title) {
        Incidents incidents = new Incidents(database);
        return database.transaction(
                tx ->
                        incidents.create(
                                tx,
                                new NewIncident(
                                        IncidentKind.INCIDENT,
                                        "T1",
                                        "C9",
                                        "secret",
                                        title,
                                        null,
                                        Severity.SEV1,
                                        IncidentStatus.INVESTIGATING,
                                        "U1",
                                        "U1",
                                        Seed.START.plus(Duration.ofDays(1))),
                                Seed.START));
    }
}
