package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.wrapup.bot.testing.BotTest;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.Poll;
import dev.wrapup.bot.testing.Rows;
import dev.wrapup.bot.testing.SlackEvents;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.Participant;
import dev.wrapup.domain.SlackTs;
import dev.wrapup.domain.TimelineEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Everything said in an incident channel lands on the timeline, exactly once, as it was said. */
class TimelineCaptureTest extends BotTest {
    static final String OPS = "C0OPS";

    @Test
    void plainMessagesThreadRepliesAlertsMeMessagesFilesAndLinks() {
        Incident incident = declareHere(OPS, "Disk full on db-3");
        String parent = fake.nextTs();
        event(SlackEvents.message(OPS, BOB, "db-3 is at 100% disk", parent));
        String reply = fake.nextTs();
        event(SlackEvents.threadReply(OPS, ALICE, "which volume?", reply, parent));
        String alert = fake.nextTs();
        event(
                SlackEvents.botMessage(
                        OPS,
                        "B0PAGER",
                        "PagerDuty",
                        "",
                        "[Triggered] Disk usage > 95%",
                        "host db-3, /var/lib/postgresql",
                        alert));
        String me = fake.nextTs();
        event(SlackEvents.meMessage(OPS, ALICE, "is restarting the vacuum job", me));
        String file = fake.nextTs();
        event(
                SlackEvents.fileShare(
                        OPS, BOB, "graph attached", file, "F0GRAPH", "disk.png", "png"));
        String link = fake.nextTs();
        event(
                SlackEvents.message(
                        OPS,
                        BOB,
                        "runbook: <https://wiki.example/runbooks/disk|disk runbook>",
                        link));

        TimelineEntry p = entry(OPS, parent);
        assertEquals(EntryKind.MESSAGE, p.kind());
        assertEquals(BOB, p.authorId());
        assertEquals(
                Instant.ofEpochSecond(
                        Long.parseLong(parent.split("\\.")[0]),
                        Long.parseLong(parent.split("\\.")[1]) * 1000),
                p.occurredAt());
        assertNotNull(p.recordedAt());

        TimelineEntry r = entry(OPS, reply);
        assertEquals(EntryKind.THREAD_REPLY, r.kind());
        assertEquals(parent, r.threadTs());

        TimelineEntry a = entry(OPS, alert);
        assertEquals("B0PAGER", a.authorId());
        assertEquals("PagerDuty", a.authorName());
        assertTrue(a.text().contains("[Triggered] Disk usage > 95%"), a.text());
        assertTrue(a.text().contains("host db-3"), a.text());

        TimelineEntry m = entry(OPS, me);
        assertEquals("me_message", m.subtype());

        TimelineEntry f = entry(OPS, file);
        assertEquals(EntryKind.FILE, f.kind());
        assertEquals("disk.png", f.files().get(0).name());
        assertEquals("png", f.files().get(0).type());
        assertTrue(f.files().get(0).permalink().startsWith("https://fake.slack.com/files/"));

        assertEquals(List.of("https://wiki.example/runbooks/disk"), entry(OPS, link).links());

        List<String> order =
                entries(incident).stream().map(TimelineEntry::ts).filter(ts -> ts != null).toList();
        assertEquals(List.of(parent, reply, alert, me, file, link), order, "time order");
        // Alerts are not participants; people are.
        Poll.until(
                "Alice and Bob named as participants",
                () ->
                        participants().list(incident.id()).stream()
                                        .filter(x -> x.displayName() != null)
                                        .count()
                                == 2);
        List<Participant> people = participants().list(incident.id());
        assertEquals(List.of(ALICE, BOB), people.stream().map(Participant::userId).toList());
        assertEquals("America/Los_Angeles", people.get(1).tz());
    }

