package dev.wrapup.bot.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The operations vocabulary: words of one trouble meet, and each keeps itself. */
class OperationsAnalyzerTest {
    private final OperationsAnalyzer analyzer = new OperationsAnalyzer();

    private List<String> words(String text) throws IOException {
        List<String> words = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream("all", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        }
        return words;
    }

    private boolean share(String a, String b) throws IOException {
        List<String> left = words(a);
        return words(b).stream().anyMatch(left::contains);
    }

    @Test
    void wordsOfOneTroubleMeet() throws IOException {
        assertTrue(share("Certs expired", "TLS handshake"), words("Certs expired").toString());
        assertTrue(share("pods OOMKilled", "out of memory"), words("out of memory").toString());
        assertTrue(share("No space left on device", "disk full"));
        assertTrue(share("HikariCP exhausted", "connection pool"));
        assertTrue(share("502 from nginx", "bad gateway"));
        assertTrue(share("Postgres", "DB"));
        assertFalse(share("Office wifi outage", "TLS handshake"));
    }

    @Test
    void eachWordKeepsItselfAndStopWordsGo() throws IOException {
        List<String> redis = words("the Redis cluster");
        assertTrue(redis.contains("redi"), redis.toString()); // stemmed, as English words are
        assertTrue(redis.contains("cach"), "and reads as a cache: " + redis);
        assertFalse(redis.contains("the"), redis.toString());
        assertEquals(1, words("certificate").stream().filter("certif"::equals).count());
    }

    @Test
    void aBrokenRuleSaysWhere() {
        assertThrows(IllegalStateException.class, () -> OperationsAnalyzer.parse("a => \n"));
    }
}
