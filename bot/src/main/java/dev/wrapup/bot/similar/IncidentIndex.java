package dev.wrapup.bot.similar;

import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Past incidents in a Lucene index, one document each, and the question "which are most like this
 * one?". Fields are scored with BM25 apiece; a match in the title or the key moments weighs more
 * than one in the bulk of the timeline. Words are read with the operations vocabulary ({@link
 * OperationsAnalyzer}), so that "cert" and "TLS" meet. Only incidents are kept (not maintenance
 * windows or other wrap-ups); putting an incident again replaces it, so doing it twice changes
 * nothing.
 */
public final class IncidentIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IncidentIndex.class);

    private static final String ID = "id";
    private static final String STARTED = "started";
    private static final String ALL = "all";
    private static final String CURSOR = "cursor";
    private static final String ANALYSIS = "analysis";

    /** Each field and how much a match in it weighs. */
    private static final Map<String, Float> FIELDS =
            Map.of("title", 3f, "moments", 2f, "comments", 1.5f, "timeline", 1f);

    /** How many of the new incident's words make the question: the rarest, most used ones. */
    private static final int QUERY_TERMS = 30;

    /** Words in common below which an incident is not "like" another. */
    private static final int MIN_TERMS_IN_COMMON = 2;

    private final Directory directory;
    private final OperationsAnalyzer analyzer = new OperationsAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean fresh;

    private IndexWriter writer(Directory directory, IndexWriterConfig.OpenMode mode)
            throws IOException {
        return new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(mode));
    }

    private IncidentIndex(Directory directory, boolean rebuild) throws IOException {
        this.directory = directory;
        IndexWriter opened = null;
        boolean created = rebuild || !DirectoryReader.indexExists(directory);
        if (!created) {
            try {
                opened = writer(directory, IndexWriterConfig.OpenMode.APPEND);
                DirectoryReader.open(opened).close(); // unreadable segments fail here
                if (!analyzer.version().equals(commitData(opened, ANALYSIS))) {
                    // Made with other words (an older vocabulary): filled anew from the database.
                    log.info("the search index was made with other words; rebuilding it");
                    opened.rollback();
                    opened = writer(directory, IndexWriterConfig.OpenMode.CREATE);
                    opened.setLiveCommitData(Map.of(ANALYSIS, analyzer.version()).entrySet());
                    opened.commit();
                    created = true;
                }
            } catch (IOException | RuntimeException unreadable) {
                log.warn(
                        "the search index is unreadable ({}); rebuilding it",
                        unreadable.toString());
                if (opened != null) {
                    opened.rollback();
                }
                opened = null;
                created = true;
            }
        }
        if (opened == null) {
            if (!rebuild) {
                clear(directory);
            }
            opened = writer(directory, IndexWriterConfig.OpenMode.CREATE);
            opened.setLiveCommitData(Map.of(ANALYSIS, analyzer.version()).entrySet());
            opened.commit();
        }
        this.writer = opened;
        this.fresh = created;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Removes what an unreadable index left, so that a new one can be made in its place. */
    private static void clear(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (!file.equals("write.lock")) {
                directory.deleteFile(file);
            }
        }
    }

    /**
     * The index in the folder, made there when missing or unreadable ({@link #fresh()} then says it
     * must be filled from the database).
     */
    public static IncidentIndex open(Path folder) throws IOException {
        Files.createDirectories(folder);
        ownerOnly(folder);
        return new IncidentIndex(FSDirectory.open(folder), false);
    }

    /**
     * The index holds the incidents' words, so its folder is as private as the database's: its
     * owner's only, where the file system has POSIX permissions.
     */
    private static void ownerOnly(Path folder) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (!Files.getPosixFilePermissions(folder).equals(ownerOnly)) {
            Files.setPosixFilePermissions(folder, ownerOnly);
        }
    }

    /**
     * The index in the folder; in memory when the folder cannot hold it (another process has it
     * locked, or it cannot be written), so that the bot still starts and answers.
     */
    public static IncidentIndex openOrInMemory(Path folder) {
        try {
            return open(folder);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "cannot use the search index in {} ({}); keeping it in memory instead",
                    folder,
                    e.toString());
            return inMemory();
        }
    }

    /** An index in memory only: always to be filled. */
    public static IncidentIndex inMemory() {
        try {
            return new IncidentIndex(new ByteBuffersDirectory(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the index was made empty now, and must be filled from the database. */
    public boolean fresh() {
        return fresh;
    }

    /** Up to when the database was followed, as last committed. */
    public Optional<Instant> cursor() {
        return Optional.ofNullable(commitData(writer, CURSOR)).map(Instant::parse);
    }

    private static String commitData(IndexWriter writer, String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (key.equals(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /** Adds or replaces the incident; anything but an incident is taken out. */
    public void put(IncidentText incident) {
        try {
            Term id = new Term(ID, Long.toString(incident.id()));
            if (incident.kind() != IncidentKind.INCIDENT) {
                writer.deleteDocuments(id);
                return;
            }
            Document doc = new Document();
            doc.add(new StringField(ID, id.text(), Field.Store.YES));
            doc.add(new LongPoint(STARTED, incident.startedAt().toEpochMilli()));
            doc.add(new TextField("title", incident.title(), Field.Store.NO));
            doc.add(
                    new TextField(
                            "moments", String.join("\n", incident.moments()), Field.Store.NO));
            doc.add(
                    new TextField(
                            "comments", String.join("\n", incident.comments()), Field.Store.NO));
            doc.add(
                    new TextField(
                            "timeline", String.join("\n", incident.timeline()), Field.Store.NO));
            doc.add(new TextField(ALL, everything(incident), Field.Store.NO));
            writer.updateDocument(id, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was put visible to the next question. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was put durable, with how far the database was followed. */
    public void commit(Instant cursor) {
        try {
            writer.setLiveCommitData(
                    Map.of(CURSOR, cursor.toString(), ANALYSIS, analyzer.version()).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A past incident and how like the question it is. */
    public record Match(long incidentId, float score) {}

    /**
     * The incidents most like this one, best first, that started before it: at most {@code limit},
     * each sharing at least two words with it.
     */
    public List<Match> like(IncidentText incident, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                BooleanQuery.Builder terms = new BooleanQuery.Builder();
                List<Map.Entry<String, Double>> chosen = chosenTerms(searcher, incident);
                if (chosen.size() < MIN_TERMS_IN_COMMON) {
                    return List.of();
                }
                double top = chosen.get(0).getValue();
                for (Map.Entry<String, Double> term : chosen) {
                    BooleanQuery.Builder fields = new BooleanQuery.Builder();
                    FIELDS.forEach(
                            (field, boost) ->
                                    fields.add(
                                            new BoostQuery(
                                                    new TermQuery(new Term(field, term.getKey())),
                                                    boost),
                                            Occur.SHOULD));
                    terms.add(
                            new BoostQuery(fields.build(), (float) (term.getValue() / top)),
                            Occur.SHOULD);
                }
                terms.setMinimumNumberShouldMatch(MIN_TERMS_IN_COMMON);
                BooleanQuery query =
                        new BooleanQuery.Builder()
                                .add(terms.build(), Occur.MUST)
                                .add(
                                        LongPoint.newRangeQuery(
                                                STARTED,
                                                Long.MIN_VALUE,
                                                incident.startedAt().toEpochMilli() - 1),
                                        Occur.FILTER)
                                .add(
                                        new TermQuery(new Term(ID, Long.toString(incident.id()))),
                                        Occur.MUST_NOT)
                                .build();
                List<Match> matches = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(query, limit).scoreDocs) {
                    String id = searcher.storedFields().document(hit.doc).get(ID);
                    matches.add(new Match(Long.parseLong(id), hit.score));
                }
                return matches;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The question's words, weighed as a MoreLikeThis query weighs them: how often the incident
     * uses each (a title word counting three times, a key moment's twice) times how rare it is
     * among past incidents; words no past incident has are left out.
     */
    private List<Map.Entry<String, Double>> chosenTerms(
            IndexSearcher searcher, IncidentText incident) throws IOException {
        Map<String, Double> used = new HashMap<>();
        count(used, incident.title(), 3);
        incident.moments().forEach(m -> count(used, m, 2));
        incident.comments().forEach(c -> count(used, c, 1.5));
        incident.timeline().forEach(t -> count(used, t, 1));
        // The incident itself may be indexed already: its words are not rarer for it.
        int self =
                searcher.count(new TermQuery(new Term(ID, Long.toString(incident.id())))) > 0
                        ? 1
                        : 0;
        int docs = Math.max(1, searcher.getIndexReader().numDocs() - self);
        Map<String, Double> weighed = new HashMap<>();
        for (Map.Entry<String, Double> e : used.entrySet()) {
            int df = searcher.getIndexReader().docFreq(new Term(ALL, e.getKey())) - self;
            if (df <= 0) { // no past incident has it (or only an older text of this one)
                continue;
            }
            // Replaced documents still count in docFreq until merged away: never below zero.
            double idf = Math.log(1 + (Math.max(0, docs - df) + 0.5) / (df + 0.5));
            // Square root: a word said forty times in a long timeline does not drown the title.
            weighed.put(e.getKey(), Math.sqrt(e.getValue()) * idf);
        }
        return weighed.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(QUERY_TERMS)
                .toList();
    }

    private void count(Map<String, Double> into, String text, double weight) {
        if (text == null || text.isBlank()) {
            return;
        }
        try (TokenStream tokens = analyzer.tokenStream(ALL, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                into.merge(term.toString(), weight, Double::sum);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String everything(IncidentText i) {
        List<String> all = new ArrayList<>();
        all.add(i.title());
        all.addAll(i.moments());
        all.addAll(i.comments());
        all.addAll(i.timeline());
        return String.join("\n", all);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException | RuntimeException e) {
            // Lucene's AlreadyClosedException included: the index is rebuilt from the database
            // when it cannot be read, so a bad close costs a rebuild, never the shutdown.
            log.warn("closing the search index: {}", e.toString());
        }
    }
}
