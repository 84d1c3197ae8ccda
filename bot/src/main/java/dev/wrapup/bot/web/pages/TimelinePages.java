package dev.wrapup.bot.web.pages;

import dev.wrapup.bot.web.pages.IncidentView.Day;
import dev.wrapup.bot.web.pages.IncidentView.DayLink;
import dev.wrapup.bot.web.pages.IncidentView.Earlier;
import dev.wrapup.bot.web.pages.IncidentView.Item;
import dev.wrapup.bot.web.pages.IncidentView.TimelinePage;
import dev.wrapup.domain.EntryKind;
import dev.wrapup.domain.TimelineEntry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The timeline cut into pages a browser handles well: threads under their parent, grouped by day
 * (UTC on the server; the browser shows local time), at most about {@link #PAGE_ENTRIES} entries a
 * page. The first page holds the first day, and the days after it while they fit; any other day is
 * a page of its own ({@code ?day=}), split in parts ({@code &part=}) when it alone is too long. A
 * thread is never split, so a long one may overfill its page.
 */
final class TimelinePages {
    static final int PAGE_ENTRIES = 500;

    private TimelinePages() {}

    /** A thread: an entry with its replies, and the day it belongs to. */
    private record Thread(TimelineEntry head, List<TimelineEntry> replies, LocalDate day) {
        int size() {
            return 1 + replies.size();
        }
    }

    /**
     * @param day the day asked for, or null for the first page
     * @param part the part of that day asked for, from 0
     * @param base the page's own address with its other parameters, ending in ? or &amp;
     */
    static TimelinePage of(
            List<TimelineEntry> entries,
            Predicate<TimelineEntry> shown,
            Function<TimelineEntry, Item> item,
            LocalDate day,
            int part,
            String base) {
        Map<LocalDate, List<List<Thread>>> parts = parts(threads(entries, shown));
        List<DayLink> links = new ArrayList<>();
        List<Day> days = new ArrayList<>();
        String next = null;
        boolean first = day == null;
        int onPage = 0;
        for (Map.Entry<LocalDate, List<List<Thread>>> d : parts.entrySet()) {
            List<List<Thread>> dayParts = d.getValue();
            int count = dayParts.stream().mapToInt(TimelinePages::size).sum();
            boolean showing;
            if (first) {
                showing =
                        days.isEmpty() || (dayParts.size() == 1 && onPage + count <= PAGE_ENTRIES);
                first = showing;
            } else {
                showing = d.getKey().equals(day);
            }
            int index = day == null ? 0 : Math.min(Math.max(0, part), dayParts.size() - 1);
            links.add(new DayLink(d.getKey(), count, base + "day=" + d.getKey(), showing));
            if (showing) {
                List<Thread> threads = dayParts.get(index);
                onPage += size(threads);
                days.add(new Day(d.getKey(), threads.stream().map(t -> item(t, item)).toList()));
                if (index + 1 < dayParts.size()) {
                    next = base + "day=" + d.getKey() + "&part=" + (index + 1);
                }
            }
        }
        return new TimelinePage(onPage, days, links, next);
    }

    private static Item item(Thread t, Function<TimelineEntry, Item> item) {
        Item head = item.apply(t.head());
        List<Item> replies = t.replies().stream().map(item).toList();
        return replies.isEmpty() ? head : withReplies(head, replies);
    }

    private static Item withReplies(Item i, List<Item> replies) {
        return new Item(
                i.id(),
                i.at(),
                i.author(),
                i.marker(),
                i.text(),
                i.deleted(),
                i.deletedAt(),
                i.edited(),
                i.earlier(),
                i.files(),
                i.alert(),
                i.keyMoment(),
                replies);
    }

    /**
     * Threads in the order they started; a reply whose parent is not shown (filtered out, or not
     * recorded) stands on its own.
     */
    private static List<Thread> threads(
            List<TimelineEntry> entries, Predicate<TimelineEntry> shown) {
        List<TimelineEntry> kept = entries.stream().filter(shown).toList();
        Set<String> heads = new HashSet<>();
        for (TimelineEntry e : kept) {
            if (e.ts() != null && !e.inThread()) {
                heads.add(e.ts());
            }
        }
        Map<String, List<TimelineEntry>> replies =
                kept.stream()
                        .filter(e -> e.inThread() && heads.contains(e.threadTs()))
                        .collect(Collectors.groupingBy(TimelineEntry::threadTs));
        List<Thread> threads = new ArrayList<>();
        for (TimelineEntry e : kept) {
            if (e.inThread() && heads.contains(e.threadTs())) {
                continue;
            }
            threads.add(
                    new Thread(
                            e,
                            e.ts() == null || e.inThread()
                                    ? List.of()
                                    : replies.getOrDefault(e.ts(), List.of()),
                            e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate()));
        }
        return threads;
    }

    /** Each day's threads, in parts of at most about a page's worth of entries. */
    private static Map<LocalDate, List<List<Thread>>> parts(List<Thread> threads) {
        Map<LocalDate, List<List<Thread>>> days = new LinkedHashMap<>();
        for (Thread t : threads) {
            List<List<Thread>> parts = days.computeIfAbsent(t.day(), d -> new ArrayList<>());
            if (parts.isEmpty() || size(parts.get(parts.size() - 1)) + t.size() > PAGE_ENTRIES) {
                if (parts.isEmpty() || !parts.get(parts.size() - 1).isEmpty()) {
                    parts.add(new ArrayList<>());
                }
            }
            parts.get(parts.size() - 1).add(t);
        }
        return days;
    }

    private static int size(List<Thread> threads) {
        return threads.stream().mapToInt(Thread::size).sum();
    }

    /** Earlier versions, for viewers of the full record only. */
    static List<Earlier> earlier(TimelineEntry e, boolean full, Function<String, SafeHtml> text) {
        return full
                ? e.versions().stream()
                        .map(v -> new Earlier(text.apply(v.text()), v.replacedAt()))
                        .toList()
                : List.of();
    }

    /** What an entry is when it is not a plain message. */
    static String marker(TimelineEntry e) {
        return switch (e.kind()) {
            case STATUS -> "status";
            case SEVERITY -> "severity";
            case COMMANDER -> "commander";
            case NOTE -> "note";
            case PIN -> "pin";
            case REACTION_HIGHLIGHT -> "highlight";
            case JOIN -> "joined";
            case SYSTEM -> e.subtype() != null ? e.subtype().replace('_', ' ') : "system";
            case FILE, MESSAGE, THREAD_REPLY -> "me_message".equals(e.subtype()) ? "/me" : null;
        };
    }

    static boolean message(TimelineEntry e) {
        return e.kind() == EntryKind.MESSAGE
                || e.kind() == EntryKind.THREAD_REPLY
                || e.kind() == EntryKind.FILE;
    }
}
