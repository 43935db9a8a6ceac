package dev.mlsec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** How files are spread over scan tasks and rows over part files, without Spark running. */
class PartitionPlanTest {

  @Property
  void balanceScansEveryFileOnceInEvenNonEmptyPartitions(
      @ForAll("files") List<FileKey> files, @ForAll @IntRange(min = 1, max = 40) int n) {
    List<List<FileKey>> spread = Listing.balance(files, n);

    assertThat(spread).hasSize(Math.max(1, Math.min(n, files.size())));
    assertThat(spread.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(files);
    int min = spread.stream().mapToInt(List::size).min().orElseThrow();
    int max = spread.stream().mapToInt(List::size).max().orElseThrow();
    assertThat(max - min).isLessThanOrEqualTo(1);
    if (files.isEmpty()) return;
    assertThat(min).isPositive();
    // the n largest files go to n different partitions, each partition's largest first
    for (List<FileKey> p : spread)
      assertThat(p.get(0).size())
          .isEqualTo(p.stream().mapToLong(FileKey::size).max().orElseThrow());
  }

  @Property
  void balanceDependsOnTheFilesNotTheirOrder(
      @ForAll("files") List<FileKey> files,
      @ForAll @IntRange(min = 1, max = 9) int n,
      @ForAll long seed) {
    List<FileKey> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Listing.balance(shuffled, n)).isEqualTo(Listing.balance(files, n));
  }

  @Property
  void partsInOrderAreTheTableSortedByPath(
      @ForAll("files") List<FileKey> files, @ForAll @IntRange(min = 1, max = 50) int rowsPerPart) {
    List<FileKey> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    PathRanges ranges = PathRanges.of(sorted, rowsPerPart);

    assertThat(ranges.numPartitions())
        .isEqualTo(Math.max(1, (sorted.size() + rowsPerPart - 1) / rowsPerPart));
    int[] rows = new int[ranges.numPartitions()];
    int previous = 0;
    for (FileKey f : sorted) {
      int p = ranges.getPartition(f.path());
      // part numbers never decrease along the sorted paths: part 0, then 1, ...
      assertThat(p).isBetween(previous, ranges.numPartitions() - 1);
      previous = p;
      rows[p]++;
    }
    for (int r : rows) {
      assertThat(r).isLessThanOrEqualTo(rowsPerPart);
      if (!sorted.isEmpty()) assertThat(r).isPositive();
    }
    assertThat(ranges).isEqualTo(PathRanges.of(sorted, rowsPerPart));
  }

  @Property
  void aPathBetweenListedPathsFallsInTheRangeOfTheOneBeforeIt(
      @ForAll("files") List<FileKey> files, @ForAll @IntRange(min = 1, max = 5) int rowsPerPart) {
    List<FileKey> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    PathRanges ranges = PathRanges.of(sorted, rowsPerPart);
    for (FileKey f : sorted)
      assertThat(ranges.getPartition(f.path() + "\u0000")).isEqualTo(ranges.getPartition(f.path()));
    assertThat(ranges.getPartition("")).isZero();
  }

  @Provide
  Arbitrary<List<FileKey>> files() {
    Arbitrary<FileKey> file =
        Combinators.combine(
                Arbitraries.strings().withChars("ab/._é").ofMinLength(1).ofMaxLength(6),
                Arbitraries.longs().between(0, 1L << 34),
                Arbitraries.longs().between(0, 1L << 40))
            .as((p, size, time) -> new FileKey("file:/hub/" + p, size, time));
    // paths are unique in a listing
    return file.list()
        .ofMaxSize(60)
        .map(
            l -> {
              TreeSet<String> seen = new TreeSet<>();
              return l.stream().filter(f -> seen.add(f.path())).toList();
            });
  }
}
