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
            .filter(r -> NOW.equals(r.getString(8)))
            .map(
                r ->
                    new Summary.Slow(
                        r.getString(0), r.getLong(6), r.getLong(1), r.getLong(5), r.getString(2)))
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

  /** Rows in the columns {@link Summary#of} selects, with unique paths. */
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
                out.add(
                    RowFactory.create(
                        "file:/hub/f" + i,
                        100L * i,
                        v[0],
                        v[1],
                        CollectionConverters.asScala(rs).toSeq(),
                        10L * i,
                        v[3],
                        (Boolean) v[4] ? "IOException: gone" : null,
                        v[5]));
              }
              return out;
            });
  }
}
