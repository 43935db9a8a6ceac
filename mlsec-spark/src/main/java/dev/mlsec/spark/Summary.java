package dev.mlsec.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlsec.scan.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code summary.json}: counts over the whole merged table, made by the tasks that write it (only
 * the counts reach the driver).
 *
 * @param files rows in the table
 * @param scanned rows scanned by this run
 * @param reused rows carried over from the previous output
 * @param errors rows whose file could not be read at all
 * @param verdicts files per verdict, every verdict present
 * @param rules files per rule (a file counts once per rule)
 * @param formats files per outer format
 * @param bytesRead bytes the scanner read, over all files
 * @param bytesStored the files' sizes added up
 * @param slowest the files of this run that took longest, slowest first
 */
record Summary(
    long files,
    long scanned,
    long reused,
    long errors,
    Map<String, Long> verdicts,
    Map<String, Long> rules,
    Map<String, Long> formats,
    long bytesRead,
    long bytesStored,
    List<Slow> slowest) {

  /** One slow file. */
  record Slow(String path, long millis, long size, long bytesRead, String verdict)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Slowest first, then by path: a total order, so the list is the same whatever the merges. */
  private static final Comparator<Slow> SLOWEST_FIRST =
      Comparator.comparingLong(Slow::millis).reversed().thenComparing(Slow::path);

  /**
   * The summary of the whole table from the counts of its parts (one per write task; only counts
   * and the slowest files reach the driver), merged in any order.
   */
  static Summary of(List<Tally> parts, String scannedAt, int slowest) {
    Tally t = new Tally(scannedAt, slowest);
    parts.forEach(t::merge);
    Map<String, Long> verdicts = new TreeMap<>();
    for (Verdict v : Verdict.values()) verdicts.put(v.id(), 0L);
    verdicts.putAll(t.verdicts);
    return new Summary(
        t.files,
        t.scanned,
        t.files - t.scanned,
        t.errors,
        verdicts,
        t.rules,
        t.formats,
        t.bytesRead,
        t.bytesStored,
        List.copyOf(t.slowest));
  }

  /**
   * Passes a write task's rows through, counting them, and adds the count to {@code counts} once
   * they have all been written. Spark applies the accumulator updates of a result task once per
   * partition, whatever the attempts, so a retried or speculative task is counted once.
   */
  static final class Counting implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private final CollectionAccumulator<Tally> counts;
    private final String scannedAt;
    private final int keep;

    Counting(CollectionAccumulator<Tally> counts, String scannedAt, int keep) {
      this.counts = counts;
      this.scannedAt = scannedAt;
      this.keep = keep;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Tally t = new Tally(scannedAt, keep);
      return new Iterator<>() {
        private boolean done;

        @Override
        public boolean hasNext() {
          if (rows.hasNext()) return true;
          if (!done) counts.add(t);
          done = true;
          return false;
        }

        @Override
        public Row next() {
          Row r = rows.next();
          t.add(r);
          return r;
        }
      };
    }
  }

  /** The counts of some rows of the table. */
  static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String scannedAt;
    private final int keep;
    private long files;
    private long scanned;
    private long errors;
    private long bytesRead;
    private long bytesStored;
    private final TreeMap<String, Long> verdicts = new TreeMap<>();
    private final TreeMap<String, Long> rules = new TreeMap<>();
    private final TreeMap<String, Long> formats = new TreeMap<>();
    // the slowest files scanned by this run, sorted by SLOWEST_FIRST, at most `keep`
    private final ArrayList<Slow> slowest = new ArrayList<>();

    Tally(String scannedAt, int keep) {
      this.scannedAt = scannedAt;
      this.keep = keep;
    }

    // the columns counted, by their place in HubTable.SCHEMA: a scanned row carries no schema of
    // its own to look names up in
    private static final int PATH = HubTable.SCHEMA.fieldIndex(HubTable.PATH);
    private static final int SIZE = HubTable.SCHEMA.fieldIndex(HubTable.SIZE);
    private static final int VERDICT = HubTable.SCHEMA.fieldIndex(HubTable.VERDICT);
    private static final int FORMAT = HubTable.SCHEMA.fieldIndex("format");
    private static final int RULES = HubTable.SCHEMA.fieldIndex("rules");
    private static final int READ = HubTable.SCHEMA.fieldIndex("bytesRead");
    private static final int MILLIS = HubTable.SCHEMA.fieldIndex(HubTable.MILLIS);
    private static final int ERROR = HubTable.SCHEMA.fieldIndex(HubTable.ERROR);
    private static final int SCANNED_AT = HubTable.SCHEMA.fieldIndex(HubTable.SCANNED_AT);

    /** Counts one row of {@link HubTable#SCHEMA}. */
    Tally add(Row r) {
      files++;
      long size = r.getLong(SIZE);
      long read = r.getLong(READ);
      bytesStored += size;
      bytesRead += read;
      if (!r.isNullAt(ERROR)) errors++;
      String verdict = r.getString(VERDICT);
      verdicts.merge(verdict, 1L, Long::sum);
      formats.merge(r.getString(FORMAT), 1L, Long::sum);
      for (String rule : strings(r.get(RULES))) rules.merge(rule, 1L, Long::sum);
      if (scannedAt.equals(r.getString(SCANNED_AT))) {
        scanned++;
        offer(new Slow(r.getString(PATH), r.getLong(MILLIS), size, read, verdict));
      }
      return this;
    }

    // a scanned row holds an array (what FileScan builds), a row read back a Scala sequence
    @SuppressWarnings("unchecked")
    private static List<String> strings(Object array) {
      return array instanceof String[] a
          ? Arrays.asList(a)
          : CollectionConverters.asJava((scala.collection.Seq<String>) array);
    }

    Tally merge(Tally o) {
      files += o.files;
      scanned += o.scanned;
      errors += o.errors;
      bytesRead += o.bytesRead;
      bytesStored += o.bytesStored;
      o.verdicts.forEach((k, v) -> verdicts.merge(k, v, Long::sum));
      o.rules.forEach((k, v) -> rules.merge(k, v, Long::sum));
      o.formats.forEach((k, v) -> formats.merge(k, v, Long::sum));
      o.slowest.forEach(this::offer);
      return this;
    }

    private void offer(Slow s) {
      int at = Collections.binarySearch(slowest, s, SLOWEST_FIRST);
      if (at >= 0) return; // paths are unique, so this is the same row twice
      at = -at - 1;
      if (at >= keep) return;
      slowest.add(at, s);
      if (slowest.size() > keep) slowest.remove(keep);
    }
  }

  /**
   * Written with the run's settings (what decides whether a later run may reuse the rows) and how
   * long the run took.
   */
  void write(
      OutputStream out,
      Settings settings,
      String format,
      List<String> inputs,
      String scannedAt,
      Phases phases)
      throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("tool", "mlsec hub-scan");
      g.writeStringField("version", settings.version());
      g.writeStringField("settings", settings.fingerprint());
      g.writeStringField("format", format);
      g.writeStringField("scannedAt", scannedAt);
      // from listing to the table written and counted (Spark's start-up not included)
      g.writeNumberField("elapsedMillis", phases.elapsedMillis());
      // where that time went: listing, scanning and writing the table, this summary
      counts(g, "phases", phases.millis());
      g.writeArrayFieldStart("inputs");
      for (String i : inputs) g.writeString(i);
      g.writeEndArray();
      g.writeNumberField("files", files);
      g.writeNumberField("scanned", scanned);
      g.writeNumberField("reused", reused);
      g.writeNumberField("errors", errors);
      counts(g, "verdicts", verdicts);
      counts(g, "rules", rules);
      counts(g, "formats", formats);
      g.writeNumberField("bytesRead", bytesRead);
      g.writeNumberField("bytesStored", bytesStored);
      g.writeNumberField("readFraction", bytesStored == 0 ? 0.0 : (double) bytesRead / bytesStored);
      g.writeArrayFieldStart("slowest");
      for (Slow s : slowest) {
        g.writeStartObject();
        g.writeStringField("path", s.path());
        g.writeNumberField("millis", s.millis());
        g.writeNumberField("size", s.size());
        g.writeNumberField("bytesRead", s.bytesRead());
        g.writeStringField("verdict", s.verdict());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void counts(JsonGenerator g, String name, Map<String, Long> m) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : m.entrySet()) g.writeNumberField(e.getKey(), e.getValue());
    g.writeEndObject();
  }

  /** One line for the terminal. */
  String line(String out) {
    return String.format(
        java.util.Locale.ROOT,
        "hub-scan: %d files (%d scanned, %d reused, %d unreadable): %s; read %d of %d bytes"
            + " (%.4f %%) -> %s",
        files,
        scanned,
        reused,
        errors,
        verdicts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(java.util.stream.Collectors.joining(", ")),
        bytesRead,
        bytesStored,
        bytesStored == 0 ? 0.0 : 100.0 * bytesRead / bytesStored,
        out);
  }
}
