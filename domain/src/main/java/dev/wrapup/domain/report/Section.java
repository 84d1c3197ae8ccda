package dev.wrapup.domain.report;

import dev.wrapup.domain.text.VerdictText;
import java.util.List;

/**
 * One part of a report. Every text in a section is plain text as it should read, user text
 * included: turning it into Markdown, and escaping it, is the renderer's job alone.
 */
public sealed interface Section {
    /** Shown for a deleted message wherever its text may not go. */
    String DELETED = "(message deleted)";

    /** The section's heading; none for the facts under the title. */
    String heading();

    /** Severity, times and people, each a label and its value. */
    record Facts(List<Fact> facts) implements Section {
        @Override
        public String heading() {
            return null;
        }
    }

    /** One labelled fact. */
    record Fact(String label, String value) {}

    /** What happened, in the words of the summary (or the description when there is none). */
    record Summary(String text) implements Section {
        @Override
        public String heading() {
            return "Summary";
        }
    }

    /** A maintenance window's plan: its window, numbered steps and reported impact. */
    record Plan(String window, List<Step> steps, List<Impact> impacts) implements Section {
        public static final String NONE = "No steps were planned.";
        public static final String IMPACTS = "Production impact reported:";

        @Override
        public String heading() {
            return "Plan";
        }
    }

    /** One planned step; state is its state in words, with the failure when it failed. */
    record Step(int number, String text, String owner, String state) {
        /** The step as it reads after its number. */
        public String line() {
            return text + " — owner: " + owner + " — " + state;
        }
    }

    /** Production impact someone reported. */
    record Impact(String text, String reportedBy) {
        public String line() {
            return text + " — " + reportedBy;
        }
    }

    /** A maintenance window's verdict; none while the window is open. */
    record Verdict(VerdictText text) implements Section {
        public static final String OPEN = "The window has not ended yet.";

        @Override
        public String heading() {
            return "Verdict";
        }
    }

    /** Notes, pins and highlighted messages. */
    record KeyMoments(List<Moment> moments) implements Section {
        public static final String NONE = "None were marked.";

        @Override
        public String heading() {
            return "Key moments";
        }
    }

    /** A key moment; hidden when its message was deleted and the text may not be shown. */
    record Moment(String when, String author, String text, boolean hidden) {}

    /** The comments on one agenda question. */
    record Agenda(String question, List<Comment> comments) implements Section {
        public static final String NONE = "No comments.";

        @Override
        public String heading() {
            return question;
        }
    }

    /** One comment and its author. */
    record Comment(String text, String author) {}

    /** The action items, by number. */
    /**
     * @param mix how many of each kind, as "3 fix, 1 guardrail"; empty when there are none
     */
    record Actions(String mix, List<Action> actions) implements Section {
        public static final String NONE = "None.";

        /** The sentence above the list: "Kinds: 3 fix, 1 guardrail." */
        public String mixSentence() {
            return "Kinds: " + mix + ".";
        }

        @Override
        public String heading() {
            return "Action items";
        }
    }

    /**
     * One action item. Its kind and, once closed, its state are said in words: Markdown's
     * strikethrough is an extension the renderer does not have.
     *
     * @param kind its kind's word, "fix"
     * @param state null while open, else "done" or "won't do: the reason"
     */
    record Action(int number, String text, String kind, String state, String owner, String due) {
        /** The item as it reads after its number. */
        public String line() {
            return text
                    + " ("
                    + kind
                    + (state != null ? ", " + state : "")
                    + ") — owner: "
                    + owner
                    + (due != null ? ", due " + due : "");
        }
    }

    /** Past incidents like this one, as the bot suggested them. */
    record SeenBefore(List<Past> incidents) implements Section {
        @Override
        public String heading() {
            return "Seen before";
        }
    }

    /**
     * One past incident: its title, the day it started, where to read it (null when the pages are
     * off) and its action items' state in words.
     */
    record Past(String title, String date, String link, String actions) {
        /** What follows the title. */
        public String note() {
            return " (" + date + ", " + actions + ")";
        }
    }

    /** How many participants commented, and who did not. */
    record Comments(String sentence) implements Section {
        @Override
        public String heading() {
            return "Comments";
        }
    }

    /** Every entry of the timeline by day, thread replies under their parent. */
    record Timeline(List<Day> days) implements Section {
        public static final String KEY_MOMENT = "[key moment]";
        public static final String EDITED = "(edited)";

        @Override
        public String heading() {
            return "Full timeline";
        }

        /** One day's entries; heading names the day. */
        public record Day(String heading, List<Line> lines) {}

        /**
         * One entry. Text is null when the message was deleted and its text may not be shown;
         * deleted is the note on a deleted message whose text is shown; edits only with history.
         */
        public record Line(
                String time,
                boolean reply,
                Marker marker,
                String author,
                String text,
                String deleted,
                boolean keyMoment,
                boolean edited,
                List<Attachment> attachments,
                Edits edits,
                List<Line> replies) {}

        /** What kind of entry it is, when not a plain message; quiet words are not stressed. */
        public record Marker(String word, boolean quiet) {}

        /** A file or link shared with the entry: what it is, and where it is when known. */
        public record Attachment(String label, String link) {}

        /** Earlier texts of an edited message, under a line saying when it was edited. */
        public record Edits(String heading, List<Earlier> earlier) {}

        /** One earlier text and when it was replaced. */
        public record Earlier(String text, String note) {}
    }
}
