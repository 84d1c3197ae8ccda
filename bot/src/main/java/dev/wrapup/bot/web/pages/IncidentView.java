package dev.wrapup.bot.web.pages;

import dev.wrapup.domain.FileRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What incident.jte shows, worked out beforehand so that the template only lays it out.
 *
 * @param full whether the viewer sees the whole record (earlier versions, deleted text)
 * @param onlyKey whether the timeline shows key moments only
 * @param timeline the part of the timeline on this page, or null when it is not shown at all
 * @param wrapUp the wrap-up's comments and action items
 * @param maintenance a maintenance window's plan and verdict, or null for other kinds
 */
public record IncidentView(
        Header header,
        boolean full,
        boolean onlyKey,
        Chart chart,
        TimelinePage timeline,
        WrapUp wrapUp,
        Maintenance maintenance) {

    /** The facts at the top of the page; null where not known (yet). */
    public record Header(
            long id,
            String title,
            String kind,
            String severity,
            String status,
            boolean open,
            String channel,
            String commander,
            String facilitator,
            Instant started,
            Instant resolved,
            String timeToResolve,
            Instant call,
            SafeHtml description,
            SafeHtml summary) {}

    /** Days of the timeline on this page, and where the rest is. */
    public record TimelinePage(
            int entries, List<Day> days, List<DayLink> allDays, String nextPart) {}

    /** A link to one day's part of the timeline. */
    public record DayLink(LocalDate date, int entries, String href, boolean current) {}

    /** The entries of one day (UTC), threads under their parent. */
    public record Day(LocalDate date, List<Item> items) {}

    /**
     * One entry.
     *
     * @param marker what kind of entry it is, for entries that are not plain messages
     * @param text its text, or null when deleted and the viewer may not see deleted text
     * @param earlier the earlier versions of an edited message, for viewers of the full record
     * @param alert posted by a bot (an alerting integration)
     */
    public record Item(
            long id,
            Instant at,
            String author,
            String marker,
            SafeHtml text,
            boolean deleted,
            Instant deletedAt,
            boolean edited,
            List<Earlier> earlier,
            List<File> files,
            boolean alert,
            boolean keyMoment,
            List<Item> replies) {
        /** The entry's classes, for the stylesheet. */
        public String css() {
            return "entry"
                    + (keyMoment ? " key" : "")
                    + (alert ? " alert" : "")
                    + (marker != null ? " event" : "")
                    + (deleted ? " deleted" : "");
        }
    }

    /** A file shared in the channel; href only when it is a web address. */
    public record File(String name, String type, String href) {
        static File of(FileRef f) {
            String link = f.permalink();
            boolean web =
                    link != null && (link.startsWith("https://") || link.startsWith("http://"));
            return new File(f.name() == null ? "(unnamed)" : f.name(), f.type(), web ? link : null);
        }
    }

    /** An earlier text of an edited message. */
    public record Earlier(SafeHtml text, Instant replacedAt) {}

    /** The wrap-up: comments by agenda item, who has not commented, action items, who was heard. */
    public record WrapUp(List<Agenda> agenda, List<Action> actions, Heard heard) {}

    /**
     * Was everyone heard: counts for every viewer, names for viewers of the full record only.
     *
     * @param names whether the lists below are filled (the full record)
     * @param participants the people who took part, bots not counted
     * @param commenters who commented, each with how many comments
     * @param silent who was asked for a comment and gave none
     * @param roleGroups the configured role groups nobody took part from; null when none are
     *     configured, or when configured but not noted for this incident yet ({@code
     *     roleGroupsNoted} false)
     */
    public record Heard(
            int participantCount,
            int commentedCount,
            boolean names,
            List<String> participants,
            List<Commenter> commenters,
            List<String> silent,
            boolean roleGroupsConfigured,
            boolean roleGroupsNoted,
            List<String> roleGroups) {
        /** "5 participants, 4 commented", the one line a reader of the published record gets. */
        public String counts() {
            return participantCount
                    + (participantCount == 1 ? " participant, " : " participants, ")
                    + commentedCount
                    + " commented";
        }
    }

    /** Someone who commented, and how many comments they gave. */
    public record Commenter(String name, int comments) {}

    /** One agenda item's question and its comments. */
    public record Agenda(String question, List<Comment> comments) {}

    public record Comment(String author, SafeHtml text, Instant at) {}

    /**
     * An action item; state is "open", "done", "wont_do" or "overdue", kind its label, reason why
     * it won't be done (or null).
     */
    public record Action(
            int number,
            String owner,
            SafeHtml text,
            LocalDate due,
            String state,
            String kind,
            SafeHtml reason) {
        /** The state as read: "won't do" for wont_do. */
        public String stateText() {
            return state.equals("wont_do") ? "won't do" : state;
        }
    }

    /** A maintenance window: the numbered plan with each step's state, and the verdict. */
    public record Maintenance(
            Instant plannedStart,
            Instant plannedEnd,
            String zone,
            List<Step> steps,
            List<Impact> impacts,
            String verdictHeadline,
            String verdictRest) {}

    public record Step(int number, String owner, SafeHtml text, String state, SafeHtml failure) {}

    public record Impact(String who, SafeHtml text, Instant at) {}
}
