package dev.mlsec.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partitioner;

/**
 * Contiguous ranges of paths, one per part file of the table: partition {@code p} holds the paths
 * from its first to the next range's first, so part files in partition order, each sorted, are the
 * table sorted by path. The bounds come from the listing the driver holds, so unlike a sort's range
 * partitioner no job samples the rows first, and they depend on the files only (not on the
 * cluster): the same hub gives the same parts.
 */
final class PathRanges extends Partitioner {
  private static final long serialVersionUID = 1L;

  // first path of each range but the first, ascending
  private final String[] starts;

  private PathRanges(String[] starts) {
    this.starts = starts;
  }

  /**
   * Ranges of {@code rowsPerPart} listed files at most, as even as can be ({@code sorted} is sorted
   * by path): enough parts to write in parallel, few enough to stay large files.
   */
  static PathRanges of(List<FileKey> sorted, int rowsPerPart) {
    int parts = Math.max(1, (sorted.size() + rowsPerPart - 1) / rowsPerPart);
    String[] starts = new String[parts - 1];
    for (int p = 1; p < parts; p++) starts[p - 1] = sorted.get(p * sorted.size() / parts).path();
    return new PathRanges(starts);
  }

  @Override
  public int numPartitions() {
    return starts.length + 1;
  }

  @Override
  public int getPartition(Object path) {
    int at = Arrays.binarySearch(starts, (String) path);
    // a range's first path goes to it; any other path to the range whose first precedes it
    return at >= 0 ? at + 1 : -at - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathRanges r && Arrays.equals(starts, r.starts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(starts);
  }
}
