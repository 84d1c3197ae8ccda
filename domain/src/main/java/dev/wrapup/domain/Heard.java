package dev.wrapup.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Whether everyone was heard in a wrap-up: who took part, who commented and how often, and who was
 * asked for a comment and stayed silent. Participants and commenters are counted as {@link
 * Completeness} counts them, so bots are neither.
 *
 * @param participants the people who took part, in the order they joined
 * @param comments how many comments each participant who commented gave, in the order of their
 *     first comment
 * @param silent those asked for a comment who gave none, in the order they were asked
 */
public record Heard(List<String> participants, Map<String, Integer> comments, List<String> silent) {
    public Heard {
        participants = List.copyOf(participants);
        comments = Collections.unmodifiableMap(new LinkedHashMap<>(comments));
        silent = List.copyOf(silent);
    }

    /**
     * @param participants everyone taking part, in the order they joined
     * @param isBot whether a user id is a bot's
     * @param comments every comment, in the order they were given
     * @param asked who was asked for a comment, in the order they were asked
     */
    public static Heard of(
            List<Participant> participants,
            Predicate<String> isBot,
            List<WrapUpComment> comments,
            List<String> asked) {
        Completeness done = Completeness.of(participants, isBot, comments);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String id : done.commented()) {
            counts.put(id, (int) comments.stream().filter(c -> c.userId().equals(id)).count());
        }
        Set<String> anyComment =
                comments.stream().map(WrapUpComment::userId).collect(Collectors.toSet());
        List<String> silent =
                asked.stream()
                        .distinct()
                        .filter(id -> !isBot.test(id) && !anyComment.contains(id))
                        .toList();
        return new Heard(done.participants(), counts, silent);
    }
}
