package dev.wrapup.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChannelNamesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @Test
    void prefixDateAndSlug() {
        assertEquals(
                "inc-2026-11-22-database-failover-in-eu-west",
                ChannelNames.forIncident("inc-", DAY, "Database failover in EU-West!", 1));
    }

    @Test
    void laterAttemptsAreNumbered() {
        assertEquals("inc-2026-11-22-outage-2", ChannelNames.forIncident("inc-", DAY, "Outage", 2));
        assertEquals(
                "inc-2026-11-22-outage-13", ChannelNames.forIncident("inc-", DAY, "Outage", 13));
    }

    @Test
    void accentsAreFoldedAndOtherScriptsFallBackToIncident() {
        assertEquals(
                "inc-2026-11-22-cafe-creme-down",
                ChannelNames.forIncident("inc-", DAY, "Café crème down", 1));
        assertEquals(
                "inc-2026-11-22-incident", ChannelNames.forIncident("inc-", DAY, "データベース障害", 1));
    }

    @Test
    void namesNeverExceedEightyCharactersEvenWithASuffix() {
        String title = "a very long title ".repeat(10);
        String name = ChannelNames.forIncident("incident-", DAY, title, 12);
        assertTrue(name.length() <= 80, name);
        assertTrue(name.endsWith("-12"), name);
        assertTrue(!name.contains("--"), name);
    }
}