    @Test
    void editsKeepEveryEarlierVersionAndDeletionsLeaveAMarker() {
        declareHere(OPS, "Bad deploy");
        String ts = fake.nextTs();
        event(SlackEvents.message(OPS, BOB, "I think it's the cache", ts));
        entry(OPS, ts);
        String edit1 = fake.nextTs();
        event(
                SlackEvents.messageChanged(
                        OPS,
                        BOB,
                        ts,
                        "I think it's the cache",
                        "I think it's the CDN",
                        edit1,
                        edit1));
        String edit2 = fake.nextTs();
        event(
                SlackEvents.messageChanged(
                        OPS,
                        BOB,
                        ts,
                        "I think it's the CDN",
                        "It's the CDN config push",
                        edit2,
                        edit2));
        // An unfurl: message_changed with the same text adds no version.
        String unfurl = fake.nextTs();
        event(
                SlackEvents.messageChanged(
                        OPS,
                        BOB,
                        ts,
                        "It's the CDN config push",
                        "It's the CDN config push",
                        unfurl,
                        unfurl));

        TimelineEntry edited = entry(OPS, ts);
        assertEquals("It's the CDN config push", edited.text());
        assertEquals(
                List.of("I think it's the cache", "I think it's the CDN"),
                edited.versions().stream().map(TimelineEntry.Version::text).toList());
        assertEquals(edit2, SlackTs.of(edited.editedAt()));

        String gone = fake.nextTs();
        event(SlackEvents.message(OPS, ALICE, "oops wrong channel", gone));
        entry(OPS, gone);
        String deletedAt = fake.nextTs();
        event(SlackEvents.messageDeleted(OPS, ALICE, gone, "oops wrong channel", deletedAt));
        TimelineEntry deleted = entry(OPS, gone);
        assertTrue(deleted.deleted());
        assertEquals("oops wrong channel", deleted.text(), "the text is kept");
        assertEquals(deletedAt, SlackTs.of(deleted.deletedAt()));
    }

    @Test
    void editOfAMessageFromBeforeRecordingKeepsBothTexts() {
        declareHere(OPS, "Latency");
        String old = SlackTs.of(Instant.now().minusSeconds(86_400));
        String editTs = fake.nextTs();
        event(
                SlackEvents.messageChanged(
                        OPS, BOB, old, "yesterday's text", "edited today", editTs, editTs));
        TimelineEntry e = entry(OPS, old);
        assertEquals("edited today", e.text());
        assertEquals("yesterday's text", e.versions().get(0).text());
    }

    @Test
    void threadBroadcastIsRecordedOnce() {
        Incident incident = declareHere(OPS, "Login failures");
        String parent = fake.nextTs();
        event(SlackEvents.message(OPS, BOB, "SSO is failing", parent));
        String broadcast = fake.nextTs();
        JsonObject event =
                SlackEvents.threadBroadcast(
                        OPS, ALICE, "IdP cert expired, renewing", broadcast, parent);
        event(event);
        // Slack also tells the channel that the parent got a reply.
        JsonObject replied = new JsonObject();
        replied.addProperty("type", "message");
        replied.addProperty("subtype", "message_replied");
        replied.addProperty("channel", OPS);
        replied.addProperty("ts", fake.nextTs());
        replied.add("message", SlackEvents.message(OPS, BOB, "SSO is failing", parent));
        event(replied);
        entry(OPS, broadcast);
        long copies =
                entries(incident).stream()
                        .filter(e -> "IdP cert expired, renewing".equals(e.text()))
                        .count();
        assertEquals(1, copies);
        assertEquals(EntryKind.THREAD_REPLY, entry(OPS, broadcast).kind());
        assertEquals("thread_broadcast", entry(OPS, broadcast).subtype());
        assertEquals(3, entries(incident).size(), "declared, parent, broadcast");
    }

