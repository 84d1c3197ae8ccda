package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.WrapUpComment;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.WrapUps;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `java -jar wrapup.jar demo` as a newcomer runs it: the story plays to its end, the printed link
 * opens the incident's page signed in, and the database left behind holds the whole incident.
 */
class DemoIT {
    private static final Pattern LINK =
            Pattern.compile(
                    "^Open (http://localhost:\\d+/incidents/(\\d+)) — signed in as Demo user",
                    Pattern.MULTILINE);

    @TempDir Path workDir;

    @Test
    void theDemoPlaysItsStoryServesThePageAndLeavesTheIncidentInItsDatabase() throws Exception {
        Path output = workDir.resolve("demo.txt");
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                BotProcess.jar().toString(),
                                "demo")
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        // A free port rather than 3000, which a bot on this machine may hold.
        builder.environment().put("PORT", Integer.toString(BotProcess.freePort()));
        Process demo = builder.start();
        long incidentId;
        try {
            Matcher end = awaitEndLine(demo, output, Duration.ofSeconds(90));
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            incidentId = Long.parseLong(end.group(2));
            assertTrue(
                    printed.contains("[stand-in] Slack stand-in: nothing here reaches Slack"),
                    printed);
            assertTrue(printed.contains("Sam Lindqvist (only you, in #inc-"), printed);
            assertTrue(printed.contains("A thought on \"Human error\""), "the blame nudge");
            assertTrue(printed.contains("Modal: Your wrap-up comment"), printed);
            assertTrue(printed.contains("DM to Priya Raman"), printed);
            assertTrue(printed.contains("#learnings (everyone)"), printed);
            assertTrue(printed.contains("The story is over"), printed);

            HttpClient browser =
                    HttpClient.newBuilder()
                            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                            .followRedirects(HttpClient.Redirect.ALWAYS)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            HttpResponse<String> page =
                    browser.send(
                            HttpRequest.newBuilder(URI.create(end.group(1))).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals(URI.create(end.group(1)), page.uri(), "back on the page, signed in");
            assertTrue(
                    page.body().contains("<title>Checkout failing on app-03 · Wrapup</title>"),
                    page.body());
        } finally {
            demo.destroy();
        }
        assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "Ctrl-C (SIGTERM) stops the demo");
        assertEquals(0, demo.exitValue(), Files.readString(output));

        try (Database database =
                Database.open(DatabaseSettings.h2File(workDir.resolve("wrapup-demo")))) {
            Incident incident = new Incidents(database).find(incidentId).orElseThrow();
            assertEquals("Checkout failing on app-03", incident.title());
            assertTrue(incident.isResolved(), incident.toString());
            WrapUps wrapUps = new WrapUps(database);
            List<WrapUpComment> comments = wrapUps.comments(incidentId);
            assertEquals(
                    Map.of("U0ALICE", 1L, "U0BOB", 1L, "U0SAM", 2L, "U0PRIYA", 3L),
                    comments.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            WrapUpComment::userId, Collectors.counting())));
            assertTrue(
                    comments.stream()
                            .filter(c -> c.userId().equals("U0PRIYA"))
                            .allMatch(c -> c.source().equals("modal")),
                    comments.toString());
            List<ActionItem> actions = wrapUps.actions(incidentId);
            assertEquals(1, actions.size());
            assertEquals("U0PRIYA", actions.get(0).ownerId());
            assertEquals(ActionKind.GUARDRAIL, actions.get(0).kind());
            Optional<WrapUps.Publication> published = wrapUps.publication(incidentId);
            assertTrue(published.isPresent(), "published");
            assertEquals("C0LEARNINGS", published.get().channelId());
        }
        assertFalse(Files.exists(workDir.resolve("data")), "the demo never touches ./data");
    }

    /** The end line's link, once printed; a demo that exits first fails at once. */
    private static Matcher awaitEndLine(Process demo, Path output, Duration timeout) {
        return Poll.value(
                "the demo's end line",
                () -> {
                    String printed = read(output);
                    Matcher end = LINK.matcher(printed);
                    if (end.find()) {
                        return end;
                    }
                    if (!demo.isAlive()) {
                        throw new AssertionError(
                                "the demo exited "
                                        + demo.exitValue()
                                        + " before its end:\n"
                                        + printed);
                    }
                    return null;
                },
                m -> m != null,
                timeout);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
