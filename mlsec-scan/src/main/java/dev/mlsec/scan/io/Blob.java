package dev.mlsec.scan.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Random-access bytes: a file (or object) read through positioned reads, a window of one, or bytes
 * in memory. One final class, not an interface with a class per source: the scanner's hot loops
 * (the pickle machine's reads, the zip end-record search) then call one known method, and the JIT
 * does not compile them for the sources the first files brought only to throw the code away when
 * the next file brings another (docs/performance.md, round hub7).
 */
public final class Blob {
  // exactly one of the two: the bytes in memory, or the input behind its page cache
  private final byte[] array;
  private final PositionedBlob paged;
  // this blob is [from, from + length) of the array or the input
  private final long from;
  private final long length;

  private Blob(byte[] array, PositionedBlob paged, long from, long length) {
    this.array = array;
    this.paged = paged;
    this.from = from;
    this.length = length;
  }

  /** Bytes already in memory (a decompressed member, a test fixture). */
  public static Blob of(byte[] data) {
    return of(data, data.length);
  }

  /** The first {@code length} bytes of {@code data}. */
  public static Blob of(byte[] data, int length) {
    return new Blob(data, null, 0, length);
  }

  /** The whole of a positioned input. */
  static Blob of(PositionedBlob paged) {
    return new Blob(null, paged, 0, paged.size());
  }

  public long size() {
    return length;
  }

  /** Reads up to {@code len} bytes at {@code pos}; returns the count, or -1 at the end. */
  public int read(long pos, byte[] b, int off, int len) throws IOException {
    if (pos < 0 || pos >= length) return -1;
    int n = (int) Math.min(len, length - pos);
    if (array != null) {
      System.arraycopy(array, (int) (from + pos), b, off, n);
      return n;
    }
    return paged.read(from + pos, b, off, n);
  }

  /** Reads exactly {@code len} bytes or fewer at the end; returns the count read. */
  public int readFully(long pos, byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(pos + done, b, off + done, len - done);
      if (n <= 0) break;
      done += n;
    }
    return done;
  }

  /** Up to {@code max} bytes from {@code pos}, never more than exist. */
  public byte[] bytes(long pos, int max) throws IOException {
    long avail = Math.max(0, size() - pos);
    int n = (int) Math.min(max, avail);
    byte[] b = new byte[n];
    int got = readFully(pos, b, 0, n);
    return got == n ? b : java.util.Arrays.copyOf(b, got);
  }

  /** A window of this blob, without copying; clipped to what exists. */
  public Blob slice(long from, long length) {
    long start = Math.max(0, Math.min(from, this.length));
    long len = Math.max(0, Math.min(length, this.length - start));
    return new Blob(array, paged, this.from + start, len);
  }

  /** A sequential stream over {@code [from, from+length)}. */
  public InputStream stream(long from, long length) {
    return new BlobStream(this, from, Math.max(0, Math.min(length, size() - from)));
  }
}
