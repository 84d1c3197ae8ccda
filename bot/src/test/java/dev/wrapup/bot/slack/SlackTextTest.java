package dev.wrapup.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackTextTest {
    @Test
    void mentionsAreReadWithOrWithoutTheName() {
        assertEquals(Optional.of("U012AB"), SlackText.userId("<@U012AB>"));
        assertEquals(Optional.of("U012AB"), SlackText.userId(" <@U012AB|ernest> "));
        assertEquals(Optional.of("W0ENT"), SlackText.userId("<@W0ENT|x>"));
        assertTrue(SlackText.userId("@ernest").isEmpty());
        assertTrue(SlackText.userId("<#C012|general>").isEmpty());
        assertTrue(SlackText.userId("<!here>").isEmpty());
    }

    @Test
    void datesAreSlackDateTokensWithAUtcFallback() {
        assertEquals("<!date^1795305600^{date_short_pretty} at {time}|2026-11-22 00:00 UTC>",
                SlackText.date(Instant.parse("2026-11-22T00:00:00Z")));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a &lt;b&gt; &amp; c", SlackText.escape("a <b> & c"));
    }
}
