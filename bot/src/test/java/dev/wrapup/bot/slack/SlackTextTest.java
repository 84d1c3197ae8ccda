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
        assertEquals(
                "<!date^1795305600^{date_short_pretty} at {time}|2026-11-22 00:00 UTC>",
                SlackText.date(Instant.parse("2026-11-22T00:00:00Z")));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a &lt;b&gt; &amp; c", SlackText.escape("a <b> & c"));
    }

    @Test
    void broadcastsAndGroupMentionsCannotPingACompanyWideChannel() {
        String out =
                SlackText.neutraliseBroadcasts(
                        "<!channel> <!here|here> <!everyone> ping <!subteam^S0ONCALL|@oncall> and <!subteam^S0X> @here ok <@U1>");
        assertEquals(
                "@\u200Bchannel @\u200Bhere @\u200Beveryone ping @\u200Boncall and @\u200Bgroup "
                        + "@\u200Bhere ok <@U1>",
                out);
        assertEquals("nothing to do", SlackText.neutraliseBroadcasts("nothing to do"));
    }

    @Test
    void longTextIsCutWithAMark() {
        assertEquals("abc", SlackText.truncate("abc", 3));
        assertEquals("ab…", SlackText.truncate("abcd", 3));
    }
}
