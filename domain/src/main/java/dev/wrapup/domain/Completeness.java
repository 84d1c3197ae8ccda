package dev.wrapup.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who has given a wrap-up comment and who has not yet. Bots take part in incidents (an alerting
 * integration posts in the channel) but are never asked for a comment, so they are neither counted
 * nor missing; a person counts once however many comments they give.
 *
 * @param participants the people asked for a comment, in the order they joined
 * @param commented those of them who have commented, in the order of their first comment
 * @param missing those who have not commented yet, in the order they joined
 */
public record Completeness(
        List<String> participants, List<String> commented, List<String> missing) {
    public Completeness {
        participants = List.copyOf(participants);
        commented = List.copyOf(commented);
        missing = List.copyOf(missing);
    }

    /**
     * @param participants everyone taking part, in the order they joined
     * @param isBot whether a user id is a bot's
     * @param comments every comment, in the order they were given
     */
    public static Completeness of(
            List<Participant> participants, Predicate<String> isBot, List<WrapUpComment> comments) {
        return ofUsers(
                participants.stream().map(Participant::userId).toList(),
                isBot,
                comments.stream().map(WrapUpComment::userId).toList());
    }

    /**
     * The same from user ids alone, for counting many incidents without their comments' text.
     *
     * @param participants everyone taking part, in the order they joined
     * @param isBot whether a user id is a bot's
     * @param commenters the author of every comment, in the order they were given
     */
    public static Completeness ofUsers(
            List<String> participants, Predicate<String> isBot, List<String> commenters) {
        Set<String> people = new LinkedHashSet<>();
        for (String id : participants) {
            if (!isBot.test(id)) {
                people.add(id);
            }
        }
        Set<String> commented = new LinkedHashSet<>();
        for (String id : commenters) {
            if (people.contains(id)) {
                commented.add(id);
            }
        }
        List<String> missing = people.stream().filter(id -> !commented.contains(id)).toList();
        return new Completeness(List.copyOf(people), List.copyOf(commented), missing);
    }

    /** Whether every participant has commented. */
    public boolean complete() {
        return missing.isEmpty();
    }
}
