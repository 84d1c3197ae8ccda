package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.persistence.WebSessions.PendingSignIn;
import dev.wrapup.persistence.WebSessions.Session;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Web sessions and sign-in states, on H2 and across PostgreSQL replicas. */
class WebSessionsTest {
    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TWELVE_HOURS = Duration.ofHours(12);

    @TempDir Path dir;

    @Test
    void sessionsOnH2() {
        TestDatabases.onH2(dir, database -> assertSessions(database, database));
    }

    @Test
    void sessionsAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(WebSessionsTest::assertSessions);
    }

    @Test
    void statesOnH2() {
        TestDatabases.onH2(dir, database -> assertStates(database, database));
    }

    @Test
    void statesAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(WebSessionsTest::assertStates);
    }

    private static void assertSessions(Database first, Database second) {
        WebSessions one = new WebSessions(first);
        WebSessions two = new WebSessions(second);
        one.start("token-a", "U1", "T1", "Alice", AT, AT.plus(TWELVE_HOURS));
        one.start("token-b", "U2", "T1", "Bob", AT, AT.plus(TWELVE_HOURS));

        assertEquals(
                Optional.of(new Session("U1", "T1", "Alice", AT.plus(TWELVE_HOURS))),
                two.findValid("token-a", AT.plusSeconds(60)),
                "another replica knows the session");
        assertTrue(two.findValid("token-c", AT).isEmpty());
        assertTrue(two.findValid("token-a", AT.plus(TWELVE_HOURS)).isEmpty(), "expired after 12 h");

        two.end("token-a");
        assertTrue(one.findValid("token-a", AT).isEmpty(), "signed out everywhere");
        assertTrue(one.findValid("token-b", AT).isPresent(), "other sessions stay");
        two.end("token-never-issued");

        assertEquals(1, one.purgeExpired(AT.plus(TWELVE_HOURS)));
        assertEquals(
                0,
                first.dsl()
                        .fetchCount(
                                first.dsl()
                                        .selectFrom("web_session")
                                        .where("token_sha256 like 'token%'")),
                "the token itself is never stored");
    }

    private static void assertStates(Database first, Database second) {
        WebSessions one = new WebSessions(first);
        WebSessions two = new WebSessions(second);
        Instant expires = AT.plus(Duration.ofMinutes(10));
        one.rememberState("state-1", "nonce-1", "browser-1", "/incidents/7", AT, expires);
        assertEquals(
                Optional.of(new PendingSignIn("nonce-1", "/incidents/7")),
                two.claimState("state-1", "browser-1", AT.plusSeconds(30)));
        assertTrue(
                one.claimState("state-1", "browser-1", AT.plusSeconds(31)).isEmpty(),
                "a state is used once");

        one.rememberState("state-2", "nonce-2", "browser-1", "/", AT, expires);
        assertTrue(two.claimState("state-2", "browser-2", AT).isEmpty(), "from another browser");
        assertTrue(
                one.claimState("state-2", "browser-1", AT).isEmpty(),
                "nor afterwards from the right one");

        one.rememberState("state-3", "nonce-3", "browser-1", "/", AT, expires);
        assertTrue(one.claimState("state-3", "browser-1", expires).isEmpty(), "expired");

        one.rememberState("state-4", "nonce-4", "browser-1", "/", AT, expires);
        one.rememberState("state-5", "nonce-5", "browser-1", "/", AT, expires.plusSeconds(60));
        assertEquals(1, one.purgeExpired(expires));
        assertTrue(two.claimState("state-5", "browser-1", expires).isPresent());

        // Many claims of one state at once: exactly one wins.
        one.rememberState("state-6", "nonce-6", "browser-1", "/", AT, expires);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                WebSessions sessions = i % 2 == 0 ? one : two;
                results.add(
                        threads.submit(
                                (Callable<Boolean>)
                                        () ->
                                                sessions.claimState("state-6", "browser-1", AT)
                                                        .isPresent()));
            }
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
