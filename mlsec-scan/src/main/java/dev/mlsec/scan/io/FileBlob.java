package dev.mlsec.scan.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file read by positional reads through a small cache, counting the distinct bytes that really
 * come from the disk (the "bytes read" of a report): a byte read twice counts once, so the count
 * never exceeds the file size.
 */
public final class FileBlob implements Blob, Closeable {
  private static final int PAGE = 16 * 1024;
  private final FileChannel channel;
  private final long size;
  private final byte[] page = new byte[PAGE];
  private long pageStart = -1;
  private int pageLen;
  // disjoint, non-adjacent ranges already read: start -> end (exclusive)
  private final TreeMap<Long, Long> readRanges = new TreeMap<>();
  private long bytesRead;

  public FileBlob(Path path) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.size = channel.size();
  }

  @Override
  public long size() {
    return size;
  }

  /** Distinct bytes of the file read so far; at most {@link #size()}. */
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public int read(long pos, byte[] b, int off, int len) throws IOException {
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
    int n = channel.read(ByteBuffer.wrap(b, off, len), pos);
    if (n > 0) mark(pos, n);
    return n;
  }

  private void fill(long pos) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(page, 0, (int) Math.min(PAGE, size - pos));
    int total = 0;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos + total);
      if (n <= 0) break;
      total += n;
    }
    if (total > 0) mark(pos, total);
    pageStart = pos;
    pageLen = total;
  }

  /** Records that [pos, pos + n) was read, merging with touching ranges. */
  private void mark(long pos, long n) {
    long start = pos;
    long end = Math.min(size, pos + n);
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

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
