package dev.wrapup.scheduler.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the analysis call's time: a 30-minute slot inside as many attendees' working hours as
 * possible, the earliest unless a slot soon after spares someone inconvenienced more often.
 */
public final class SlotFinder {
    /** How long the analysis call is, and the step between candidates. */
    public static final Duration SLOT_LENGTH = Duration.ofMinutes(30);

    /**
     * How far past the earliest time the search looks; candidates start before {@code earliest +
     * HORIZON}.
     */
    public static final Duration HORIZON = Duration.ofDays(14);

    /**
     * How far after the first best slot an equally good one may be chosen instead, to spare whoever
     * was inconvenienced most: a day, so that a team spread around the world meets each side's day
     * in turn.
     */
    public static final Duration FAIRNESS_WINDOW = Duration.ofHours(24);

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

    /** {@link #find(Instant, List, Map)} with nobody inconvenienced before: the earliest wins. */
    public Slot find(Instant earliest, List<Attendee> attendees) {
        return find(earliest, attendees, Map.of());
    }

    /**
     * The slot starting at or after {@code earliest} (rounded up to the next whole or half hour
     * UTC) and before {@code earliest + HORIZON} that is working time for the greatest number of
     * attendees, sharing the inconvenience: among the slots that suit that many people and start
     * within {@link #FAIRNESS_WINDOW} of the first of them, the one that spares whoever was
     * inconvenienced most often. With no attendees, the first slot inside working hours in UTC.
     *
     * <p>How two equally good slots compare: each slot's not-suited attendees' counts from {@code
     * burden}, sorted from most to least, are compared number by number and the smaller list wins
     * (so a slot outside the hours of someone inconvenienced 3 times loses to one outside the hours
     * of two people inconvenienced twice each); equal lists go to the earlier slot. The lists are
     * always as long as each other (equally good slots suit as many people), so equal lists also
     * mean equal totals. The window keeps the call near its time: nobody's call moves days away to
     * spare someone.
     *
     * <p>Attendees whose Slack timezone is unknown are expected in UTC (see {@link
     * Attendee#withSlackTz}); they are then judged on UTC working hours, like everyone else on
     * their own.
     *
     * <p>When no slot in the horizon is working time for anyone (hours shorter than a slot, or a
     * grid that never meets the hours, such as a +05:45 zone with 09:00-09:30), the call still has
     * to happen: the answer is then the rounded {@code earliest} with every attendee in {@link
     * Slot#notSuited()}, so the caller can say so.
     *
     * @param burden how often each attendee's calls fell outside their working hours lately, by
     *     user id; someone missing counts 0
     */
    public Slot find(Instant earliest, List<Attendee> attendees, Map<String, Integer> burden) {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(burden, "burden");
        List<Attendee> people = List.copyOf(attendees);
        // Nobody to ask: judge the slot on UTC's clock, which is how an empty call gets announced.
        List<Attendee> judged =
                people.isEmpty() ? List.of(new Attendee("", ZoneOffset.UTC)) : people;

        Instant first = alignUp(earliest, alignment);
        Instant limit = earliest.plus(HORIZON);
        List<Instant> starts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int bestCount = 0;
        for (Instant start = first;
                start.isBefore(limit);
                start = alignUp(start.plusNanos(1), SLOT_LENGTH)) {
            int count = 0;
            for (Attendee a : judged) {
                if (suits(start, a.zone())) {
                    count++;
                }
            }
            starts.add(start);
            counts.add(count);
            bestCount = Math.max(bestCount, count);
            if (count == judged.size()) {
                break; // suits everyone: nobody to spare, and nothing later can be better
            }
        }

        Instant best = first;
        int[] bestBurden = null;
        Instant windowEnd = null;
        for (int i = 0; bestCount > 0 && i < starts.size(); i++) {
            Instant start = starts.get(i);
            if (windowEnd != null && !start.isBefore(windowEnd)) {
                break;
            }
            if (counts.get(i) != bestCount) {
                continue;
            }
            if (windowEnd == null) {
                windowEnd = start.plus(FAIRNESS_WINDOW);
            }
            int[] spared = burdenOfNotSuited(start, people, burden);
            // Strictly less: a later slot has to spare the most burdened to beat an earlier one.
            if (bestBurden == null || Arrays.compare(spared, bestBurden) < 0) {
                best = start;
                bestBurden = spared;
            }
        }

        List<Attendee> suited = new ArrayList<>();
        List<Attendee> notSuited = new ArrayList<>();
        for (Attendee a : people) {
            (suits(best, a.zone()) ? suited : notSuited).add(a);
        }
        return new Slot(best, best.plus(SLOT_LENGTH), suited, notSuited);
    }

    /** The not-suited attendees' counts, most first. */
    private int[] burdenOfNotSuited(
            Instant start, List<Attendee> people, Map<String, Integer> burden) {
        return people.stream()
                .filter(a -> !suits(start, a.zone()))
                .map(a -> burden.getOrDefault(a.userId(), 0))
                .sorted(Comparator.reverseOrder())
                .mapToInt(Integer::intValue)
                .toArray();
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
