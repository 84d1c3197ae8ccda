package dev.wrapup.domain.report;

import dev.wrapup.domain.FileRef;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.domain.report.Section.Timeline;
import dev.wrapup.domain.report.Section.Timeline.Attachment;
import dev.wrapup.domain.report.Section.Timeline.Day;
import dev.wrapup.domain.report.Section.Timeline.Earlier;
import dev.wrapup.domain.report.Section.Timeline.Edits;
import dev.wrapup.domain.report.Section.Timeline.Line;
import dev.wrapup.domain.report.Section.Timeline.Marker;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The timeline as it is read: every entry in order by day, threads under their parent. */
final class TimelineSection {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TimelineSection() {}

    /**
     * Every entry in order; with {@code history} deleted text and earlier versions too, without it
     * only what the channel shows now. {@code text} renders user text.
     */
    static Timeline of(
            List<TimelineEntry> entries, boolean history, Function<String, String> text) {
        return of(entries, history, text, id -> id);
    }

    /**
     * The same, with {@code name} naming an author whose name was not known when the entry was
     * recorded (someone the bot had not met yet, such as whoever declared the incident).
     */
    static Timeline of(
            List<TimelineEntry> entries,
            boolean history,
            Function<String, String> text,
            Function<String, String> name) {
        Map<String, List<TimelineEntry>> replies =
                entries.stream()
                        .filter(TimelineEntry::inThread)
                        .collect(Collectors.groupingBy(TimelineEntry::threadTs));
        Set<String> parents =
                entries.stream()
                        .map(TimelineEntry::ts)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
        List<Day> days = new ArrayList<>();
        String day = null;
        List<Line> lines = null;
        for (TimelineEntry e : entries) {
            if (e.inThread() && parents.contains(e.threadTs())) {
                continue; // shown under its parent
            }
            String entryDay = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            if (!entryDay.equals(day)) {
                lines = new ArrayList<>();
                days.add(new Day(entryDay + " (UTC)", lines));
                day = entryDay;
            }
            List<Line> under =
                    replies.getOrDefault(e.ts() == null ? "" : e.ts(), List.of()).stream()
                            .map(r -> line(r, history, text, name, List.of()))
                            .toList();
            lines.add(line(e, history, text, name, under));
        }
        return new Timeline(
                days.stream().map(d -> new Day(d.heading(), List.copyOf(d.lines()))).toList());
    }

    private static Line line(
            TimelineEntry e,
            boolean history,
            Function<String, String> text,
            Function<String, String> name,
            List<Line> replies) {
        String author =
                e.authorName() != null || e.authorId() == null
                        ? e.authorName()
                        : name.apply(e.authorId());
        if (e.deleted() && !history) {
            // Gone from the channel, so gone from everything that leaves it: no text, no files.
            return new Line(
                    TIME.format(e.occurredAt()),
                    e.inThread(),
                    marker(e),
                    author,
                    null,
                    null,
                    e.keyMoment(),
                    false,
                    List.of(),
                    null,
                    replies);
        }
        List<Attachment> attachments = new ArrayList<>();
        for (FileRef f : e.files()) {
            attachments.add(
                    new Attachment(
                            "file: "
                                    + Report.oneLine(f.name() == null ? "(unnamed)" : f.name())
                                    + (f.type() != null ? " (" + f.type() + ")" : ""),
                            f.permalink()));
        }
        for (String link : e.links()) {
            attachments.add(new Attachment("link:", link));
        }
        return new Line(
                TIME.format(e.occurredAt()),
                e.inThread(),
                marker(e),
                author,
                e.deleted() ? Report.oneLine(text.apply(e.text())) : text.apply(e.text()),
                e.deleted() ? "(deleted at " + TIME.format(e.deletedAt()) + ")" : null,
                e.keyMoment(),
                !history && e.editedAt() != null,
                attachments,
                history && !e.versions().isEmpty() ? edits(e) : null,
                replies);
    }

    private static Edits edits(TimelineEntry e) {
        return new Edits(
                "edited"
                        + (e.editedAt() != null ? " at " + TIME.format(e.editedAt()) : "")
                        + "; earlier text:",
                e.versions().stream()
                        .map(
                                v ->
                                        new Earlier(
                                                Report.oneLine(v.text()),
                                                "(replaced at "
                                                        + TIME.format(v.replacedAt())
                                                        + ")"))
                        .toList());
    }

    private static Marker marker(TimelineEntry e) {
        return switch (e.kind()) {
            case STATUS -> new Marker("status", false);
            case SEVERITY -> new Marker("severity", false);
            case COMMANDER -> new Marker("commander", false);
            case NOTE -> new Marker("note", false);
            case PIN -> new Marker("pin", false);
            case REACTION_HIGHLIGHT -> new Marker("highlight", false);
            case JOIN -> new Marker("joined", true);
            case SYSTEM ->
                    new Marker(
                            e.subtype() != null ? e.subtype().replace('_', ' ') : "system", false);
            case FILE, MESSAGE, THREAD_REPLY ->
                    "me_message".equals(e.subtype()) ? new Marker("/me", true) : null;
        };
    }
}
