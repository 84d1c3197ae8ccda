package dev.wrapup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blame language is caught with its group's suggestion; ordinary incident talk, code and links are
 * not.
 */
class BlameDetectorTest {
    private static final String EASY_TO_GET_WRONG = "What made this easy to get wrong?";
    private static final String SINGLE_MISTAKE =
            "Which part of the system let a single mistake through?";
    private static final String KNOW_AT_THE_TIME =
            "What would have helped someone know this at the time?";
    private static final String CAREFUL_PATH =
            "What made the careful path harder than the quick one?";
    private static final String WHAT_CHANGED =
            "What changed, and what let that change break things?";

    private final BlameDetector detector = BlameDetector.standard();

    static Stream<Arguments> blamingMessages() {
        return Stream.of(
                Arguments.of(
                        "it was <@U0BOB|bob>'s fault", "<@U0BOB|bob>'s fault", EASY_TO_GET_WRONG),
                Arguments.of("It was <@U0BOB>'s fault.", "<@U0BOB>'s fault", EASY_TO_GET_WRONG),
                Arguments.of(
                        "honestly? <!subteam^S0OPS|@ops>'s fault",
                        "<!subteam^S0OPS|@ops>'s fault",
                        EASY_TO_GET_WRONG),
                Arguments.of("Honestly this is BOB'S FAULT!!", "BOB'S FAULT", EASY_TO_GET_WRONG),
                Arguments.of(
                        "it's the intern’s fault (curly apostrophe)",
                        "intern’s fault",
                        EASY_TO_GET_WRONG),
                Arguments.of("It's O'Brien's own fault", "O'Brien's own fault", EASY_TO_GET_WRONG),
                Arguments.of("his fault, again", "his fault", EASY_TO_GET_WRONG),
                Arguments.of("Their fault, not ours.", "Their fault", EASY_TO_GET_WRONG),
                Arguments.of("whose fault was this?", "whose fault", EASY_TO_GET_WRONG),
                Arguments.of("who's fault is it", "who's fault", EASY_TO_GET_WRONG),
                Arguments.of("so careless.", "careless", CAREFUL_PATH),
                Arguments.of("That was *Careless*!", "Careless", CAREFUL_PATH),
                Arguments.of("a bit of carelessness on the rollout", "carelessness", CAREFUL_PATH),
                Arguments.of("you should have known", "should have known", KNOW_AT_THE_TIME),
                Arguments.of("He SHOULD'VE KNOWN better", "SHOULD'VE KNOWN", KNOW_AT_THE_TIME),
                Arguments.of(
                        "someone should really have known,",
                        "should really have known",
                        KNOW_AT_THE_TIME),
                Arguments.of("classic human error", "human error", SINGLE_MISTAKE),
                Arguments.of("Human   Error, plain and simple.", "Human   Error", SINGLE_MISTAKE),
                Arguments.of("root cause: operator error", "operator error", SINGLE_MISTAKE),
                Arguments.of("who broke prod?", "who broke", WHAT_CHANGED),
                Arguments.of("WHO BROKE THE BUILD?!", "WHO BROKE", WHAT_CHANGED),
                Arguments.of("who is to blame here?", "blame", null),
                Arguments.of("don't put the blame on ops", "blame", null),
                Arguments.of("they blamed <@U0BOB>", "blamed", null),
                Arguments.of("that's negligent", "negligent", null),
                Arguments.of("pretty incompetent work, frankly", "incompetent", null),
                Arguments.of("<@U0BOB> screwed up the config", "<@U0BOB> screwed up", null),
                Arguments.of("I really messed it up", "I really messed it up", null),
                Arguments.of("ops dropped the ball on this one", "dropped the ball", null),
                Arguments.of("she wasn't paying attention", "wasn't paying attention", null),
                Arguments.of(
                        "he was not paying attention to the pager", "not paying attention", null));
    }

    @ParameterizedTest
    @MethodSource("blamingMessages")
    void blamingPhraseIsCaughtAsWritten(String message, String phrase, String suggestion) {
        BlameNudge nudge =
                detector.detect(message)
                        .orElseThrow(() -> new AssertionError("not flagged: " + message));
        assertEquals(phrase, nudge.phrase());
        if (suggestion != null) {
            assertEquals(suggestion, nudge.suggestion());
        }
    }

    @Test
    void eachPhraseGroupHasItsOwnSuggestion() {
        Set<String> suggestions =
                Set.of(
                        suggestionFor("it was bob's fault"),
                        suggestionFor("my fault, sorry"),
                        suggestionFor("careless"),
                        suggestionFor("should have known"),
                        suggestionFor("human error"),
                        suggestionFor("who broke it"),
                        suggestionFor("I blame the intern"),
                        suggestionFor("negligent"),
                        suggestionFor("incompetent"),
                        suggestionFor("we screwed up"),
                        suggestionFor("dropped the ball"),
                        suggestionFor("wasn't paying attention"));
        // Set.of rejects duplicates, so reaching here means twelve different suggestions.
        assertEquals(12, suggestions.size());
    }

