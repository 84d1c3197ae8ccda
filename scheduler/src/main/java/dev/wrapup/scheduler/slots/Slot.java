package dev.wrapup.scheduler.slots;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The chosen time for the analysis call and, per attendee, whether it falls in their working hours.
 *
 * @param start when the call starts
 * @param end when it ends
 * @param suited attendees for whom the whole slot is working time, in the order given
 * @param notSuited the other attendees, in the order given
 */
public record Slot(Instant start, Instant end, List<Attendee> suited, List<Attendee> notSuited) {
    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "a slot must end after it starts: " + start + " to " + end);
        }
        suited = List.copyOf(suited);
        notSuited = List.copyOf(notSuited);
    }
}
