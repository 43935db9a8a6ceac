package dev.mlsec.scan.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link PositionedInput} read by positional reads through a small cache, counting the distinct
 * bytes that really come from the input (the "bytes read" of a report): a byte read twice counts
 * once, so the count never exceeds the size. An optional {@link FirstRead} sees each byte the first
 * time it is read (to hash what was read, say).
 */
public final class PositionedBlob implements Closeable {
  private static final int PAGE = 16 * 1024;

  /** Told of bytes the first time they are read, in the order they are read. */
  @FunctionalInterface
  public interface FirstRead {
    void bytes(long pos, byte[] b, int off, int len);
  }

  private final PositionedInput input;
  private final long size;
  private final FirstRead firstRead;
  // a small file's page is its size: a directory scan opens thousands of them
  private final byte[] page;
  private long pageStart = -1;
  private int pageLen;
  // disjoint, non-adjacent ranges already read: start -> end (exclusive)
  private final TreeMap<Long, Long> readRanges = new TreeMap<>();
  private long bytesRead;
  private final Blob blob;

  public PositionedBlob(PositionedInput input) throws IOException {
    this(input, null);
  }

  /** {@code firstRead} may be null. */
  public PositionedBlob(PositionedInput input, FirstRead firstRead) throws IOException {
    this.input = Objects.requireNonNull(input);
    this.size = input.size();
    this.firstRead = firstRead;
    this.page = new byte[(int) Math.max(1, Math.min(PAGE, size))];
    this.blob = Blob.of(this);
  }

  public long size() {
    return size;
  }

  /** The input as a blob, read through this cache. */
  public Blob blob() {
    return blob;
  }

  /** Distinct bytes of the input read so far; at most {@link #size()}. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Reads up to {@code len} bytes at {@code pos}; returns the count, or -1 at the end. */
  int read(long pos, byte[] b, int off, int len) throws IOException {
    if (pos < 0 || pos >= size) return -1;
    if (len == 0) return 0;
    if (pageStart < 0 || pos < pageStart || pos >= pageStart + pageLen) {
      // large reads bypass the cache; tiny probes (a magic number) read only what they need
      if (len >= PAGE || len <= 64) return direct(pos, b, off, len);
      fill(pos);
      if (pageLen <= 0) return -1;
    }
    int at = (int) (pos - pageStart);
    int n = Math.min(len, pageLen - at);
    System.arraycopy(page, at, b, off, n);
    return n;
  }

  private int direct(long pos, byte[] b, int off, int len) throws IOException {
    int n = input.readAt(pos, b, off, (int) Math.min(len, size - pos));
    if (n > 0) mark(pos, b, off, n);
    return n;
  }

  private void fill(long pos) throws IOException {
    int want = (int) Math.min(PAGE, size - pos);
    int total = 0;
    while (total < want) {
      int n = input.readAt(pos + total, page, total, want - total);
      if (n <= 0) break;
      total += n;
    }
    if (total > 0) mark(pos, page, 0, total);
    pageStart = pos;
    pageLen = total;
  }

  /** Records that [pos, pos + n) was read (held in b at off), merging with touching ranges. */
  private void mark(long pos, byte[] b, int off, int n) {
    long start = pos;
    long end = Math.min(size, pos + n);
    if (firstRead != null) tellFirstRead(start, end, b, off);
    Map.Entry<Long, Long> before = readRanges.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      if (before.getValue() >= end) return;
      start = before.getKey();
      bytesRead -= before.getValue() - before.getKey();
      end = Math.max(end, before.getValue());
      readRanges.remove(before.getKey());
    }
    Map.Entry<Long, Long> next = readRanges.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      bytesRead -= next.getValue() - next.getKey();
      end = Math.max(end, next.getValue());
      readRanges.remove(next.getKey());
      next = readRanges.ceilingEntry(start);
    }
    readRanges.put(start, end);
    bytesRead += end - start;
  }

  /** Passes on the parts of [start, end) not read before. */
  private void tellFirstRead(long start, long end, byte[] b, int off) {
    long cursor = start;
    Map.Entry<Long, Long> r = readRanges.floorEntry(start);
    if (r == null) r = readRanges.ceilingEntry(start);
    while (r != null && r.getKey() < end && cursor < end) {
      if (r.getKey() > cursor) gap(cursor, r.getKey(), start, b, off);
      cursor = Math.max(cursor, r.getValue());
      r = readRanges.higherEntry(r.getKey());
    }
    if (cursor < end) gap(cursor, end, start, b, off);
  }

  private void gap(long from, long to, long start, byte[] b, int off) {
    firstRead.bytes(from, b, off + (int) (from - start), (int) (to - from));
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
