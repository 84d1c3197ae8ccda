package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.TIMELINE_ENTRY;

import com.google.gson.Gson;
import dev.wrapup.domain.FileRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Slack sends, cut to what the timeline's columns hold (sizes read from the schema): a
 * 40,000-character message that Slack's escaping made longer, an alert with many long attachments,
 * a message with hundreds of files. Slack sends these as valid events, so they are stored, never
 * refused; each cut says what it left out, so the record never looks whole when it is not. Lengths
 * count UTF-16 units, as H2 does (PostgreSQL counts code points, never more).
 */
final class TimelineFit {
    static final int TEXT = TIMELINE_ENTRY.TEXT.getDataType().length();
    static final int FILES = TIMELINE_ENTRY.FILES.getDataType().length();
    static final int AUTHOR_NAME = TIMELINE_ENTRY.AUTHOR_NAME.getDataType().length();
    static final int SUBTYPE = TIMELINE_ENTRY.SUBTYPE.getDataType().length();

    /** A file's name beyond this is cut, so that one name cannot crowd out the other files. */
    static final int FILE_NAME = 255;

    /** A file's link beyond this is shortened to the file's own address. */
    static final int FILE_LINK = 1000;

    private static final Gson GSON = new Gson();

    private TimelineFit() {}

    /** A message's text, within the text column. */
    static String text(String text) {
        return cut(text, TEXT);
    }

    static String authorName(String name) {
        return cut(name, AUTHOR_NAME);
    }

    /** A subtype is a code, not prose: cut without a marker (Slack's are far shorter). */
    static String subtype(String subtype) {
        return subtype == null || subtype.length() <= SUBTYPE
                ? subtype
                : subtype.substring(0, SUBTYPE);
    }

    /**
     * The files as the files column stores them (JSON; null for none): as many as fit, then one
     * entry saying how many more there were.
     */
    static String files(List<FileRef> files) {
        if (files == null || files.isEmpty()) {
            return null;
        }
        List<FileRef> bounded = files.stream().map(TimelineFit::file).toList();
        String all = GSON.toJson(bounded);
        if (all.length() <= FILES) {
            return all;
        }
        // The JSON of a list is "[" + each element's JSON joined by "," + "]".
        int room = FILES - 2 - 1 - GSON.toJson(more(bounded.size())).length();
        List<FileRef> kept = new ArrayList<>();
        int used = 0;
        for (FileRef f : bounded) {
            int length = GSON.toJson(f).length() + (kept.isEmpty() ? 0 : 1);
            if (used + length > room) {
                break;
            }
            kept.add(f);
            used += length;
        }
        kept.add(more(bounded.size() - kept.size()));
        return GSON.toJson(kept);
    }

    /**
     * Text cut to max characters with a marker saying how many were left out. NUL characters, which
     * PostgreSQL cannot store in text, become U+FFFD.
     */
    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            text = text.replace('\0', '\uFFFD');
        }
        if (text.length() <= max) {
            return text;
        }
        // The marker for the whole length is the longest it can be, so the cut leaves room for it.
        int keep = max - marker(text.length()).length();
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never half an emoji
        }
        return text.substring(0, keep) + marker(text.length() - keep);
    }

    private static String marker(int leftOut) {
        return "… [truncated: " + String.format(Locale.ROOT, "%,d", leftOut) + " more characters]";
    }

    private static FileRef file(FileRef f) {
        String link = f.permalink();
        if (link != null && link.length() > FILE_LINK) {
            // Slack's file links end in the file's name; the address up to its id still finds the
            // file.
            int id = f.id() == null ? -1 : link.indexOf("/" + f.id() + "/");
            link =
                    id >= 0 && id + f.id().length() + 1 <= FILE_LINK
                            ? link.substring(0, id + f.id().length() + 1)
                            : null;
        }
        return new FileRef(f.id(), cut(f.name(), FILE_NAME), f.type(), link);
    }

    private static FileRef more(int count) {
        return new FileRef(
                null,
                "… and "
                        + String.format(Locale.ROOT, "%,d", count)
                        + " more file"
                        + (count == 1 ? "" : "s"),
                null,
                null);
    }
}