    @Test
    void pinsAndTheHighlightReactionMarkKeyMomentsAndRemovingThemUnmarks() {
        Incident incident = declareHere(OPS, "Packet loss");
        String ts = fake.nextTs();
        event(SlackEvents.message(OPS, BOB, "found it: the ToR switch is flapping", ts));
        entry(OPS, ts);

        event(SlackEvents.reaction(true, OPS, CAROL, "pushpin", ts, fake.nextTs()));
        assertTrue(entry(OPS, ts).highlighted());
        assertTrue(entry(OPS, ts).keyMoment());
        event(SlackEvents.reaction(false, OPS, CAROL, "pushpin", ts, fake.nextTs()));
        assertFalse(entry(OPS, ts).keyMoment());

        event(SlackEvents.pin(true, OPS, ALICE, ts, "found it", fake.nextTs()));
        assertTrue(entry(OPS, ts).pinned());
        assertTrue(entry(OPS, ts).keyMoment());
        event(SlackEvents.pin(false, OPS, ALICE, ts, "found it", fake.nextTs()));
        assertFalse(entry(OPS, ts).keyMoment());

        event(SlackEvents.reaction(true, OPS, CAROL, "eyes", ts, fake.nextTs()));
        assertFalse(entry(OPS, ts).keyMoment(), "other reactions mark nothing");

        List<EntryKind> kinds = entries(incident).stream().map(TimelineEntry::kind).toList();
        assertEquals(
                List.of(
                        EntryKind.SYSTEM,
                        EntryKind.MESSAGE,
                        EntryKind.REACTION_HIGHLIGHT,
                        EntryKind.REACTION_HIGHLIGHT,
                        EntryKind.PIN,
                        EntryKind.PIN),
                kinds);
        assertEquals(ts, entries(incident).get(2).targetTs());
        assertTrue(
                participants().list(incident.id()).stream()
                        .anyMatch(p -> p.userId().equals(CAROL) && p.joinedBy().equals("reacted")),
                "a reaction makes a participant");
    }

    @Test
    void joinsAndInvitesMakeParticipants() {
        Incident incident = declareHere(OPS, "Replication lag");
        event(SlackEvents.memberJoined(OPS, CAROL, ALICE));
        String joinTs = fake.nextTs();
        event(SlackEvents.channelJoin(OPS, CAROL, joinTs));
        assertEquals(EntryKind.JOIN, entry(OPS, joinTs).kind());
        Participant carol =
                participants().list(incident.id()).stream()
                        .filter(p -> p.userId().equals(CAROL))
                        .findFirst()
                        .orElseThrow();
        assertEquals("invited", carol.joinedBy());
    }

    @Test
    void usersAreLookedUpOnceNotPerMessage() {
        Incident incident = declareHere(OPS, "Noisy channel");
        for (int i = 0; i < 20; i++) {
            event(SlackEvents.message(OPS, BOB, "update " + i, fake.nextTs()));
        }
        Poll.until(
                "Bob's name on all his entries",
                () ->
                        entries(incident).stream()
                                .filter(e -> BOB.equals(e.authorId()))
                                .allMatch(e -> "Bob".equals(e.authorName())));
        assertEquals(
                1,
                fake.requests("users.info").stream()
                        .filter(c -> BOB.equals(c.param("user")))
                        .count());
    }

    @Test
    void messagesInOtherChannelsAreNotStored() {
        declareHere(OPS, "Only here");
        String ts = fake.nextTs();
        event(SlackEvents.message(GENERAL, BOB, "lunch?", ts));
        assertTrue(timeline().find(GENERAL, ts).isEmpty());
        assertEquals(
                0,
                Rows.number(
                        bot.wrapup().database(),
                        "select count(*) from timeline_entry where channel_id = ?",
                        GENERAL));
    }

