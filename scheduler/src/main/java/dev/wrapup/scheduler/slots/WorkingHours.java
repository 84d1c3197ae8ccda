package dev.wrapup.scheduler.slots;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When people work, on their own wall clock: the same days and hours in every participant's
 * timezone.
 *
 * @param days the working days, never empty
 * @param from when the working day starts
 * @param to when it ends; {@link LocalTime#MIDNIGHT} means the end of the day ("24:00")
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    private static final String EXPECTED =
            "expected days and a time range such as \"MON-FRI 09:00-17:00\", "
                    + "\"MON,WED,FRI 08:30-16:00\", \"SAT 10:00-12:00\", \"SUN-THU 08:00-16:00\" or \"MON-SUN 00:00-24:00\" "
                    + "(days MON TUE WED THU FRI SAT SUN; times HH:mm, 24:00 for the end of the day)";
    private static final Pattern FORM =
            Pattern.compile("(\\S+)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    public WorkingHours {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one working day");
        }
        if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
            // Overnight shifts (22:00-06:00) would make "the working day" span two dates; not
            // supported.
            throw new IllegalArgumentException(
                    "working hours must end after they start on the same day, got "
                            + from
                            + "-"
                            + to);
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /**
     * Reads the WRAPUP_WORKING_HOURS form: days (a day, a range such as {@code MON-FRI} or {@code
     * SUN-THU} that may wrap around the week, or a comma-separated list of those), a space, and
     * {@code HH:mm-HH:mm}.
     *
     * @throws IllegalArgumentException naming the text and the form expected
     */
    public static WorkingHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw invalid(text, "it is not days followed by a time range");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : m.group(1).split(",", -1)) {
            String[] ends = item.split("-", -1);
            if (ends.length > 2) {
                throw invalid(text, "\"" + item + "\" is not a day or a range of days");
            }
            DayOfWeek first = day(text, ends[0]);
            DayOfWeek last = ends.length == 2 ? day(text, ends[1]) : first;
            // Walking forward lets a range wrap the week: SUN-THU is Sunday to Thursday.
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        LocalTime from = time(text, m.group(2), false);
        LocalTime to = time(text, m.group(3), true);
        if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
            throw invalid(
                    text,
                    "the end "
                            + m.group(3)
                            + " is not after the start "
                            + m.group(2)
                            + " (working hours cannot run past midnight; write 24:00 for the end of the day)");
        }
        return new WorkingHours(days, from, to);
    }

    /**
     * Whether the whole slot {@code [start, start + length)} is working time on the wall clock of
     * {@code start}'s zone: every moment falls on a working day between {@link #from} and {@link
     * #to}. A slot may run on past midnight only where the hours are continuous (to 24:00, then a
     * working day from 00:00); with hours such as 09:00-17:00 that means the slot lies inside one
     * local day.
     */
    public boolean contains(ZonedDateTime start, Duration length) {
        Objects.requireNonNull(start, "start");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a slot must have a positive length, got " + length);
        }
        // The wall clock jumps at daylight-saving changes, so the slot is checked as the stretches
        // of wall-clock
        // time it really shows: 01:30-03:00 across a spring-forward is 01:30-02:00 then nothing,
        // and a slot
        // across a fall-back shows part of the repeated hour twice. Comparing only the two ends
        // would let a
        // slot through whose middle lies outside the hours.
        ZoneRules rules = start.getZone().getRules();
        ZonedDateTime end = start.plus(length);
        LocalDateTime stretchStart = start.toLocalDateTime();
        ZoneOffsetTransition t = rules.nextTransition(start.toInstant());
        while (t != null && !t.getInstant().isAfter(end.toInstant())) {
            if (!covered(stretchStart, t.getDateTimeBefore())) {
                return false;
            }
            stretchStart = t.getDateTimeAfter();
            t = rules.nextTransition(t.getInstant());
        }
        return covered(stretchStart, end.toLocalDateTime());
    }

    /** Whether the wall-clock stretch {@code [a, b)} is all working time. */
    private boolean covered(LocalDateTime a, LocalDateTime b) {
        LocalDateTime cursor = a;
        while (cursor.isBefore(b)) {
            LocalDate day = cursor.toLocalDate();
            if (!days.contains(day.getDayOfWeek()) || cursor.toLocalTime().isBefore(from)) {
                return false;
            }
            LocalDateTime close =
                    to.equals(LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay() : day.atTime(to);
            if (!b.isAfter(close)) {
                return true;
            }
            if (!to.equals(LocalTime.MIDNIGHT)) {
                return false;
            }
            // Working until midnight: the rest must be working time of the next day.
            cursor = close;
        }
        return true;
    }

    /** The canonical text form, which {@link #parse} reads back to an equal value. */
    @Override
    public String toString() {
        return dayText()
                + " "
                + from
                + "-"
                + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
    }

    private String dayText() {
        if (days.size() == DayOfWeek.values().length) {
            return "MON-SUN";
        }
        // A run of consecutive days (possibly across the weekend, SUN-THU) prints as a range.
        for (DayOfWeek first : days) {
            if (!days.contains(first.minus(1))) {
                DayOfWeek last = first;
                int run = 1;
                while (days.contains(last.plus(1))) {
                    last = last.plus(1);
                    run++;
                }
                if (run == days.size()) {
                    return first == last
                            ? abbreviation(first)
                            : abbreviation(first) + "-" + abbreviation(last);
                }
                break;
            }
        }
        List<String> names = new ArrayList<>();
        days.forEach(d -> names.add(abbreviation(d)));
        return String.join(",", names);
    }

    private static String abbreviation(DayOfWeek d) {
        return d.name().substring(0, 3);
    }

    private static DayOfWeek day(String text, String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (abbreviation(d).equals(wanted)) {
                return d;
            }
        }
        throw invalid(text, "\"" + name + "\" is not a day");
    }

    private static LocalTime time(String text, String value, boolean isEnd) {
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            throw invalid(text, "\"" + value + "\" is not a time");
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour == 24 && minute == 0) {
            if (!isEnd) {
                throw invalid(text, "the day cannot start at 24:00");
            }
            return LocalTime.MIDNIGHT;
        }
        if (hour > 23 || minute > 59) {
            throw invalid(text, "\"" + value + "\" is not a time");
        }
        if (isEnd && hour == 0 && minute == 0) {
            throw invalid(text, "an end of 00:00 is ambiguous; write 24:00 for the end of the day");
        }
        return LocalTime.of(hour, minute);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(
                "Invalid working hours \"" + text + "\": " + why + "; " + EXPECTED);
    }
}
