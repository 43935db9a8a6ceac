package dev.mlsec.spark;

import dev.mlsec.scan.LimitReachedException;
import dev.mlsec.scan.io.PositionedInput;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * One file read by positioned reads only (on S3 each is a ranged GET), of the size the listing
 * gave, within a budget of bytes fetched: past it the scan stops as a limit, so the file is
 * inconclusive. The bytes come from a Hadoop stream or, for a file of the stock local file system,
 * straight from its channel ({@code ChannelInput}): the same {@code pread}s without Hadoop's
 * per-file wrappers.
 */
final class FileInput implements PositionedInput {
  private final PositionedInput source;
  private final long size;
  private final long budget;
  // bytes fetched, a byte fetched twice counting twice: what the budget bounds
  private long fetched;

  /** {@code source}'s bytes up to the listed {@code size}, within {@code budget}. */
  FileInput(PositionedInput source, long size, long budget) {
    this.source = source;
    this.size = size;
    this.budget = budget;
  }

  /** A Hadoop stream read by positioned reads only. */
  static PositionedInput of(FSDataInputStream in, long size) {
    return new PositionedInput() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public int readAt(long pos, byte[] b, int off, int len) throws IOException {
        return in.read(pos, b, off, len);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
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
    int n = source.readAt(pos, b, off, want);
    if (n > 0) fetched += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
