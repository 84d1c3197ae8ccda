package dev.wrapup.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One thing said or done in an incident channel, with its history. */
public record TimelineEntry(
        long id,
        long incidentId,
        EntryKind kind,
        String subtype,
        String ts,
        String threadTs,
        String authorId,
        String authorName,
        String text,
        List<FileRef> files,
        Instant occurredAt,
        Instant recordedAt,
        Instant editedAt,
        Instant deletedAt,
        String targetTs,
        boolean pinned,
        boolean highlighted,
        List<Version> versions) {

    private static final Pattern LINK = Pattern.compile("<(https?://[^|>]+)(?:\\|[^>]*)?>");

    /** An earlier text of an edited message, and when it was replaced. */
    public record Version(String text, Instant replacedAt) {}

    /** Notes, and messages someone pinned or marked with the highlight reaction. */
    public boolean keyMoment() {
        return kind == EntryKind.NOTE || pinned || highlighted;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** A reply in a thread (its parent's ts is threadTs). */
    public boolean inThread() {
        return threadTs != null && !threadTs.equals(ts);
    }

    /** The links in the text, as Slack marks them up (&lt;url|label&gt;). */
    public List<String> links() {
        if (text == null) {
            return List.of();
        }
        Matcher m = LINK.matcher(text);
        List<String> links = new ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }
}
