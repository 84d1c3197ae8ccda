package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.domain.BotIdentity;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replayed requests claimed once, and the bot's identity kept per token, on H2 and across
 * PostgreSQL replicas.
 */
class RequestGuardTablesTest {
    private static final Instant AT = Instant.parse("2026-11-22T11:00:00Z");

    @TempDir Path dir;

    @Test
    void aRequestIsClaimedOnceOnH2() {
        TestDatabases.onH2(dir, database -> assertClaims(database, database));
    }

    @Test
    void aRequestIsClaimedOnceAcrossReplicasOnPostgresql() {
        TestDatabases.onPostgresReplicas(RequestGuardTablesTest::assertClaims);
    }

    @Test
    void identityIsKeptPerTokenOnH2() {
        TestDatabases.onH2(dir, RequestGuardTablesTest::assertIdentity);
    }

    @Test
    void identityIsKeptPerTokenOnPostgresql() {
        TestDatabases.onPostgresReplicas((first, second) -> assertIdentity(first));
    }

    private static void assertClaims(Database first, Database second) {
        SeenRequests one = new SeenRequests(first);
        SeenRequests two = new SeenRequests(second);
        assertTrue(one.claim("v0=aa", AT.plusSeconds(300)));
        assertFalse(two.claim("v0=aa", AT.plusSeconds(300)), "a replay, even on another replica");
        assertTrue(two.claim("v0=bb", AT.plusSeconds(600)));

        assertEquals(1, one.purge(AT.plusSeconds(301)), "only the claim whose window has passed");
        assertTrue(one.claim("v0=aa", AT.plusSeconds(900)), "forgotten once purged");
        assertFalse(one.claim("v0=bb", AT.plusSeconds(600)));

        // Many claims of one signature at once: exactly one wins.
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                SeenRequests claims = i % 2 == 0 ? one : two;
                results.add(
                        threads.submit(
                                (Callable<Boolean>)
                                        () -> claims.claim("v0=cc", AT.plusSeconds(300))));
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

    private static void assertIdentity(Database database) {
        SlackIdentities identities = new SlackIdentities(database);
        assertTrue(identities.find("xoxb-1").isEmpty());
        identities.save("xoxb-1", new BotIdentity("T1", null, "U1", "B1", AT));
        identities.save("xoxb-2", new BotIdentity("T2", "E2", "U2", null, AT));
        assertEquals(
                new BotIdentity("T1", null, "U1", "B1", AT),
                identities.find("xoxb-1").orElseThrow());
        identities.save("xoxb-1", new BotIdentity("T1", "E1", "U1", "B9", AT.plusSeconds(60)));
        assertEquals(
                new BotIdentity("T1", "E1", "U1", "B9", AT.plusSeconds(60)),
                identities.find("xoxb-1").orElseThrow());
        assertEquals("E2", identities.find("xoxb-2").orElseThrow().enterpriseId());
        assertEquals(
                0,
                database.dsl()
                        .fetchCount(
                                database.dsl()
                                        .selectFrom("slack_identity")
                                        .where("token_sha256 like 'xoxb%'")),
                "the token itself is never stored");
    }
}
