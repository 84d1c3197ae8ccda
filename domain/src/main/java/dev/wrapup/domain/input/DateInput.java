package dev.wrapup.domain.input;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Dates and times as people type them into commands: read strictly (no 30 February, no 24:00), kept
 * within sane ranges, and refused with one line saying why.
 */
public final class DateInput {
    /** How far ahead the analysis call may be moved. */
    static final Period CALL_AHEAD = Period.ofYears(1);

    /** How far ahead a maintenance window may start. */
    static final Period WINDOW_START_AHEAD = Period.ofYears(2);

    /** How long a maintenance window may last. */
    static final Duration WINDOW_LONGEST = Duration.ofDays(7);

    /** How far ahead an action item may be due. */
    static final Period DUE_AHEAD = Period.ofYears(3);

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd H:mm", Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);

    private DateInput() {}

    /** "yyyy-mm-dd H:mm", read strictly. */
    public static LocalDateTime dateTime(String typed) throws InputRefused {
        String text = typed.strip().replaceAll("\\s+", " ");
        String notOne = "`" + text + "` is not a date and time like 2026-11-24 15:30.";
        TemporalAccessor fields = unresolved(DATE_TIME, text);
        if (fields == null) {
            throw new InputRefused(notOne);
        }
        checkDate(text, fields);
        long hour = fields.getLong(ChronoField.HOUR_OF_DAY);
        if (hour > 23) {
            throw new InputRefused(
                    "`"
                            + text
                            + "` is not a time of day: hours go from 0 to 23, and midnight is "
                            + "0:00 of the next day.");
        }
        if (fields.getLong(ChronoField.MINUTE_OF_HOUR) > 59) {
            throw new InputRefused(
                    "`" + text + "` is not a time of day: minutes go from 00 to 59.");
        }
        try {
            return LocalDateTime.parse(text, DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new InputRefused(notOne);
        }
    }

    /** "yyyy-mm-dd", read strictly; what names the date in the refusal ("due date"). */
    public static LocalDate date(String typed, String what) throws InputRefused {
        String text = typed.strip();
        String notOne = "`" + text + "` is not a " + what + " like 2026-12-01.";
        TemporalAccessor fields = unresolved(DATE, text);
        if (fields == null) {
            throw new InputRefused(notOne);
        }
        checkDate(text, fields);
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new InputRefused(notOne);
        }
    }

    /** A timezone as Area/City (or an offset such as +02:00). */
    public static ZoneId zone(String typed) throws InputRefused {
        try {
            return ZoneId.of(typed);
        } catch (DateTimeException e) {
            throw new InputRefused(
                    "`" + typed + "` is not a timezone: use Area/City as in Europe/Berlin.");
        }
    }

    /**
     * The analysis call's new time may be at most {@link #CALL_AHEAD} away (a time passed is the
     * call's own rule).
     */
    public static void callTime(Instant at, Instant now) throws InputRefused {
        if (at.isAfter(ahead(now, CALL_AHEAD))) {
            throw new InputRefused(
                    "The analysis call can be moved at most a year ahead; hold it while people "
                            + "still remember the incident.");
        }
    }

    /**
     * A maintenance window ends after it starts, starts now or later but at most {@link
     * #WINDOW_START_AHEAD} away, and lasts at most {@link #WINDOW_LONGEST}.
     */
    public static void window(Instant start, Instant end, Instant now) throws InputRefused {
        if (!end.isAfter(start)) {
            throw new InputRefused("The window must end after it starts.");
        }
        if (start.isBefore(now.minusSeconds(60))) {
            throw new InputRefused(
                    "That window starts in the past; plan one that is still to come.");
        }
        if (start.isAfter(ahead(now, WINDOW_START_AHEAD))) {
            throw new InputRefused("A maintenance window can start at most two years ahead.");
        }
        if (Duration.between(start, end).compareTo(WINDOW_LONGEST) > 0) {
            throw new InputRefused(
                    "A maintenance window can last at most "
                            + WINDOW_LONGEST.toDays()
                            + " days; plan a longer change as several windows.");
        }
    }

    /**
     * An action item's due date: from yesterday (in some timezone it is still today) to {@link
     * #DUE_AHEAD}.
     */
    public static LocalDate due(String typed, LocalDate today) throws InputRefused {
        LocalDate due = date(typed, "due date");
        if (due.isBefore(today.minusDays(1))) {
            throw new InputRefused("The due date " + due + " has passed.");
        }
        if (due.isAfter(today.plus(DUE_AHEAD))) {
            throw new InputRefused(
                    "An action item can be due at most three years ahead ("
                            + today.plus(DUE_AHEAD)
                            + ").");
        }
        return due;
    }

    /**
     * The fields as typed, before any check of their values; null when the text has another shape.
     */
    private static TemporalAccessor unresolved(DateTimeFormatter format, String text) {
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor fields = format.parseUnresolved(text, position);
        return fields == null
                        || position.getErrorIndex() >= 0
                        || position.getIndex() != text.length()
                ? null
                : fields;
    }

    /** Says which part of a well-shaped date does not exist. */
    private static void checkDate(String text, TemporalAccessor fields) throws InputRefused {
        long year = fields.getLong(ChronoField.YEAR);
        long month = fields.getLong(ChronoField.MONTH_OF_YEAR);
        long day = fields.getLong(ChronoField.DAY_OF_MONTH);
        if (month < 1 || month > 12) {
            throw new InputRefused("`" + text + "` is not a date: months go from 01 to 12.");
        }
        if (!ChronoField.YEAR.range().isValidValue(year)) {
            throw new InputRefused("`" + text + "` is not a date: the year is out of range.");
        }
        if (day < 1) {
            throw new InputRefused("`" + text + "` is not a date: days start at 01.");
        }
        int days = YearMonth.of((int) year, (int) month).lengthOfMonth();
        if (day > days) {
            throw new InputRefused(
                    "`"
                            + text
                            + "` is not a date: "
                            + Month.of((int) month).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            + " "
                            + year
                            + " has "
                            + days
                            + " days.");
        }
    }

    private static Instant ahead(Instant now, Period period) {
        return now.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }
}
