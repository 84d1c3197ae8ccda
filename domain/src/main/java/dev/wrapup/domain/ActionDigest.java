package dev.wrapup.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * One person's weekly digest: their own open action items, and the overdue items of the wrap-ups
 * they facilitated that others own; each item in one part only.
 *
 * @param weekOf the Monday it is for, in the person's timezone
 */
public record ActionDigest(
        String userId, LocalDate weekOf, List<ActionItem> own, List<ActionItem> facilitated) {

    /** When on Monday the digest is due, where the person is. */
    public static final LocalTime SEND_AT = LocalTime.of(9, 0);

    /** How many items of each part the message lists; the rest are counted. */
    public static final int OWN_SHOWN = 10;

    public static final int FACILITATED_SHOWN = 8;

    /**
     * The week whose digest is due at this local time: Monday from 09:00 to midnight. A digest
     * missed on its Monday (the bot was down all day) is not sent on Tuesday: the next one comes
     * the Monday after.
     */
    public static Optional<LocalDate> dueWeek(ZonedDateTime local) {
        return local.getDayOfWeek() == DayOfWeek.MONDAY && !local.toLocalTime().isBefore(SEND_AT)
                ? Optional.of(local.toLocalDate())
                : Optional.empty();
    }

    /**
     * Who may have something to read: the owners of open items, and the facilitators of wrap-ups
     * with open items that have a due date (overdue or not depends on the reader's own date).
     */
    public static Set<String> candidates(
            List<ActionItem> open, LongFunction<String> facilitatorOf) {
        Set<String> people = new LinkedHashSet<>();
        for (ActionItem item : open) {
            people.add(item.ownerId());
        }
        for (ActionItem item : open) {
            String facilitator =
                    item.dueOn() == null ? null : facilitatorOf.apply(item.incidentId());
            if (facilitator != null) {
                people.add(facilitator);
            }
        }
        return people;
    }

    /**
     * The person's digest for the week, from every open item; empty when there is nothing to tell
     * them.
     */
    public static Optional<ActionDigest> of(
            String userId,
            LocalDate weekOf,
            List<ActionItem> open,
            LongFunction<String> facilitatorOf) {
        List<ActionItem> own =
                open.stream().filter(i -> i.open() && i.ownerId().equals(userId)).toList();
        List<ActionItem> facilitated =
                open.stream()
                        .filter(i -> i.open() && !i.ownerId().equals(userId))
                        .filter(i -> overdue(i, weekOf))
                        .filter(i -> userId.equals(facilitatorOf.apply(i.incidentId())))
                        .toList();
        return own.isEmpty() && facilitated.isEmpty()
                ? Optional.empty()
                : Optional.of(new ActionDigest(userId, weekOf, own, facilitated));
    }

    /** Past its due date on that day (an item due today is not overdue yet). */
    public static boolean overdue(ActionItem item, LocalDate today) {
        return item.open() && item.dueOn() != null && item.dueOn().isBefore(today);
    }

    /** Whole days since the item was given, by the reader's calendar. */
    public static long ageInDays(ActionItem item, LocalDate today, ZoneId zone) {
        return Math.max(
                0, ChronoUnit.DAYS.between(item.createdAt().atZone(zone).toLocalDate(), today));
    }
}
