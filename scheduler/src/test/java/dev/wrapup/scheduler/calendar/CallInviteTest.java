package dev.wrapup.scheduler.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

class CallInviteTest {
    private static final Instant START = Instant.parse("2025-06-16T07:00:00Z");
    private static final Instant END = Instant.parse("2025-06-16T07:30:00Z");
    private static final Instant STAMP = Instant.parse("2025-06-14T16:41:07Z");
    private static final URI VIDEO = URI.create("https://meet.example.com/inc-42?pwd=a%2Fb&x=1");

    private static CallInvite invite() {
        return CallInvite.first(
                42,
                "Analysis call: checkout outage",
                START,
                END,
                "Agenda: what went well, what went wrong, what we could do better.",
                VIDEO);
    }

    @Test
    void icsParsesBackWithTheEventsDetails() throws Exception {
        Calendar calendar = parse(invite().toIcs(STAMP));

        assertEquals("PUBLISH", calendar.getMethod().orElseThrow().getValue());
        assertEquals(CallInvite.PRODUCT_ID, calendar.getProductId().orElseThrow().getValue());
        assertEquals("2.0", calendar.getVersion().orElseThrow().getValue());
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertEquals(1, events.size());
        VEvent event = events.get(0);
        assertEquals("wrapup-incident-42@wrapup", event.getUid().orElseThrow().getValue());
        assertEquals(0, event.getSequence().orElseThrow().getSequenceNo());
        assertEquals(START, instant(event.getProperty(Property.DTSTART)));
        assertEquals(END, instant(event.getProperty(Property.DTEND)));
        assertEquals(STAMP, instant(event.getProperty(Property.DTSTAMP)));
        assertEquals("Analysis call: checkout outage", event.getSummary().orElseThrow().getValue());
        assertEquals(
                "Agenda: what went well, what went wrong, what we could do better.",
                event.getDescription().orElseThrow().getValue());
        assertEquals(VIDEO, URI.create(event.getProperty(Property.URL).orElseThrow().getValue()));
        assertEquals(VIDEO.toString(), event.getLocation().orElseThrow().getValue());
        assertEquals(
                CallInvite.ORGANIZER.toString(),
                event.getProperty(Property.ORGANIZER).orElseThrow().getValue());
    }

    @Test
    void timesAreWrittenInUtc() {
        String ics = invite().toIcs(STAMP);
        assertTrue(ics.contains("\r\nDTSTART:20250616T070000Z\r\n"), ics);
        assertTrue(ics.contains("\r\nDTEND:20250616T073000Z\r\n"), ics);
        assertTrue(ics.contains("\r\nDTSTAMP:20250614T164107Z\r\n"), ics);
        assertFalse(ics.contains("TZID"), ics);
        assertFalse(ics.contains("VTIMEZONE"), ics);
    }

    @Test
    void linesEndWithCrlfAsRfc5545Requires() {
        String ics = invite().toIcs(STAMP);
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"), ics);
        assertFalse(ics.replace("\r\n", "").contains("\n"), ics);
    }

    @Test
    void uidStaysTheSameAcrossReschedulesWhileSequenceGoesUp() throws Exception {
        CallInvite first = invite();
        CallInvite second =
                first.rescheduled(
                        Instant.parse("2025-06-16T13:00:00Z"),
                        Instant.parse("2025-06-16T13:30:00Z"));
        CallInvite third =
                second.rescheduled(
                        Instant.parse("2025-06-17T08:30:00Z"),
                        Instant.parse("2025-06-17T09:00:00Z"));

        VEvent one = event(first.toIcs(STAMP));
        VEvent two = event(second.toIcs(STAMP.plusSeconds(60)));
        VEvent three = event(third.toIcs(STAMP.plusSeconds(120)));

        assertEquals(one.getUid().orElseThrow().getValue(), two.getUid().orElseThrow().getValue());
        assertEquals(
                one.getUid().orElseThrow().getValue(), three.getUid().orElseThrow().getValue());
        assertEquals(0, one.getSequence().orElseThrow().getSequenceNo());
        assertEquals(1, two.getSequence().orElseThrow().getSequenceNo());
        assertEquals(2, three.getSequence().orElseThrow().getSequenceNo());
        assertEquals(
                Instant.parse("2025-06-17T08:30:00Z"),
                instant(three.getProperty(Property.DTSTART)));
        assertEquals(
                Instant.parse("2025-06-17T09:00:00Z"), instant(three.getProperty(Property.DTEND)));
        assertEquals(STAMP.plusSeconds(120), instant(three.getProperty(Property.DTSTAMP)));
        // Everything else about the call carries over.
        assertEquals(first.title(), third.title());
        assertEquals(first.videoLink(), third.videoLink());
    }

    @Test
    void inviteIsAValidICalendarObject() throws Exception {
        ValidationResult result = parse(invite().toIcs(STAMP)).validate();
        assertFalse(result.hasErrors(), result.toString());
    }

