package dev.mlsec.spark;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlsec.scan.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code summary.json}: counts over the whole merged table, computed by Spark aggregations (only
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
  record Slow(String path, long millis, long size, long bytesRead, String verdict) {}

  static Summary of(Dataset<Row> table, String scannedAt, int slowest) {
    Row t =
        table
            .agg(
                count(lit(1)),
                sum(when(col(HubTable.SCANNED_AT).equalTo(scannedAt), 1).otherwise(0)),
                count(col(HubTable.ERROR)),
                sum(col("bytesRead")),
                sum(col(HubTable.SIZE)))
            .first();
    Map<String, Long> verdicts = new TreeMap<>();
    for (Verdict v : Verdict.values()) verdicts.put(v.id(), 0L);
    verdicts.putAll(counts(table.groupBy(HubTable.VERDICT)));
    Map<String, Long> rules = counts(table.select(explode(col("rules"))).groupBy("col"));
    Map<String, Long> formats = counts(table.groupBy("format"));
    List<Slow> slow =
        table
            .filter(col(HubTable.SCANNED_AT).equalTo(scannedAt))
            .orderBy(desc(HubTable.MILLIS), asc(HubTable.PATH))
            .select(HubTable.PATH, HubTable.MILLIS, HubTable.SIZE, "bytesRead", HubTable.VERDICT)
            .limit(slowest)
            .collectAsList()
            .stream()
            .map(
                r ->
                    new Slow(
                        r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4)))
            .toList();
    long files = t.getLong(0);
    long scanned = t.isNullAt(1) ? 0 : t.getLong(1);
    return new Summary(
        files,
        scanned,
        files - scanned,
        t.getLong(2),
        verdicts,
        rules,
        formats,
        t.isNullAt(3) ? 0 : t.getLong(3),
        t.isNullAt(4) ? 0 : t.getLong(4),
        slow);
  }

  private static Map<String, Long> counts(org.apache.spark.sql.RelationalGroupedDataset grouped) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : grouped.count().collectAsList()) m.put(r.getString(0), r.getLong(1));
    return m;
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
      long elapsedMillis)
      throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("tool", "mlsec hub-scan");
      g.writeStringField("version", settings.version());
      g.writeStringField("settings", settings.fingerprint());
      g.writeStringField("format", format);
      g.writeStringField("scannedAt", scannedAt);
      // from listing to the table written and counted (Spark's start-up not included)
      g.writeNumberField("elapsedMillis", elapsedMillis);
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
