package dev.wrapup.scheduler.calendar;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The analysis call as an iCalendar (.ics) event that calendars update in place when the call
 * moves.
 *
 * @param incidentId the incident the call reviews; it makes the event's UID
 * @param title the event's summary
 * @param start when the call starts
 * @param end when it ends
 * @param description the event's description (agenda, link to the timeline)
 * @param videoLink where to join the call, or {@code null} when none is configured
 * @param sequence 0 for the first invite, one more for each reschedule
 */
public record CallInvite(
        long incidentId,
        String title,
        Instant start,
        Instant end,
        String description,
        URI videoLink,
        int sequence) {
    /** Identifies Wrapup as the producer, in the form RFC 5545 recommends. */
    public static final String PRODUCT_ID = "-//Wrapup//Analysis call//EN";

    /**
     * The organizer RFC 5546 requires of a PUBLISH event. Wrapup has no mailbox, so the address is
     * under the reserved {@code .invalid} domain (RFC 2606): it names Wrapup without inviting mail
     * that would go nowhere.
     */
    public static final URI ORGANIZER = URI.create("mailto:wrapup@wrapup.invalid");

    private static final int MAX_LINE_OCTETS = 75;

    public CallInvite {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(description, "description");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "the call must end after it starts: " + start + " to " + end);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence cannot be negative: " + sequence);
        }
    }

    /** The first invite for a call, sequence 0. */
    public static CallInvite first(
            long incidentId,
            String title,
            Instant start,
            Instant end,
            String description,
            URI videoLink) {
        return new CallInvite(incidentId, title, start, end, description, videoLink, 0);
    }

    /**
     * The event's UID: one per incident, so every reschedule replaces the event in the attendee's
     * calendar instead of adding a second one.
     */
    public String uid() {
        return "wrapup-incident-" + incidentId + "@wrapup";
    }

    /**
     * The same call at a new time, with the next sequence number so calendars take it as the newer
     * version.
     */
    public CallInvite rescheduled(Instant newStart, Instant newEnd) {
        return new CallInvite(
                incidentId, title, newStart, newEnd, description, videoLink, sequence + 1);
    }

    /**
     * The .ics text (METHOD:PUBLISH, times in UTC), stamped with {@code stamp} as the moment it was
     * produced.
     */
    public String toIcs(Instant stamp) {
        Objects.requireNonNull(stamp, "stamp");
        VEvent event = new VEvent(false);
        event.add(new Uid(uid()));
        event.add(new Sequence(sequence));
        event.add(new DtStamp(stamp));
        event.add(new DtStart<>(start));
        event.add(new DtEnd<>(end));
        event.add(new Organizer(new ParameterList(List.of(new Cn("Wrapup"))), ORGANIZER));
        event.add(new Summary(text(title)));
        if (!description.isEmpty()) {
            event.add(new Description(text(description)));
        }
        if (videoLink != null) {
            event.add(new Url(videoLink));
            // Most calendar apps show LOCATION (and make it clickable) but not URL.
            event.add(new Location(videoLink.toString()));
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        // PUBLISH, not REQUEST: Wrapup has no organizer mailbox to collect replies; the event is
        // informational.
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(event);

        return fold(calendar.toString());
    }

    /**
     * iCalendar text has one kind of line break (written as an escaped n) and no other control
     * characters. ical4j escapes LF but lets a bare CR through, which would end the content line
     * early, so CR and CRLF become LF and other controls except tab are dropped.
     */
    private static String text(String value) {
        return value.replace("\r\n", "\n")
                .replace('\r', '\n')
                .replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
    }

    /**
     * Folds content lines at 75 octets of UTF-8 (RFC 5545 section 3.1) without cutting a character
     * in two. ical4j 4.0.x's own folding counts UTF-16 units, so it can split an emoji's surrogate
     * pair across lines, which then cannot be written as UTF-8 (ical4j issue #800; still so in
     * 4.0.7).
     */
    static String fold(String unfolded) {
        StringBuilder out = new StringBuilder();
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = utf8Length(codePoint);
                if (octets + size > MAX_LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1; // the space that marks a continuation counts
                }
                out.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
