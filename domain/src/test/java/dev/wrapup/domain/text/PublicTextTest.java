package dev.wrapup.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PublicTextTest {
    private static final String Q = "@\u200B";
    private final Function<String, String> names = id -> Map.of("U1", "Alice").getOrDefault(id, id);

    @Test
    void mentionsReadAsNamesThatDoNotPing() {
        assertEquals(
                "ask " + Q + "Alice and " + Q + "bob",
                PublicText.of("ask <@U1> and <@U2|bob>", names));
        assertEquals("ask " + Q + "U3", PublicText.of("ask <@U3>", names));
    }

    @Test
    void linksShowTheirRealTarget() {
        assertEquals(
                "https://status.example (https://evil.example/login)",
                PublicText.of("<https://evil.example/login|https://status.example>", names));
        assertEquals(
                "the runbook (https://wiki.example/rb)",
                PublicText.of("<https://wiki.example/rb|the runbook>", names));
        assertEquals("https://wiki.example/rb", PublicText.of("<https://wiki.example/rb>", names));
        assertEquals(
                "https://wiki.example/rb",
                PublicText.of("<https://wiki.example/rb|wiki.example/rb>", names));
        assertEquals(
                "ops@example.com",
                PublicText.of("<mailto:ops@example.com|ops@example.com>", names));
    }

    @Test
    void broadcastsAndGroupsAreNeutralised() {
        assertEquals(
                Q + "channel " + Q + "here " + Q + "everyone " + Q + "oncall",
                PublicText.of("<!channel> <!here|here> <!everyone> <!subteam^S1|@oncall>", names));
        assertEquals(
                "hey " + Q + "channel and " + Q + "here",
                PublicText.of("hey @channel and @here", names));
    }

    @Test
    void channelsAndDatesReadAsText() {
        assertEquals(
                "see #ops at 2026-12-01 10:00 UTC",
                PublicText.of(
                        "see <#C1|ops> at <!date^1796119200^{date}|2026-12-01 10:00 UTC>", names));
    }

    @Test
    void whatIsNotSlackMarkupIsLeftAsWritten() {
        assertEquals("a <b> tag and x < y", PublicText.of("a <b> tag and x < y", names));
        assertEquals(null, PublicText.of(null, names));
    }
}
