package dev.wrapup.bot.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.persistence.Timeline.NewEntry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {
    private static Optional<NewEntry> entry(JsonObject message) {
        return SlackMessages.entry(
                7, "C1", message, id -> id.equals("U1") ? Optional.of("Una") : Optional.empty());
    }

    @Test
    void aPlainMessageKeepsAuthorNameAndTime() {
        NewEntry e =
                entry(SlackEvents.message("C1", "U1", "hello", "1700000000.000100")).orElseThrow();
        assertEquals(EntryKind.MESSAGE, e.kind());
        assertEquals("Una", e.authorName());
        assertEquals(1_700_000_000L, e.occurredAt().getEpochSecond());
        assertEquals(100_000, e.occurredAt().getNano());
    }

    @Test
    void editsDeletionsAndPinNoticesAreNotEntriesOfTheirOwn() {
        assertTrue(
                entry(SlackEvents.messageChanged("C1", "U1", "1.1", "a", "b", "2.2", "2.2"))
                        .isEmpty());
        assertTrue(entry(SlackEvents.messageDeleted("C1", "U1", "1.1", "a", "2.2")).isEmpty());
        JsonObject pinned = SlackEvents.message("C1", "U1", "pinned a message", "3.3");
        pinned.addProperty("subtype", "pinned_item");
        assertTrue(entry(pinned).isEmpty());
    }

    @Test
    void channelEventsAreJoinOrSystemEntries() {
        assertEquals(
                EntryKind.JOIN,
                entry(SlackEvents.channelJoin("C1", "U2", "4.4")).orElseThrow().kind());
        JsonObject topic = SlackEvents.message("C1", "U1", "set the topic", "5.5");
        topic.addProperty("subtype", "channel_topic");
        assertEquals(EntryKind.SYSTEM, entry(topic).orElseThrow().kind());
    }

    @Test
    void alertAttachmentsAreKeptAsText() {
        NewEntry e =
                entry(
                                SlackEvents.botMessage(
                                        "C1", "B1", "Grafana", "", "High latency", "p99 2s", "6.6"))
                        .orElseThrow();
        assertEquals("High latency\np99 2s", e.text());
        assertEquals("Grafana", e.authorName());
        assertEquals("B1", e.authorId());
    }
}
