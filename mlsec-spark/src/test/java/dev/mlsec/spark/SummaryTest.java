package dev.mlsec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/** summary.json's counts are the same however Spark splits the table into partitions. */
class SummaryTest {
  private static final String NOW = "2026-01-01T00:00:00Z";

  @Property
  void countsDoNotDependOnHowTheRowsArePartitioned(
      @ForAll("rows") List<Row> rows,
      @ForAll("cuts") List<Integer> cuts,
      @ForAll @IntRange(min = 0, max = 5) int slowest) {
    Summary.Tally whole = new Summary.Tally(NOW, slowest);
    rows.forEach(whole::add);

    // the rows cut into consecutive partitions, each counted alone, merged in some order
    List<Summary.Tally> parts = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      int to = Math.min(rows.size(), from + cut);
      Summary.Tally t = new Summary.Tally(NOW, slowest);
      rows.subList(from, to).forEach(t::add);
      parts.add(t);
      from = to;
    }
    Summary.Tally rest = new Summary.Tally(NOW, slowest);
    rows.subList(from, rows.size()).forEach(rest::add);
    Summary.Tally merged = new Summary.Tally(NOW, slowest);
    for (int i = parts.size() - 1; i >= 0; i--) merged.merge(parts.get(i));
    merged.merge(rest);

    assertThat(merged).usingRecursiveComparison().isEqualTo(whole);
  }

  @Property
  void theSlowestAreThisRunsLongestScansSlowestFirstThenByPath(@ForAll("rows") List<Row> rows) {
    Summary.Tally t = new Summary.Tally(NOW, 3);
    rows.forEach(t::add);
    List<Summary.Slow> expected =
        rows.stream()
            .filter(r -> NOW.equals(r.getString(13)))
            .map(
                r ->
                    new Summary.Slow(
                        r.getString(0), r.getLong(11), r.getLong(1), r.getLong(10), r.getString(5)))
            .sorted(
                (a, b) ->
                    a.millis() != b.millis()
                        ? Long.compare(b.millis(), a.millis())
                        : a.path().compareTo(b.path()))
            .limit(3)
            .toList();
    assertThat(t).extracting("slowest").isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 7).list().ofMaxSize(6);
  }

  /**
   * Rows of {@link HubTable#SCHEMA} with unique paths, their rules an array (as scanned) or a Scala
   * sequence (as read back from an earlier output).
   */
  @Provide
  Arbitrary<List<Row>> rows() {
    Arbitrary<List<String>> rules =
        Arbitraries.of("pickle.global", "zip.slip", "scan.limit").set().map(List::copyOf);
    return Combinators.combine(
            Arbitraries.of("clean", "malicious", "inconclusive"),
            Arbitraries.of("pickle", "zip", "safetensors"),
            rules,
            Arbitraries.longs().between(0, 50),
            Arbitraries.of(true, false),
            Arbitraries.of(NOW, "2025-06-01T00:00:00Z"))
        .as(
            (verdict, format, r, millis, error, at) ->
                new Object[] {verdict, format, r, millis, error, at})
        .list()
        .ofMaxSize(30)
        .map(
            l -> {
              List<Row> out = new ArrayList<>();
              for (int i = 0; i < l.size(); i++) {
                Object[] v = l.get(i);
                @SuppressWarnings("unchecked")
                List<String> rs = (List<String>) v[2];
                Object ruleColumn =
                    i % 2 == 0
                        ? rs.toArray(String[]::new)
                        : CollectionConverters.asScala(rs).toSeq();
                out.add(
                    RowFactory.create(
                        "file:/hub/f" + i,
                        100L * i,
                        1_700_000_000_000L,
                        "00",
                        "read",
                        v[0],
                        v[1],
                        new String[] {(String) v[1]},
                        ruleColumn,
                        new Object[0],
                        10L * i,
                        v[3],
                        (Boolean) v[4] ? "IOException: gone" : null,
                        v[5]));
              }
              return out;
            });
  }
}