    @Test
    void selfBlameGetsAKindNudge() {
        BlameNudge nudge = detector.detect("My fault, I'll fix it").orElseThrow();
        assertEquals("My fault", nudge.phrase());
        assertTrue(nudge.suggestion().startsWith("Thanks for owning it."), nudge.suggestion());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "the default config was wrong",
                "fault tolerance kicked in",
                "it's fault-tolerant by design",
                "the circuit breaker faulted",
                "no fault found on the disk",
                "the disk's fault light is amber",
                "the replica's fault counter is back to zero",
                "it's fault injection day, expect noise",
                "fault injection test starts at 3pm",
                "segmentation fault in the worker, core dumped",
                "page fault rate went up after the deploy",
                "who is on call?",
                "who broke the tie in the vote",
                "the build broke after the merge",
                "the deploy broke the login page",
                "the retry loop broke the connection pool",
                "error rate is 5%",
                "human-readable error messages would have helped",
                "humans stay in the loop for failover",
                "we should have alerts for this",
                "I should have the patch in 5 min",
                "the config should have known values",
                "known issue, see the status page",
                "this is a known-good version",
                "blameless postmortem on Thursday",
                "the review is blame-free, as always",
                "careful with that deploy",
                "careful, the cache is cold",
                "I ran git blame on the file",
                "Git Blame says the line is from 2019",
                "the blame view on GitHub shows the refactor",
                "no blame, just trying to understand the timeline",
                "nobody is to blame, the limits were wrong",
                "it's nobody's fault",
                "no one's fault, the alert threshold was too high",
                "it's not <@U0BOB|bob>'s fault, the runbook was outdated",
                "that wasn't my fault or anyone's: the cron overlapped",
                "the migration screwed up the row ordering",
                "the load balancer messed up the sticky sessions",
                "the queue dropped messages for ten minutes",
                "we dropped the old index",
                "please pay attention to the 5xx graph",
                "the error budget is gone for this month",
                "rollback done, error rate back to normal",
                "what changed right before the spike?",
                "the canary caught it before it spread",
                "whose turn is it on call tomorrow?",
            })
    void ordinaryIncidentTalkIsNotFlagged(String message) {
        assertEquals(Optional.empty(), detector.detect(message));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "run `blame.sh` to list who touched it",
                "run blame.sh to list who touched it",
                "`git blame src/Main.java` points at the refactor",
                "`bob's fault` is a string in the test fixtures",
                "```\n# who broke = careless\nhuman_error = true\n```",
                "```who broke it```",
                "diff: <https://git.example/blame/main/x.java>",
                "see <https://wiki.example/careless-defaults|careless defaults>",
                "see https://git.example/blame/main/x.java for the line",
                "see www.example.com/human-error for the talk",
                "moved to <#C0INC|who-broke-prod>",
                "src/blame/Main.java changed",
                "reacting with :blame: and :careless-whisper: is a joke here",
            })
    void codeLinksAndEmojiAreNotRead(String message) {
        assertEquals(Optional.empty(), detector.detect(message));
    }

    @Test
    void textAroundCodeIsStillRead() {
        BlameNudge nudge =
                detector.detect("`git blame` says it was <@U0BOB|bob>'s fault").orElseThrow();
        assertEquals("<@U0BOB|bob>'s fault", nudge.phrase());
    }

    @Test
    void hiddenTextDoesNotJoinWordsIntoAPhrase() {
        assertEquals(Optional.empty(), detector.detect("who `x` broke"));
        assertEquals(Optional.empty(), detector.detect("human <https://x.example|link> error"));
    }

    @Test
    void anExemptionDoesNotHideARealPhraseNearby() {
        assertEquals(
                "<@U1>'s fault",
                detector.detect("git blame shows <@U1>'s commit, so it's <@U1>'s fault")
                        .orElseThrow()
                        .phrase());
        assertEquals(
                "who broke", detector.detect("no blame, but who broke it?").orElseThrow().phrase());
        assertEquals(
                "bob's fault",
                detector.detect("not my fault, it's bob's fault").orElseThrow().phrase());
    }

    @Test
    void earliestPhraseInTheMessageWins() {
        assertEquals(
                "careless",
                detector.detect("careless, and human error too").orElseThrow().phrase());
        assertEquals(
                "human error",
                detector.detect("human error, and careless too").orElseThrow().phrase());
    }

    @Test
    void borderlineSystemDescriptionsAreFlaggedOnPurpose() {
        // Documented in blame-phrases.txt: the words invite the blame frame even about a system.
        assertEquals(
                "careless",
                detector.detect("the DNS caching was careless about TTLs").orElseThrow().phrase());
        assertEquals(
                "vendor's fault",
                detector.detect("it's the vendor's fault").orElseThrow().phrase());
    }

    // The phrase list is English only (even "Виноват Боб" blames); other scripts must simply pass
    // through.
    @ParameterizedTest
    @ValueSource(
            strings = {
                "本番環境でエラーが発生しました 🔥 ロールバック中",
                "ボブのせいだ",
                "Это ошибка конфигурации, откатываем",
                "Виноват Боб, он был невнимателен",
                ":fire: :rotating_light: 🚒👩🏽‍🚒 deploy rolled back",
                "😅😅😅",
                "",
                "   \n\t ",
            })
    void nonLatinTextAndEmojiPassWithoutMatches(String message) {
        assertEquals(Optional.empty(), detector.detect(message));
    }

    @Test
    void phraseAfterEmojiAndNonLatinTextIsCutAtTheRightPlace() {
        // Emoji outside the basic plane are two chars each; the phrase must still come out whole.
        BlameNudge nudge = detector.detect("🔥👩🏽‍🚒 本番: это human error, 本当に").orElseThrow();
        assertEquals("human error", nudge.phrase());
    }

    @Test
    void nullIsNotFlagged() {
        assertEquals(Optional.empty(), detector.detect(null));
    }

    @Test
    void standardDetectorIsLoadedOnce() {
        assertSame(BlameDetector.standard(), BlameDetector.standard());
    }

    @Test
    void customPhraseFileUsesThePatternSyntax() {
        BlameDetector custom =
                new BlameDetector(
                        """
                # a comment, then a blank line

                {mention} [totally] broke/wrecked it | What changed?
                {someone}'s mess                    | What made it messy?
                ! the cat's mess
                """);
        assertEquals(
                new BlameNudge("<@U1|ann> totally wrecked it", "What changed?"),
                custom.detect("well <@U1|ann> totally wrecked it").orElseThrow());
        assertEquals(
                new BlameNudge("<@U1> broke it", "What changed?"),
                custom.detect("<@U1> broke it").orElseThrow());
        assertEquals(Optional.empty(), custom.detect("ann broke it"));
        assertEquals("Ann’s mess", custom.detect("Ann’s mess").orElseThrow().phrase());
        assertEquals(Optional.empty(), custom.detect("the cat's mess"));
        assertEquals(Optional.empty(), custom.detect("careless"));
    }

    @Test
    void windowsLineEndingsAreRead() {
        BlameDetector custom = new BlameDetector("# c\r\noops | Try again?\r\n");
        assertEquals("Try again?", custom.detect("Oops!").orElseThrow().suggestion());
    }

    static Stream<Arguments> badPhraseFiles() {
        return Stream.of(
                Arguments.of("# header\ncareless\n", 2, "expected 'pattern | suggestion'"),
                Arguments.of("ok | fine\na | b | c", 2, "more than one '|'"),
                Arguments.of("careless |   ", 1, "suggestion after '|' is empty"),
                Arguments.of("\n\n  | a suggestion", 3, "pattern is empty"),
                Arguments.of("{somebody}'s fault | x", 1, "unknown placeholder {somebody}"),
                Arguments.of("{someone's fault | x", 1, "unmatched '{' or '}'"),
                Arguments.of("[really careless | x", 1, "opens '[' without closing it"),
                Arguments.of("care[less] | x", 1, "brackets go around a whole word"),
                Arguments.of("ok | fine\n# c\n[really] [very] | x", 3, "every word is optional"),
                Arguments.of("careless//sloppy | x", 1, "empty alternative"),
                Arguments.of("care$less | x", 1, "a word may hold"),
                Arguments.of(
                        "ok | fine\n! git blame | x", 2, "exemption ('!') takes no suggestion"),
                Arguments.of("ok | fine\n!   ", 2, "pattern is empty"));
    }

    @ParameterizedTest
    @MethodSource("badPhraseFiles")
    void badLineIsRejectedWithItsLineNumber(String file, int line, String problem) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new BlameDetector(file));
        assertTrue(e.getMessage().startsWith("blame phrases, line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void fileWithoutAnyPhraseIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new BlameDetector("# only comments\n! git blame\n"));
        assertTrue(e.getMessage().contains("no 'pattern | suggestion' lines"), e.getMessage());
    }

    private String suggestionFor(String message) {
        return detector.detect(message)
                .orElseThrow(() -> new AssertionError("not flagged: " + message))
                .suggestion();
    }

    @Test
    void theQuickLookUsesEachPhrasesMostTellingRequiredWord() {
        Assertions.assertEquals(List.of("fault"), BlamePhrases.keys("{someone}'s [own] fault"));
        Assertions.assertEquals(List.of("broke"), BlamePhrases.keys("who/whoever broke"));
        Assertions.assertEquals(
                List.of("screwed", "messed", "fucked"),
                BlamePhrases.keys("{mention}/i/you screwed/messed/fucked [it/this] up"));
        Assertions.assertEquals(
                List.of("should", "shoulda"), BlamePhrases.keys("should've/shoulda"));
    }
}
