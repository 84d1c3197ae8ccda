package dev.wrapup.domain.insights;

import dev.wrapup.domain.input.InputRefused;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The days the insights cover, both included, in UTC: the pages know no reader's timezone without a
 * script, and a week that starts at one midnight for everyone keeps the numbers the same for every
 * reader.
 */
public record ReportingPeriod(LocalDate from, LocalDate to) {
    /** The period shown when the reader picks none. */
    public static final int DEFAULT_WEEKS = 12;

    /**
     * The longest period: two years of weekly bars still fit a chart, and it bounds what one page
     * asks of the database.
     */
    public static final int MAX_DAYS = 731;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);

    public ReportingPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(from + " is after " + to);
        }
    }

    /** The current week and the weeks before it, up to today. */
    public static ReportingPeriod lastWeeks(LocalDate today, int weeks) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportingPeriod(monday.minusWeeks(weeks - 1L), today);
    }

    /**
     * The period a reader asked for as two dates like 2026-11-24. Without an end it ends today;
     * without a start it covers {@link #DEFAULT_WEEKS} weeks up to its end.
     */
    public static ReportingPeriod parse(String from, String to, LocalDate today)
            throws InputRefused {
        LocalDate end = date(to, "To").orElse(today);
        LocalDate start = date(from, "From").orElse(lastWeeks(end, DEFAULT_WEEKS).from());
        if (end.isBefore(start)) {
            throw new InputRefused(
                    "The period must not end (" + end + ") before it starts (" + start + ").");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InputRefused("A period may cover at most " + MAX_DAYS + " days.");
        }
        return new ReportingPeriod(start, end);
    }

    private static Optional<LocalDate> date(String text, String name) throws InputRefused {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip(), DATE));
        } catch (DateTimeParseException e) {
            throw new InputRefused(name + " is not a date like 2026-11-24.");
        }
    }

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Its weeks in order, the first and the last cut to the period. */
    public List<Week> weeks() {
        List<Week> weeks = new ArrayList<>();
        LocalDate first = from;
        while (!first.isAfter(to)) {
            LocalDate sunday = first.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            LocalDate last = sunday.isAfter(to) ? to : sunday;
            weeks.add(new Week(first, last));
            first = last.plusDays(1);
        }
        return weeks;
    }

    /** The index in {@link #weeks()} of the week holding the instant, or -1 outside the period. */
    public int weekOf(Instant at) {
        if (at == null || at.isBefore(start()) || !at.isBefore(end())) {
            return -1;
        }
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate firstMonday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return (int) ChronoUnit.WEEKS.between(firstMonday, day);
    }
}
