package dev.wrapup.bot.similar;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;

/**
 * English words as {@link EnglishAnalyzer} reads them, plus the operations vocabulary of {@code
 * synonyms.txt}: a word of a group keeps itself and also reads as the group's first word, both when
 * an incident is indexed and when its words make the question.
 *
 * <p>The question is a bag of words (no phrases), so a group's name is one more word where the
 * incident used any of its words; a phrase ("out of memory") becomes one word beside its own. The
 * group's name is added, not swapped in: "redis" still matches "redis" better than "memcached".
 */
final class OperationsAnalyzer extends Analyzer {
    static final String SYNONYMS = "synonyms.txt";

    private static final CharArraySet STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private final SynonymMap synonyms;
    private final String version;

    OperationsAnalyzer() {
        byte[] rules = rules();
        this.synonyms = parse(new String(rules, StandardCharsets.UTF_8));
        this.version = "ops-1-" + sha256(rules);
    }

    /**
     * What an index must have been made with to be read with this analyzer: changes with the
     * vocabulary.
     */
    String version() {
        return version;
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new SynonymGraphFilter(words(source), synonyms, true);
        // Indexes hold no graphs; the question reads the same stream as a bag of words.
        stream = new FlattenGraphFilter(stream);
        // Stop words go only now, so that phrases like "no space left" are matched first.
        stream = new StopFilter(stream, STOP);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String field, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /**
     * Words before the vocabulary is applied, for the text and the vocabulary's own rules alike:
     * lower case, plurals made singular (stop words left as they are, to be dropped later).
     */
    private static TokenStream words(TokenStream source) {
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new SetKeywordMarkerFilter(stream, STOP);
        return new EnglishMinimalStemFilter(stream);
    }

    private static byte[] rules() {
        try (InputStream in =
                Objects.requireNonNull(
                        OperationsAnalyzer.class.getResourceAsStream(SYNONYMS), SYNONYMS)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SynonymMap parse(String rules) {
        Analyzer ruleWords =
                new Analyzer() {
                    @Override
                    protected TokenStreamComponents createComponents(String field) {
                        Tokenizer source = new StandardTokenizer();
                        return new TokenStreamComponents(source, words(source));
                    }
                };
        SolrSynonymParser parser =
                new SolrSynonymParser(true, false, ruleWords) {
                    // Without expansion Solr maps every word of a group to the first, replacing
                    // it; here the word stays too, and the first word is not repeated.
                    @Override
                    public void add(CharsRef input, CharsRef output, boolean includeOrig) {
                        if (!input.equals(output)) {
                            super.add(input, output, true);
                        }
                    }
                };
        try (ruleWords) {
            parser.parse(new StringReader(rules));
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(
                    SYNONYMS + " line " + e.getErrorOffset() + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
