package dev.wrapup.bot.similar;

import dev.wrapup.domain.IncidentText;
import dev.wrapup.persistence.IncidentTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one replica's index current with the database: filled from it when new, then asking every
 * few seconds what changed. The question reaches back {@link #OVERLAP} before the latest change it
 * saw, so that a row recorded earlier but committed later (another replica's, or a slow
 * transaction's) is still found; a change seen before is not indexed again.
 */
public final class IndexFollower implements AutoCloseable {
    /** How far before the latest change seen each question reaches back. */
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(IndexFollower.class);
    private static final int BATCH = 200;

    private final IncidentIndex index;
    private final IncidentTexts texts;
    private final Duration every;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "index-follower");
                        t.setDaemon(true);
                        return t;
                    });

    /** The changes seen within the overlap, by key, with when each happened. */
    private final Map<String, Instant> seen = new HashMap<>();

    private Instant cursor;

    public IndexFollower(IncidentIndex index, IncidentTexts texts, Duration every) {
        this.index = index;
        this.texts = texts;
        this.every = every;
    }

    /** Fills the index when new, then follows the database on a thread of its own. */
    public void start() {
        if (index.fresh() || index.cursor().isEmpty()) {
            rebuild();
        } else {
            cursor = index.cursor().get();
        }
        thread.scheduleWithFixedDelay(
                this::followSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every incident from the database into the index. */
    synchronized void rebuild() {
        long started = System.nanoTime();
        // Taken before reading: whatever changes meanwhile is found by the first follow.
        cursor = texts.latestChange().orElse(Instant.EPOCH);
        int count = 0;
        long after = 0;
        for (List<Long> ids = texts.ids(after, BATCH);
                !ids.isEmpty();
                ids = texts.ids(after, BATCH)) {
            for (IncidentText text : texts.texts(ids)) {
                index.put(text);
                count++;
            }
            after = ids.get(ids.size() - 1);
        }
        index.commit(cursor);
        index.refresh();
        log.info(
                "search index built from {} incidents in {} ms",
                count,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** Indexes the incident now, as it stands in the database: after a write on this replica. */
    public synchronized void reindex(long incidentId) {
        texts.text(incidentId).ifPresent(index::put);
        index.refresh();
    }

    private void followSafely() {
        try {
            follow();
        } catch (RuntimeException e) {
            log.warn("following the database into the search index: {}", e.toString());
        }
    }

    /** One look at what changed since the last one; true when something was indexed. */
    synchronized boolean follow() {
        Instant since = cursor.minus(OVERLAP);
        Set<Long> changed = new TreeSet<>();
        Instant latest = cursor;
        for (IncidentTexts.Change change : texts.changedSince(since)) {
            if (seen.putIfAbsent(change.key(), change.at()) == null) {
                changed.add(change.incidentId());
            }
            if (change.at().isAfter(latest)) {
                latest = change.at();
            }
        }
        cursor = latest;
        Instant forget = cursor.minus(OVERLAP);
        seen.values().removeIf(at -> at.isBefore(forget));
        if (changed.isEmpty()) {
            return false;
        }
        for (IncidentText text : texts.texts(changed)) {
            index.put(text);
        }
        index.commit(cursor);
        index.refresh();
        return true;
    }

    @Override
    public void close() {
        // Not shutdownNow: an interrupt in the middle of a commit closes the index's file
        // channels, its write lock among them, and the index could not be closed cleanly. A
        // look at the database is short; it is let finish.
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
