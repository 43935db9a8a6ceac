package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.ByteBuffersIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.fst.ByteSequenceOutputs;
import org.apache.lucene.util.fst.FST;

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

  /**
   * A mapped concern also points at the workflow's own findings of threats that score at least this
   * share of the best: among readings the catalog ranks close, the one this workflow exposes is the
   * likely meaning ("a sales user reading salaries through the agent" is read first as the agent
   * disclosing what its tools return, and the workflow's finding is the tool reading with one
   * identity for everyone).
   */
  static final float RELATED = 0.5f;

  static final int MAX_MATCHED = 3;
  static final int MAX_CLOSEST = 3;
  static final int MAX_RELATED = 12;

  /**
   * Most words of a concern read; a concern is a short phrase. Each word and its synonyms become
   * clauses in seven fields, so this bounds the query: 24 words times the largest synonym group
   * (under 40 words) times 7 fields stays under {@link #MAX_CLAUSES}.
   */
  static final int MAX_WORDS = 24;

  /** Lucene's limit on the clauses of one query, raised from its default of 1,024. */
  static final int MAX_CLAUSES = 8_192;

  /**
   * Lucene's static state this class needs, made on first use under {@link LuceneLock} (not in this
   * class's own initialiser, which any thread may run).
   */
  private static final class Lucene {
    /** Words of concerns that say nothing about which threat is meant. */
    static final CharArraySet STOP = stopWords();

    static {
      if (IndexSearcher.getMaxClauseCount() < MAX_CLAUSES)
        IndexSearcher.setMaxClauseCount(MAX_CLAUSES);
    }

    static void start() {
      // loading this class runs its initialiser
    }
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

  /**
   * What a concern maps to and, beyond that, what came closest; {@code related} are the further
   * threats of a mapped concern that score at least {@link #RELATED} of the best (the analysis
   * points the concern at the workflow's findings of those too).
   */
  record Result(
      List<String> matched, List<String> closest, List<String> related, Map<String, Float> units) {
    Result {
      matched = List.copyOf(matched);
      closest = List.copyOf(closest);
      related = List.copyOf(related);
      units = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(units));
    }

    Result(List<String> matched, List<String> closest, List<String> related) {
      this(matched, closest, related, Map.of());
    }

    Result(List<String> matched, List<String> closest) {
      this(matched, closest, List.of());
    }

    /**
     * The same answer with the score in rare-word units of every threat the concern reaches ({@link
     * #units(String)}), which the analysis weighs the raised findings by; kept with the answer in
     * the concern cache, so a cached concern starts no Lucene search.
     */
    Result withUnits(Map<String, Float> units) {
      return new Result(matched, closest, related, units);
    }
  }

  private final List<String> ids = new ArrayList<>();
  private final boolean prebuiltIndex;
  private final boolean prebuiltSynonyms;
  private final Analyzer queryAnalyzer;
  private final IndexSearcher searcher;

  /** BM25's idf of a word found in one threat: the unit scores are counted in. */
  private final float unit;

  ConcernMatcher(Catalog catalog) {
    this(catalog, Synonyms.builtIn());
  }

  ConcernMatcher(Catalog catalog, Synonyms synonyms) {
    this(catalog, synonyms, Prebuilt.builtIn());
  }

  /**
   * With the index and the synonym map made at build time when they were made from exactly this
   * catalog's text and these synonyms (compared by checksums), else built here.
   */
  ConcernMatcher(Catalog catalog, Synonyms synonyms, Optional<Prebuilt> prebuilt) {
    synchronized (LuceneLock.LOCK) {
      Lucene.start();
      List<List<String>> texts = ConcernTexts.texts(catalog);
      for (Threat t : catalog.threats()) ids.add(t.id());
      Optional<Prebuilt> same =
          prebuilt.filter(p -> Arrays.equals(p.textDigest(), ConcernTexts.digest(texts)));
      Optional<SynonymMap> map =
          prebuilt
              .filter(p -> Arrays.equals(p.synonymsDigest(), ConcernTexts.digest(synonyms.rules())))
              .map(Prebuilt::synonyms);
      this.prebuiltIndex = same.isPresent();
      this.prebuiltSynonyms = map.isPresent();
      this.queryAnalyzer = english(map.orElseGet(() -> synonymMap(synonyms)), false);
      try {
        Directory dir = same.isPresent() ? same.get().directory() : index(texts);
        searcher = new IndexSearcher(DirectoryReader.open(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // an in-memory index has no I/O to fail
      }
      int n = Math.max(1, ids.size());
      unit = (float) Math.log(1 + (n - 0.5) / 1.5);
      searcher.setSimilarity(new BM25Similarity());
    }
  }

  /** Whether the index and the synonym map came from the build ({@link Prebuilt}), for tests. */
  boolean prebuilt() {
    return prebuiltIndex && prebuiltSynonyms;
  }

  /** The index of the threats' texts, in catalog order (a document's number is its threat's). */
  private static ByteBuffersDirectory index(List<List<String>> texts) throws IOException {
    ByteBuffersDirectory dir = memoryDirectory();
    try (Analyzer indexAnalyzer = english(null, true)) {
      IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer);
      config.setSimilarity(new BM25Similarity());
      try (IndexWriter w = new IndexWriter(dir, config)) {
        for (List<String> t : texts) w.addDocument(document(t));
      }
    }
    return dir;
  }

  /**
   * An in-memory directory whose files read as Lucene's default one reads them ({@link
   * ByteBuffersIndexInput} over the written buffers), but named by the file alone: the default
   * names each input with {@code String.format("%,d")}, which starts the JDK's locale data (about
   * 20 ms of CPU in a cold JVM) for a name that only an exception would show.
   */
  static ByteBuffersDirectory memoryDirectory() {
    return new ByteBuffersDirectory(
        new SingleInstanceLockFactory(),
        ByteBuffersDataOutput::new,
        (name, out) ->
            new ByteBuffersIndexInput(out.toDataInput(), "in-memory index file " + name));
  }

  private static Document document(List<String> texts) {
    Document d = new Document();
    for (int i = 0; i < ConcernTexts.INDEXED.size(); i++) {
      String text = texts.get(i);
      if (text != null) d.add(new TextField(ConcernTexts.INDEXED.get(i), text, Field.Store.NO));
    }
    return d;
  }

  /** The threats a concern maps to, in score order, and the closest others. */
  Result match(String concern) {
    synchronized (LuceneLock.LOCK) {
      return matchLocked(concern);
    }
  }

  private Result matchLocked(String concern) {
    Query query = query(queryAnalyzer, FIELDS, concern);
    if (query == null) return new Result(List.of(), List.of());
    ScoreDoc[] hits;
    try {
      hits = searcher.search(query, MAX_MATCHED + Math.max(MAX_CLOSEST, MAX_RELATED)).scoreDocs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> matched = new ArrayList<>();
    List<String> closest = new ArrayList<>();
    List<String> related = new ArrayList<>();
    if (hits.length == 0) return new Result(matched, closest);
    float best = hits[0].score;
    boolean mapped = best >= MIN_UNITS * unit;
    for (ScoreDoc h : hits) {
      String id = ids.get(h.doc);
      if (mapped && h.score >= best * NEAR && matched.size() < MAX_MATCHED) {
        matched.add(id);
        continue;
      }
      if (h.score >= best * CLOSEST && closest.size() < MAX_CLOSEST) closest.add(id);
      if (mapped && h.score >= best * RELATED && related.size() < MAX_RELATED) related.add(id);
    }
    return new Result(matched, closest, related);
  }

  /**
   * Any word of text in any of the weighted fields, each field's clauses boosted by its weight;
   * null when the text has no word the analyzer keeps.
   */
  static Query query(Analyzer analyzer, Map<String, Float> fields, String text) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    QueryBuilder builder = new QueryBuilder(analyzer);
    boolean empty = true;
    for (String field : new TreeSet<>(fields.keySet())) {
      Query q = builder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
      if (q == null) continue;
      any.add(new BoostQuery(q, fields.get(field)), BooleanClause.Occur.SHOULD);
      empty = false;
    }
    return empty ? null : any.build();
  }

  /**
   * The score in rare-word units of every threat the concern's words reach at all (the analysis
   * weighs this workflow's raised findings by it).
   */
  Map<String, Float> units(String concern) {
    synchronized (LuceneLock.LOCK) {
      Query query = query(queryAnalyzer, FIELDS, concern);
      Map<String, Float> out = new java.util.LinkedHashMap<>();
      if (query == null) return out;
      try {
        for (ScoreDoc h : searcher.search(query, Math.max(1, ids.size())).scoreDocs)
          out.put(ids.get(h.doc), h.score / unit);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }
  }

  /** The score of each threat for a concern in rare-word units, best first (for calibration). */
  List<Map.Entry<String, Float>> scores(String concern) {
    synchronized (LuceneLock.LOCK) {
      return scoresLocked(concern);
    }
  }

  private List<Map.Entry<String, Float>> scoresLocked(String concern) {
    Query query = query(queryAnalyzer, FIELDS, concern);
    List<Map.Entry<String, Float>> out = new ArrayList<>();
    if (query == null) return out;
    try {
      for (ScoreDoc h : searcher.search(query, 8).scoreDocs)
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
  static Analyzer english(SynonymMap synonyms, boolean stop) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream t = new LowerCaseFilter(new EnglishPossessiveFilter(source));
        if (synonyms != null) {
          t = new LimitTokenCountFilter(t, MAX_WORDS);
          t = new SynonymGraphFilter(t, synonyms, true);
        }
        if (stop) t = new StopFilter(t, Lucene.STOP);
        return new TokenStreamComponents(source, new PorterStemFilter(t));
      }
    };
  }

  /** The catalog's synonym rules, parsed over lowercased words as the concerns are read. */
  static SynonymMap synonymMap(Synonyms synonyms) {
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

  /**
   * The index and the synonym map of the built-in catalog, made at build time ({@link
   * PrebuildConcernIndex}) and kept in the jar as {@value #RESOURCE}: Lucene's index files and the
   * synonym map's FST as bytes, each with checksums of what it was made from. Read as data
   * (lengths, names, bytes; nothing is deserialized into objects), and ignored when damaged, of
   * another format or made from other text: then the matcher builds its own, as for a user catalog.
   */
  static final class Prebuilt {
    static final String RESOURCE = "dev/mlsec/analysis/concern-index.bin";
    private static final int FORMAT = 1;

    /** Far more than the index of a few hundred threats takes (about 100 KB for 100). */
    private static final int MAX_BYTES = 16 << 20;

    private final byte[] textDigest;
    private final byte[] synonymsDigest;
    private final Map<String, byte[]> files;
    private final SynonymMap synonyms;

    private Prebuilt(
        byte[] textDigest, byte[] synonymsDigest, Map<String, byte[]> files, SynonymMap synonyms) {
      this.textDigest = textDigest;
      this.synonymsDigest = synonymsDigest;
      this.files = files;
      this.synonyms = synonyms;
    }

    byte[] textDigest() {
      return textDigest.clone();
    }

    byte[] synonymsDigest() {
      return synonymsDigest.clone();
    }

    SynonymMap synonyms() {
      return synonyms;
    }

    /** A fresh in-memory directory holding the index files. */
    Directory directory() throws IOException {
      ByteBuffersDirectory dir = memoryDirectory();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        try (IndexOutput o = dir.createOutput(f.getKey(), IOContext.DEFAULT)) {
          o.writeBytes(f.getValue(), f.getValue().length);
        }
      }
      return dir;
    }

    /** The one in the jar, if there is one and it can be read. */
    static Optional<Prebuilt> builtIn() {
      try (InputStream in = ConcernMatcher.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) return Optional.empty();
        return read(in.readNBytes(MAX_BYTES));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    /** The prebuilt index of these bytes, or empty when they are damaged or of another format. */
    static Optional<Prebuilt> read(byte[] bytes) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        if (in.readInt() != FORMAT) return Optional.empty();
        byte[] text = chunk(in);
        byte[] syn = chunk(in);
        int n = in.readInt();
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < n; i++) files.put(in.readUTF(), chunk(in));
        byte[] meta = chunk(in);
        byte[] fst = chunk(in);
        int words = in.readInt();
        BytesRefHash hash = new BytesRefHash();
        for (int i = 0; i < words; i++) {
          if (hash.add(new BytesRef(chunk(in))) != i) return Optional.empty();
        }
        int context = in.readInt();
        if (in.read() != -1) return Optional.empty();
        FST<BytesRef> map =
            new FST<>(
                FST.readMetadata(new ByteArrayDataInput(meta), ByteSequenceOutputs.getSingleton()),
                new ByteArrayDataInput(fst));
        return Optional.of(new Prebuilt(text, syn, files, new SynonymMap(map, hash, context)));
      } catch (IOException | RuntimeException e) {
        return Optional.empty(); // damaged: the matcher builds its own
      }
    }

    private static byte[] chunk(DataInputStream in) throws IOException {
      int n = in.readInt();
      if (n < 0 || n > in.available()) throw new EOFException("chunk of " + n + " bytes");
      return in.readNBytes(n);
    }

    /** The index and synonym map of this catalog and these synonyms, as {@link #read} reads. */
    static byte[] write(Catalog catalog, Synonyms synonyms) throws IOException {
      List<List<String>> texts = ConcernTexts.texts(catalog);
      ByteBuffersDirectory dir = index(texts);
      SynonymMap map = synonymMap(synonyms);
      if (map.fst == null) throw new IOException("the catalog's synonyms make no synonym map");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(FORMAT);
        chunk(out, ConcernTexts.digest(texts));
        chunk(out, ConcernTexts.digest(synonyms.rules()));
        String[] names = dir.listAll();
        out.writeInt(names.length);
        for (String name : names) {
          out.writeUTF(name);
          try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
            byte[] b = new byte[Math.toIntExact(in.length())];
            in.readBytes(b, 0, b.length);
            chunk(out, b);
          }
        }
        ByteBuffersDataOutput meta = new ByteBuffersDataOutput();
        ByteBuffersDataOutput fst = new ByteBuffersDataOutput();
        map.fst.save(meta, fst);
        chunk(out, meta.toArrayCopy());
        chunk(out, fst.toArrayCopy());
        out.writeInt(map.words.size());
        BytesRef word = new BytesRef();
        for (int i = 0; i < map.words.size(); i++) {
          map.words.get(i, word);
          chunk(out, BytesRef.deepCopyOf(word).bytes);
        }
        out.writeInt(map.maxHorizontalContext);
      }
      return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, byte[] b) throws IOException {
      out.writeInt(b.length);
      out.write(b);
    }
  }
}
