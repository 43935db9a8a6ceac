package dev.mlsec.spark;

import dev.mlsec.scan.LimitReachedException;
import dev.mlsec.scan.io.PositionedInput;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A file of a Hadoop {@code FileSystem} read by positioned reads only (on S3 each is a ranged GET),
 * within a budget of bytes fetched: past it the scan stops as a limit, so the file is inconclusive.
 */
final class HadoopInput implements PositionedInput {
  private final FSDataInputStream in;
  private final long size;
  private final long budget;
  // bytes fetched, a byte fetched twice counting twice: what the budget bounds
  private long fetched;

  HadoopInput(FSDataInputStream in, long size, long budget) {
    this.in = in;
    this.size = size;
    this.budget = budget;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int readAt(long pos, byte[] b, int off, int len) throws IOException {
    if (pos >= size) return -1;
    int want = (int) Math.min(len, size - pos);
    if (fetched + want > budget)
      throw new LimitReachedException("read budget of " + budget + " bytes per file");
    int n = in.read(pos, b, off, want);
    if (n > 0) fetched += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
