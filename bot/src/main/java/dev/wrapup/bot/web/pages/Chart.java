package dev.wrapup.bot.web.pages;

import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident at a glance, laid out for an inline SVG: its status phases as bars on a time axis,
 * messages per few minutes under them, key moments and the analysis call as markers. Coordinates
 * are in the SVG's own units; the page scales it to its width.
 */
public record Chart(
        String description,
        List<Phase> phases,
        List<Bar> activity,
        List<Marker> markers,
        List<Tick> ticks) {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 150;
    public static final int ACTIVITY_BASE = 120;
    private static final int ACTIVITY_HEIGHT = 50;
    private static final int BUCKETS = 60;
    private static final Pattern CHANGE = Pattern.compile("status:? (.+?) → (.+)$");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One status held from one time to the next. */
    public record Phase(String status, double x, double width, String duration) {
        public boolean labelFits() {
            return width >= 8 * (status.length() + 1);
        }
    }

    /** Messages in one interval. */
    public record Bar(double x, double width, double y, double height, int count, String from) {}

    /** A moment worth seeing on the axis; call is the analysis call. */
    public record Marker(double x, String label, boolean call) {}

    /** A time label on the axis (UTC), anchored so that the first and last stay inside. */
    public record Tick(double x, String label, String anchor) {}

    static Chart of(Incident incident, List<TimelineEntry> entries, Instant call, Instant now) {
        Instant closed = incident.isOpen() ? null : incident.resolvedAt();
        Instant start = incident.startedAt();
        Instant end = closed != null ? closed : now;
        for (TimelineEntry e : entries) {
            start = e.occurredAt().isBefore(start) ? e.occurredAt() : start;
            end = e.occurredAt().isAfter(end) ? e.occurredAt() : end;
        }
        if (!end.isAfter(start)) {
            end = start.plus(Duration.ofMinutes(1));
        }
        Axis axis = new Axis(start, end);
        List<Phase> phases = phases(incident, entries, closed != null ? closed : now, axis);
        List<Marker> markers = new ArrayList<>();
        for (TimelineEntry e : entries) {
            if (e.keyMoment()) {
                markers.add(
                        new Marker(
                                axis.x(e.occurredAt()),
                                "Key moment at " + TIME.format(e.occurredAt()) + " UTC",
                                false));
            }
        }
        if (call != null) {
            // Usually a day after the end: stretching the axis to it would squash the incident
            // into its first few pixels, so a later call stands at the right edge.
            markers.add(
                    new Marker(
                            axis.x(call),
                            "Analysis call at " + DAY_TIME.format(call) + " UTC",
                            true));
        }
        String summary =
                "Status over time: "
                        + String.join(
                                ", ",
                                phases.stream().map(p -> p.status() + " " + p.duration()).toList())
                        + ". "
                        + entries.stream().filter(TimelinePages::message).count()
                        + " messages, "
                        + entries.stream().filter(TimelineEntry::keyMoment).count()
                        + " key moments"
                        + (call != null ? ", analysis call " + DAY_TIME.format(call) + " UTC" : "")
                        + ".";
        return new Chart(summary, phases, activity(entries, axis), markers, ticks(axis));
    }

    private static List<Phase> phases(
            Incident incident, List<TimelineEntry> entries, Instant until, Axis axis) {
        List<Instant> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        starts.add(incident.startedAt());
        names.add(null);
        for (TimelineEntry e : entries) {
            if (e.kind() != EntryKind.STATUS || e.text() == null) {
                continue;
            }
            String text = e.text().toLowerCase(Locale.ROOT);
            Matcher m = CHANGE.matcher(text);
            String next;
            if (m.find()) {
                if (names.get(0) == null) {
                    names.set(0, m.group(1));
                }
                next = m.group(2);
            } else if (text.startsWith("maintenance began")) {
                next = "in progress";
            } else {
                continue; // resolved or ended: the end of the bars, not a phase of its own
            }
            starts.add(e.occurredAt());
            names.add(next);
        }
        if (names.get(0) == null) {
            names.set(
                    0,
                    incident.kind() == IncidentKind.MAINTENANCE
                            ? "planned"
                            : starts.size() == 1 && incident.isOpen()
                                    ? incident.status().label()
                                    : "investigating");
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant from = starts.get(i);
            Instant to = i + 1 < starts.size() ? starts.get(i + 1) : until;
            if (to.isAfter(from)) {
                double x = axis.x(from);
                phases.add(
                        new Phase(
                                names.get(i),
                                x,
                                Math.max(1, axis.x(to) - x),
                                Durations.human(Duration.between(from, to))));
            }
        }
        return phases;
    }

    /** Messages per interval, the interval a whole number of 5 minutes, at most 60 of them. */
    private static List<Bar> activity(List<TimelineEntry> entries, Axis axis) {
        long span = Duration.between(axis.start, axis.end).toMinutes();
        long minutes = Math.max(5, ((span / BUCKETS) / 5 + 1) * 5);
        int buckets = (int) (span / minutes) + 1;
        int[] counts = new int[buckets];
        for (TimelineEntry e : entries) {
            if (TimelinePages.message(e)) {
                int i = (int) (Duration.between(axis.start, e.occurredAt()).toMinutes() / minutes);
                counts[Math.min(buckets - 1, Math.max(0, i))]++;
            }
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            if (counts[i] == 0) {
                continue;
            }
            Instant from = axis.start.plus(Duration.ofMinutes(minutes * i));
            double x = axis.x(from);
            double width = Math.max(1, axis.x(from.plus(Duration.ofMinutes(minutes))) - x - 1);
            double height = Math.max(2, ACTIVITY_HEIGHT * counts[i] / (double) max);
            bars.add(
                    new Bar(
                            x,
                            Math.min(width, WIDTH - x),
                            ACTIVITY_BASE - height,
                            height,
                            counts[i],
                            TIME.format(from)));
        }
        return bars;
    }

    private static List<Tick> ticks(Axis axis) {
        boolean days = Duration.between(axis.start, axis.end).toHours() >= 24;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            Instant at =
                    axis.start.plus(
                            Duration.between(axis.start, axis.end).multipliedBy(i).dividedBy(4));
            ticks.add(
                    new Tick(
                            axis.x(at),
                            (days ? DAY_TIME : TIME).format(at),
                            i == 0 ? "start" : i == 4 ? "end" : "middle"));
        }
        return ticks;
    }

    /** Times to x, the axis's span across the chart's width. */
    private record Axis(Instant start, Instant end) {
        double x(Instant at) {
            double span = Duration.between(start, end).toMillis();
            double x = WIDTH * Duration.between(start, at).toMillis() / span;
            return Math.round(Math.max(0, Math.min(WIDTH, x)) * 10) / 10.0;
        }
    }
}
