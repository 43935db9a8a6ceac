package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Synonyms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Judges what a {@code custom:} control is from its name and description: the catalog control it is
 * a kind of (a caller-ID check is authentication, a domain allowlist is egress restriction), with
 * the same Lucene analysis as {@link ConcernMatcher} (English stemming, stop words, the catalog's
 * synonym map, BM25) over each catalog control's title, keywords and id. BM25 ranks the controls; a
 * match is confident only when the text says every word of one of the control's catalog {@code
 * keywords} (stemmed, word after word), so one shared word ("validation", "filter") never decides
 * what a control is. Among several controls whose keywords the text says, the best ranked is the
 * match.
 */
final class ControlMatcher {
  private static final Map<String, Float> FIELDS =
      Map.of("title", 3.0f, "keywords", 3.0f, "id", 2.0f);

  /** The stemmed words of a text, as the index reads them (stop words dropped). */
  private List<String> words(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = indexAnalyzer.tokenStream("keywords", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a string has no I/O to fail
    }
    return out;
  }

  /** The best catalog control, whether the match is confident, and its score in units. */
  record Match(ControlDef control, boolean confident, float units) {}

  private final List<ControlDef> controls;

  /** Each control's keywords as stemmed words, in catalog order. */
  private final List<List<List<String>>> phrases = new ArrayList<>();

  private final Analyzer indexAnalyzer;
  private final Analyzer queryAnalyzer;
  private final IndexSearcher searcher;
  private final float unit;

  ControlMatcher(Catalog catalog) {
    synchronized (LuceneLock.LOCK) {
      this.controls = List.copyOf(catalog.controls());
      this.indexAnalyzer = ConcernMatcher.english(null, true);
      this.queryAnalyzer =
          ConcernMatcher.english(ConcernMatcher.synonymMap(Synonyms.builtIn()), false);
      for (ControlDef c : controls) {
        List<List<String>> own = new ArrayList<>();
        for (String k : c.keywords()) {
          List<String> phrase = words(k);
          if (!phrase.isEmpty()) own.add(phrase);
        }
        phrases.add(own);
      }
      ByteBuffersDirectory dir = ConcernMatcher.memoryDirectory();
      try {
        IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer);
        config.setSimilarity(new BM25Similarity());
        try (IndexWriter w = new IndexWriter(dir, config)) {
          for (ControlDef c : controls) {
            Document d = new Document();
            d.add(new TextField("title", c.title(), Field.Store.NO));
            d.add(new TextField("keywords", String.join(". ", c.keywords()), Field.Store.NO));
            d.add(new TextField("id", c.id().replace('-', ' '), Field.Store.NO));
            w.addDocument(d);
          }
        }
        searcher = new IndexSearcher(DirectoryReader.open(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // an in-memory index has no I/O to fail
      }
      searcher.setSimilarity(new BM25Similarity());
      int n = Math.max(1, controls.size());
      unit = (float) Math.log(1 + (n - 0.5) / 1.5);
    }
  }

  /**
   * The catalog control a custom control named {@code name} (without {@code custom:}) and described
   * by {@code description} is a kind of; empty when nothing in the catalog scores.
   */
  Optional<Match> match(String name, String description) {
    synchronized (LuceneLock.LOCK) {
      return matchLocked(name, description);
    }
  }

  private Optional<Match> matchLocked(String name, String description) {
    String text = text(name, description);
    ScoreDoc[] hits = hits(text, controls.size());
    if (hits.length == 0) return Optional.empty();
    List<String> said = words(text);
    for (ScoreDoc h : hits)
      if (phrases.get(h.doc).stream().anyMatch(k -> Collections.indexOfSubList(said, k) >= 0))
        return Optional.of(new Match(controls.get(h.doc), true, h.score / unit));
    return Optional.of(new Match(controls.get(hits[0].doc), false, hits[0].score / unit));
  }

  /** Scores of the best few catalog controls in units, best first (for calibration and tests). */
  List<Map.Entry<String, Float>> scores(String name, String description) {
    synchronized (LuceneLock.LOCK) {
      return scoresLocked(name, description);
    }
  }

  private List<Map.Entry<String, Float>> scoresLocked(String name, String description) {
    List<Map.Entry<String, Float>> out = new ArrayList<>();
    for (ScoreDoc h : hits(text(name, description), 5))
      out.add(Map.entry(controls.get(h.doc).id(), h.score / unit));
    return out;
  }

  /** What a custom control says of itself: its name as words, then its description. */
  private static String text(String name, String description) {
    return name.replace('-', ' ').replace('_', ' ') + ". " + description;
  }

  private ScoreDoc[] hits(String text, int n) {
    Query query = ConcernMatcher.query(queryAnalyzer, FIELDS, text);
    if (query == null) return new ScoreDoc[0];
    try {
      return searcher.search(query, n).scoreDocs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
