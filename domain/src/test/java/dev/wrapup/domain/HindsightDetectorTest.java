package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hindsight and counterfactual wording is caught with its category's second-story question;
 * ordinary talk about the system, the present and the future is not.
 */
class HindsightDetectorTest {
    private static final String REASONABLE = "What made that look reasonable at the time?";

    private final HindsightDetector detector = HindsightDetector.standard();

    static Stream<Arguments> hindsightMessages() {
        return Stream.of(
                Arguments.of(
                        "he should have checked the dashboard",
                        "he should have checked",
                        "hindsight"),
                Arguments.of(
                        "<@U0BOB|bob> should've rolled back",
                        "<@U0BOB|bob> should've rolled",
                        "hindsight"),
                Arguments.of(
                        "We really should have tested it in staging",
                        "We really should have tested",
                        "hindsight"),
                Arguments.of(
                        "the on-call shouldn't have restarted it",
                        "on-call shouldn't have restarted",
                        "hindsight"),
                Arguments.of(
                        "they should have been more careful",
                        "they should have been more careful",
                        "hindsight"),
                Arguments.of("Obviously the cache was stale", "Obviously", "hindsight"),
                Arguments.of("in the graph it was so obvious", "was so obvious", "hindsight"),
                Arguments.of("if only we had a canary", "if only", "counterfactual"),
                Arguments.of(
                        "if someone had checked the cert date",
                        "if someone had checked",
                        "counterfactual"),
                Arguments.of(
                        "we could easily have caught it",
                        "we could easily have caught",
                        "counterfactual"),
                Arguments.of(
                        "This would not have happened if...",
                        "would not have happened if",
                        "counterfactual"),
                Arguments.of("she just had to flip the flag", "she just had to", "simplifying"),
                Arguments.of(
                        "All he had to do was read the alert", "All he had to do", "simplifying"),
                Arguments.of("they simply ignored the page", "they simply ignored", "simplifying"),
                Arguments.of("all it took was one command", "all it took was", "simplifying"),
                Arguments.of(
                        "you could have just asked", "you could have just asked", "counterfactual"),
                Arguments.of(
                        "he could have simply restarted it", "could have simply", "simplifying"),
                Arguments.of(
                        "the root cause was <@U0BOB|bob>",
                        "the root cause was <@U0BOB|bob>",
                        "person as root cause"),
                Arguments.of(
                        "The root cause was <@U0BOB>'s deploy",
                        "The root cause was <@U0BOB>'s",
                        "person as root cause"),
                Arguments.of(
                        "the real cause was him, frankly",
                        "the real cause was him",
                        "person as root cause"),
                Arguments.of(
                        "root cause is simply the new intern",
                        "root cause is simply the new intern",
                        "person as root cause"),
                Arguments.of(
                        "it was caused by <!subteam^S1|@ops>",
                        "caused by <!subteam^S1|@ops>",
                        "person as root cause"));
    }

    @ParameterizedTest
    @MethodSource("hindsightMessages")
    void hindsightIsFlaggedWithItsCategory(String message, String phrase, String category) {
        HindsightNudge nudge =
                detector.detect(message)
                        .orElseThrow(() -> new AssertionError("not flagged: " + message));
        assertEquals(phrase, nudge.phrase());
        assertEquals(category, nudge.category());
    }

    @Test
    void eachCategoryAsksItsOwnSecondStoryQuestion() {
        assertEquals(
                REASONABLE, detector.detect("he should have checked").orElseThrow().question());
        assertEquals(
                "What made that step harder in the moment than it looks now?",
                detector.detect("she just had to flip it").orElseThrow().question());
        assertEquals(
                "Before anyone knew how it would end, which options did the situation actually offer?",
                detector.detect("if only").orElseThrow().question());
        assertTrue(
                detector.detect("the root cause was <@U1>")
                        .orElseThrow()
                        .question()
                        .startsWith("Which conditions let that one action cause harm"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "you should have access now",
                "you should have received an invite",
                "we should have a runbook for this",
                "the alert should have fired at 03:00",
                "the job should have retried",
                "simply put, the cache was cold",
                "you can simply run the script again",
                "we just had to wait for the TTL",
                "they just had to wait it out",
                "it could have just been a blip",
                "the root cause was the config",
                "the root cause was an expired certificate",
                "the root cause was redis",
                "the root cause was bob",
                "the root cause was the on-call schedule",
                "it was not obvious from the graphs",
                "wasn't obvious at all",
                "nothing obvious in the logs",
                "non-obvious failure mode",
                "had they just deployed when it broke?",
                "what would have happened if we failed over?",
                "if only we could page less",
                "caused by us-east-1 being down",
                "`he should have checked` is what the old runbook said",
                "see https://example.com/obviously-wrong",
                ":obviously: ok"
            })
    void ordinaryTalkIsNotFlagged(String message) {
        assertEquals(Optional.empty(), detector.detect(message), message);
    }

    @Test
    void standardDetectorIsLoadedOnce() {
        assertSame(HindsightDetector.standard(), HindsightDetector.standard());
    }

    @Test
    void sectionsGiveTheirQuestionToEveryPhraseBelowThem() {
        HindsightDetector custom =
                new HindsightDetector(
                        """
                [first]
                ? Why?
                oops
                ouch | Where did it hurt?

                [second one]
                ? How?
                {mention} again
                ! not again
                """);
        assertEquals(
                new HindsightNudge("first", "Oops", "Why?"), custom.detect("Oops").orElseThrow());
        assertEquals("Where did it hurt?", custom.detect("ouch").orElseThrow().question());
        assertEquals(
                new HindsightNudge("second one", "<@U1> again", "How?"),
                custom.detect("<@U1> again").orElseThrow());
        assertEquals(Optional.empty(), custom.detect("not again"));
    }

    static Stream<Arguments> badPhraseFiles() {
        return Stream.of(
                Arguments.of("[a]\noops\n", 2, "has no '?' question"),
                Arguments.of("? Why?\n", 1, "belongs under a [section]"),
                Arguments.of("[a]\n? Why?\n? How?\n", 3, "already has its question"),
                Arguments.of("[a]\n?   \n", 2, "question after '?' is empty"),
                Arguments.of("[a]\n? Why?\noops\n[a]\n", 4, "appears twice"),
                Arguments.of("[a]\n? Why?\ncare$less\n", 3, "a word may hold"));
    }

    @ParameterizedTest
    @MethodSource("badPhraseFiles")
    void badLineIsRejectedWithItsLineNumber(String file, int line, String problem) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new HindsightDetector(file));
        assertTrue(
                e.getMessage().startsWith("hindsight phrases, line " + line + ": "),
                e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aPhraseOutsideEverySectionIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new HindsightDetector("oops | Why?\n"));
        assertTrue(e.getMessage().contains("[category] section"), e.getMessage());
    }
}