    @Test
    void differentIncidentsHaveDifferentUids() {
        CallInvite other = new CallInvite(43, "Analysis call", START, END, "", null, 0);
        assertNotEquals(invite().uid(), other.uid());
        assertEquals("wrapup-incident-43@wrapup", other.uid());
    }

    @Test
    void specialCharactersInTitleAndDescriptionSurvive() throws Exception {
        String title =
                "DB outage, eu-west; \"payments\" \\ back-slash\nsecond line 🔥 ünïcödé — 日本語\r\nthird: line";
        String description =
                "Agenda:\n1. what went well;\n2. what went wrong, and why\n\n"
                        + "Join: https://x.example/a?b=c,d;e and a long line that needs folding "
                        + "because it is well over seventy-five octets long 🎉🎉🎉";
        CallInvite invite = new CallInvite(7, title, START, END, description, null, 3);
        String ics = invite.toIcs(STAMP);

        VEvent event =
                event(new String(ics.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        // iCalendar text has a single kind of line break: CRLF reads back as LF.
        assertEquals(title.replace("\r\n", "\n"), event.getSummary().orElseThrow().getValue());
        assertEquals(description, event.getDescription().orElseThrow().getValue());
        // Escaped as RFC 5545 text, not smuggled through as raw separators.
        assertTrue(
                ics.contains(
                        "SUMMARY:DB outage\\, eu-west\\; \"payments\" \\\\ back-slash\\nsecond line"),
                ics);
    }

    @Test
    void bareCarriageReturnsAndControlCharactersCannotBreakTheFile() throws Exception {
        String ics =
                new CallInvite(7, "a\rb\u0000c\u0007d\te", START, END, "x\r\ny", null, 0)
                        .toIcs(STAMP);
        assertFalse(ics.replace("\r\n", "").contains("\r"), ics);
        VEvent event = event(ics);
        assertEquals("a\nbcd\te", event.getSummary().orElseThrow().getValue());
        assertEquals("x\ny", event.getDescription().orElseThrow().getValue());
    }

    @Test
    void longLinesAreFoldedToSeventyFiveOctetsWithoutSplittingCharacters() throws Exception {
        // 60 emoji are 120 UTF-16 units and 240 octets: folding by units would cut a surrogate
        // pair.
        String title = "x" + "🔥".repeat(60) + " ü日本".repeat(20) + "y".repeat(200);
        String ics = new CallInvite(7, title, START, END, "", null, 0).toIcs(STAMP);
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        // What a calendar app receives is bytes: the text must survive UTF-8 both ways.
        byte[] file = ics.getBytes(StandardCharsets.UTF_8);
        assertEquals(ics, new String(file, StandardCharsets.UTF_8));
        VEvent event =
                parse(new String(file, StandardCharsets.UTF_8))
                        .<VEvent>getComponent(Component.VEVENT)
                        .orElseThrow();
        assertEquals(title, event.getSummary().orElseThrow().getValue());
    }

    @Test
    void foldingBreaksBeforeTheCharacterThatWouldPassSeventyFiveOctets() {
        String exactly75 = "A".repeat(75);
        assertEquals(exactly75 + "\r\n", CallInvite.fold(exactly75 + "\r\n"));
        assertEquals("A".repeat(75) + "\r\n B\r\n", CallInvite.fold("A".repeat(75) + "B\r\n"));
        // 73 octets, then a 4-octet emoji that would make 77: it moves whole to the next line.
        assertEquals("A".repeat(73) + "\r\n 🔥Z\r\n", CallInvite.fold("A".repeat(73) + "🔥Z\r\n"));
        // Continuation lines hold 74 octets after their leading space.
        assertEquals(
                "A".repeat(75) + "\r\n " + "B".repeat(74) + "\r\n C\r\n",
                CallInvite.fold("A".repeat(75) + "B".repeat(74) + "C\r\n"));
    }

    @Test
    void withoutVideoLinkThereIsNoUrlOrLocation() throws Exception {
        VEvent event =
                event(new CallInvite(42, "Analysis call", START, END, "", null, 0).toIcs(STAMP));
        assertTrue(event.getProperty(Property.URL).isEmpty());
        assertTrue(event.getLocation().isEmpty());
        assertTrue(event.getDescription().isEmpty());
    }

    @Test
    void callMustEndAfterItStarts() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new CallInvite(42, "Analysis call", END, START, "", null, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CallInvite(42, "Analysis call", START, START, "", null, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CallInvite(42, "Analysis call", START, END, "", null, -1));
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(String ics) throws Exception {
        return parse(ics).<VEvent>getComponent(Component.VEVENT).orElseThrow();
    }

    private static Instant instant(Optional<Property> property) {
        Temporal date = ((DateProperty<?>) property.orElseThrow()).getDate();
        return Instant.from(date);
    }
}
