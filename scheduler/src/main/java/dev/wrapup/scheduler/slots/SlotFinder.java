package dev.wrapup.scheduler.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks the analysis call's time: the earliest 30-minute slot inside as many attendees' working
 * hours as possible.
 */
public final class SlotFinder {
    /** How long the analysis call is, and the step between candidates. */
    public static final Duration SLOT_LENGTH = Duration.ofMinutes(30);

    /**
     * How far past the earliest time the search looks; candidates start before {@code earliest +
     * HORIZON}.
     */
    public static final Duration HORIZON = Duration.ofDays(14);

    private final WorkingHours hours;
    private final Duration alignment;

    public SlotFinder(WorkingHours hours) {
        this(hours, SLOT_LENGTH);
    }

    /**
     * With a finer alignment (WRAPUP_SLOT_ALIGNMENT) the first candidate is {@code earliest}
     * rounded to it, and the later ones stay on the half-hour grid: a short delay in a demo or a
     * test then starts the call on time instead of at the next half hour.
     */
    public SlotFinder(WorkingHours hours, Duration alignment) {
        this.hours = Objects.requireNonNull(hours, "hours");
        if (alignment.isZero() || alignment.isNegative() || alignment.compareTo(SLOT_LENGTH) > 0) {
            throw new IllegalArgumentException(
                    "the alignment must be between 1 s and " + SLOT_LENGTH + ": " + alignment);
        }
        this.alignment = alignment;
    }

    /**
     * The first slot starting at or after {@code earliest} (rounded up to the next whole or half
     * hour UTC) and before {@code earliest + HORIZON} that is working time for the greatest number
     * of attendees; among equally good slots, the earliest. With no attendees, the first slot
     * inside working hours in UTC.
     *
     * <p>Attendees whose Slack timezone is unknown are expected in UTC (see {@link
     * Attendee#withSlackTz}); they are then judged on UTC working hours, like everyone else on
     * their own.
     *
     * <p>When no slot in the horizon is working time for anyone (hours shorter than a slot, or a
     * grid that never meets the hours, such as a +05:45 zone with 09:00-09:30), the call still has
     * to happen: the answer is then the rounded {@code earliest} with every attendee in {@link
     * Slot#notSuited()}, so the caller can say so.
     */
    public Slot find(Instant earliest, List<Attendee> attendees) {
        Objects.requireNonNull(earliest, "earliest");
        List<Attendee> people = List.copyOf(attendees);
        // Nobody to ask: judge the slot on UTC's clock, which is how an empty call gets announced.
        List<ZoneId> zones =
                people.isEmpty()
                        ? List.of(ZoneOffset.UTC)
                        : people.stream().map(Attendee::zone).toList();

        Instant first = alignUp(earliest, alignment);
        Instant limit = earliest.plus(HORIZON);
        Instant best = first;
        int bestCount = 0;
        for (Instant start = first;
                start.isBefore(limit);
                start = alignUp(start.plusNanos(1), SLOT_LENGTH)) {
            int count = 0;
            for (ZoneId zone : zones) {
                if (suits(start, zone)) {
                    count++;
                }
            }
            // Strictly more: a later slot has to suit more people to beat an earlier one.
            if (count > bestCount) {
                best = start;
                bestCount = count;
                if (count == zones.size()) {
                    break;
                }
            }
        }

        List<Attendee> suited = new ArrayList<>();
        List<Attendee> notSuited = new ArrayList<>();
        for (Attendee a : people) {
            (suits(best, a.zone()) ? suited : notSuited).add(a);
        }
        return new Slot(best, best.plus(SLOT_LENGTH), suited, notSuited);
    }

    /** Whether a call starting then is inside working hours on the attendee's clock. */
    public boolean suits(Instant start, ZoneId zone) {
        return hours.contains(start.atZone(zone), SLOT_LENGTH);
    }

    /**
     * The instant itself if it is on a whole or half hour UTC, otherwise the next one.
     *
     * <p>One grid has to serve a team spread over several zones, and whole and half hours UTC suit
     * the most people: every zone in use today except a handful (Nepal +05:45, Chatham Islands
     * +12:45, Eucla +08:45) is a multiple of 30 minutes from UTC, so the grid is also whole and
     * half hours on nearly everyone's own clock, India (+05:30), Newfoundland (-03:30) and Adelaide
     * (+09:30) included. Each candidate is still judged on each attendee's wall clock; in a +05:45
     * zone the slots fall on :15 and :45 local time (09:15-09:45).
     */
    static Instant alignUp(Instant instant) {
        return alignUp(instant, SLOT_LENGTH);
    }

    static Instant alignUp(Instant instant, Duration grid) {
        long step = grid.toSeconds();
        long seconds = instant.getEpochSecond();
        long floor = seconds - Math.floorMod(seconds, step);
        return floor == seconds && instant.getNano() == 0
                ? instant
                : Instant.ofEpochSecond(floor + step);
    }
}