    @Test
    void aRetriedEventIsStoredOnce() {
        Incident incident = declareHere(OPS, "Retries");
        String ts = fake.nextTs();
        JsonObject message = SlackEvents.message(OPS, BOB, "only once please", ts);
        for (int retry = 0; retry < 3; retry++) {
            HttpResponse<String> response = bot.slack().event(message, "Ev0RETRY0001", retry);
            assertEquals(200, response.statusCode());
        }
        // An edit retried three times adds one version, not three.
        String editTs = fake.nextTs();
        JsonObject edit =
                SlackEvents.messageChanged(
                        OPS, BOB, ts, "only once please", "only once, please", editTs, editTs);
        for (int retry = 0; retry < 3; retry++) {
            assertEquals(200, bot.slack().event(edit, "Ev0RETRY0002", retry).statusCode());
        }
        assertEquals(1, entries(incident).stream().filter(e -> ts.equals(e.ts())).count());
        assertEquals(1, entry(OPS, ts).versions().size());
    }

    @Test
    void anUnsignedEventIsRefusedAndStoresNothing() {
        Incident incident = declareHere(OPS, "Forgery");
        String ts = fake.nextTs();
        String body =
                SlackRequests.eventEnvelope(
                                SlackEvents.message(OPS, BOB, "forged", ts), "Ev0FORGED")
                        .toString();
        HttpResponse<String> response = bot.slack().forged(body, "application/json");
        assertEquals(401, response.statusCode());
        assertTrue(timeline().find(OPS, ts).isEmpty());
        assertEquals(1, entries(incident).size());
    }

    @Test
    void theAckDoesNotWaitForTheWebApi() throws Exception {
        declareHere(OPS, "Slow Slack");
        CountDownLatch release = new CountDownLatch(1);
        fake.answer(
                "users.info",
                call -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    JsonObject user = new JsonObject();
                    user.addProperty("id", call.param("user"));
                    user.addProperty("name", "dave");
                    JsonObject o = new JsonObject();
                    o.addProperty("ok", true);
                    o.add("user", user);
                    return o;
                });
        String ts = fake.nextTs();
        // users.info for this new user is held until the ack has come back.
        event(SlackEvents.message(OPS, "U0DAVE", "I'm new here", ts));
        fake.await("users.info", c -> "U0DAVE".equals(c.param("user")));
        assertEquals(
                "I'm new here",
                timeline().find(OPS, ts).orElseThrow().text(),
                "stored before the ack");
        release.countDown();
        Poll.until(
                "Dave's name filled in",
                () -> "dave".equals(timeline().find(OPS, ts).orElseThrow().authorName()));
    }

    @Test
    void unhandledEventTypesAreAcknowledged() {
        JsonObject event = new JsonObject();
        event.addProperty("type", "emoji_changed");
        event.addProperty("subtype", "add");
        event.addProperty("event_ts", fake.nextTs());
        HttpResponse<String> response = bot.slack().event(event);
        assertEquals(200, response.statusCode(), "Slack would retry a 404");
    }

    @Test
    void usersInfoFailureDoesNotLoseTheEntry() {
        Incident incident = declareHere(OPS, "Flaky Slack");
        fake.fail("users.info", 500, 100, 0);
        String ts = fake.nextTs();
        event(SlackEvents.message(OPS, "U0ERIN", "still recorded", ts));
        assertEquals("still recorded", entry(OPS, ts).text());
        assertNull(entry(OPS, ts).authorName());
        assertTrue(
                participants().list(incident.id()).stream()
                        .anyMatch(p -> p.userId().equals("U0ERIN")));
        Poll.until(
                "users.info retried",
                () ->
                        fake.requests("users.info").stream()
                                        .filter(c -> "U0ERIN".equals(c.param("user")))
                                        .count()
                                >= 2,
                Duration.ofSeconds(15));
    }

    @Test
    void theBotsOwnMessagesAreNotDoubled() {
        Incident incident = declareHere(OPS, "Own messages");
        String ts = fake.nextTs();
        JsonObject own =
                SlackEvents.message(OPS, FakeSlack.BOT_USER_ID, "Status is now identified", ts);
        own.addProperty("bot_id", FakeSlack.BOT_ID);
        event(own);
        command("/incident", "status identified", ALICE, OPS);
        assertTrue(timeline().find(OPS, ts).isEmpty());
        assertEquals(2, entries(incident).size(), "declared + status");
    }
}
