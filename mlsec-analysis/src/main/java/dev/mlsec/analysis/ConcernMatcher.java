package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.LimitTokenCountFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Maps a team's free-text concerns onto catalog threats with Apache Lucene: an in-memory index of
 * each threat's title, keywords, summary, detail, family and the names of the ATLAS, OWASP and NIST
 * entries it cites, English stemming, the catalog's synonym map applied to the concern, and BM25
 * ranking. Scores are counted in units of one word that occurs in a single threat (BM25's largest
 * idf for the catalog's size), so that the threshold means the same for a catalog of five threats
 * and of a hundred. A concern maps to the best threat when it scores at least {@link #MIN_UNITS},
 * and to the next ones too while they stay within {@link #NEAR} of the best; the next few below
 * that are kept as alternatives, so that an unmapped concern can say what came closest. The index
 * is built once per catalog; the same concern always gives the same answer.
 */
final class ConcernMatcher {
  /** The least score of a real mapping, in rare-word units (calibrated in ConcernMatcherTest). */
  static final float MIN_UNITS = 3.9f;

  /** Further threats count as mapped while their score is at least this share of the best. */
  static final float NEAR = 0.8f;

  /** Alternatives are shown down to this share of the best score. */
  static final float CLOSEST = 0.35f;

  static final int MAX_MATCHED = 3;
  static final int MAX_CLOSEST = 3;

  /**
   * Most words of a concern read; a concern is a short phrase. Each word and its synonyms become
   * clauses in seven fields, so this bounds the query: 24 words times the largest synonym group
   * (under 40 words) times 7 fields stays under {@link #MAX_CLAUSES}.
   */
  static final int MAX_WORDS = 24;

  /** Lucene's limit on the clauses of one query, raised from its default of 1,024. */
  static final int MAX_CLAUSES = 8_192;

  static {
    if (IndexSearcher.getMaxClauseCount() < MAX_CLAUSES)
      IndexSearcher.setMaxClauseCount(MAX_CLAUSES);
  }

  /** Field name to weight: what a threat is called counts more than how it is explained. */
  private static final Map<String, Float> FIELDS =
      Map.of(
          "title", 3.0f,
          "keywords", 3.0f,
          "id", 2.0f,
          "summary", 1.5f,
          "family", 1.0f,
          "refs", 1.0f,
          "detail", 1.0f);

  /** Words of concerns that say nothing about which threat is meant. */
  private static final CharArraySet STOP = stopWords();

  /** What a concern maps to and, beyond that, what came closest. */
  record Result(List<String> matched, List<String> closest) {}

  private final List<String> ids = new ArrayList<>();
  private final Analyzer queryAnalyzer;
  private final IndexSearcher searcher;

  /** BM25's idf of a word found in one threat: the unit scores are counted in. */
  private final float unit;

  ConcernMatcher(Catalog catalog) {
    this(catalog, Synonyms.builtIn());
  }

  ConcernMatcher(Catalog catalog, Synonyms synonyms) {
    this.queryAnalyzer = english(synonymMap(synonyms), false);
    try (Analyzer indexAnalyzer = english(null, true)) {
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer);
      config.setSimilarity(new BM25Similarity());
      try (IndexWriter w = new IndexWriter(dir, config)) {
        for (Threat t : catalog.threats()) {
          ids.add(t.id());
          w.addDocument(document(t, catalog));
        }
      }
      searcher = new IndexSearcher(DirectoryReader.open(dir));
      int n = Math.max(1, ids.size());
      unit = (float) Math.log(1 + (n - 0.5) / 1.5);
      searcher.setSimilarity(new BM25Similarity());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory index has no I/O to fail
    }
  }

  private static Document document(Threat t, Catalog catalog) {
    Document d = new Document();
    d.add(new StoredField("threat", t.id()));
    d.add(new TextField("title", t.title(), Field.Store.NO));
    d.add(new TextField("keywords", String.join(". ", t.keywords()), Field.Store.NO));
    d.add(new TextField("id", t.id().replace('-', ' '), Field.Store.NO));
    d.add(new TextField("summary", t.summary(), Field.Store.NO));
    d.add(new TextField("detail", t.detail(), Field.Store.NO));
    catalog
        .family(t.family())
        .ifPresent(f -> d.add(new TextField("family", f.title(), Field.Store.NO)));
    List<String> names = new ArrayList<>();
    addTitles(names, catalog, "atlas", t.refs().atlas());
    addTitles(names, catalog, "owasp-ml", t.refs().owaspMl());
    addTitles(names, catalog, "owasp-llm", t.refs().owaspLlm());
    addTitles(names, catalog, "nist-aml", t.refs().nistAml());
    d.add(new TextField("refs", String.join(". ", names), Field.Store.NO));
    return d;
  }

  private static void addTitles(List<String> out, Catalog c, String framework, List<String> ids) {
    for (String id : ids) c.referenceTitle(framework, id).ifPresent(out::add);
  }

  /** The threats a concern maps to, in score order, and the closest others. */
  Result match(String concern) {
    String text = concern;
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    QueryBuilder builder = new QueryBuilder(queryAnalyzer);
    boolean empty = true;
    for (String field : new TreeSet<>(FIELDS.keySet())) {
      Query q = builder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
      if (q == null) continue;
      any.add(new BoostQuery(q, FIELDS.get(field)), BooleanClause.Occur.SHOULD);
      empty = false;
    }
    if (empty) return new Result(List.of(), List.of());
    ScoreDoc[] hits;
    try {
      hits = searcher.search(any.build(), MAX_MATCHED + MAX_CLOSEST).scoreDocs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> matched = new ArrayList<>();
    List<String> closest = new ArrayList<>();
    if (hits.length == 0) return new Result(matched, closest);
    float best = hits[0].score;
    for (ScoreDoc h : hits) {
      String id = ids.get(h.doc);
      if (best >= MIN_UNITS * unit && h.score >= best * NEAR && matched.size() < MAX_MATCHED)
        matched.add(id);
      else if (h.score >= best * CLOSEST && closest.size() < MAX_CLOSEST) closest.add(id);
    }
    return new Result(matched, closest);
  }

  /** The score of each threat for a concern in rare-word units, best first (for calibration). */
  List<Map.Entry<String, Float>> scores(String concern) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    QueryBuilder builder = new QueryBuilder(queryAnalyzer);
    for (String field : new TreeSet<>(FIELDS.keySet())) {
      Query q = builder.createBooleanQuery(field, concern, BooleanClause.Occur.SHOULD);
      if (q != null) any.add(new BoostQuery(q, FIELDS.get(field)), BooleanClause.Occur.SHOULD);
    }
    List<Map.Entry<String, Float>> out = new ArrayList<>();
    try {
      for (ScoreDoc h : searcher.search(any.build(), 8).scoreDocs)
        out.add(Map.entry(ids.get(h.doc), h.score / unit));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Tokens, possessives dropped, lowercased; then the synonym map (for concerns) or stop words (for
   * the index, so that words such as "the" score nothing), and Porter stemming.
   */
  private static Analyzer english(SynonymMap synonyms, boolean stop) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream t = new LowerCaseFilter(new EnglishPossessiveFilter(source));
        if (synonyms != null) {
          t = new LimitTokenCountFilter(t, MAX_WORDS);
          t = new SynonymGraphFilter(t, synonyms, true);
        }
        if (stop) t = new StopFilter(t, STOP);
        return new TokenStreamComponents(source, new PorterStemFilter(t));
      }
    };
  }

  /** The catalog's synonym rules, parsed over lowercased words as the concerns are read. */
  private static SynonymMap synonymMap(Synonyms synonyms) {
    Analyzer plain =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(
                source, new LowerCaseFilter(new EnglishPossessiveFilter(source)));
          }
        };
    try (plain) {
      SolrSynonymParser parser = new SolrSynonymParser(true, true, plain);
      parser.parse(new StringReader(String.join("\n", synonyms.rules())));
      return parser.build();
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("catalog synonyms cannot be read: " + e.getMessage(), e);
    }
  }

  private static CharArraySet stopWords() {
    Set<String> words = new TreeSet<>();
    EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.forEach(w -> words.add(new String((char[]) w)));
    words.addAll(
        List.of(
            "someone",
            "somebody",
            "anyone",
            "people",
            "our",
            "we",
            "us",
            "my",
            "me",
            "i",
            "you",
            "your",
            "its",
            "from",
            "could",
            "would",
            "might",
            "may",
            "can",
            "get",
            "gets",
            "getting",
            "worried",
            "worry",
            "concern",
            "about",
            "what",
            "how",
            "who",
            "which",
            "when",
            "where",
            "has",
            "have",
            "do",
            "does",
            "so",
            "than",
            "too",
            "very",
            "also",
            "all",
            "any",
            "some",
            "one",
            "other",
            "others",
            "more",
            "most"));
    return CharArraySet.unmodifiableSet(new CharArraySet(words, true));
  }
}
