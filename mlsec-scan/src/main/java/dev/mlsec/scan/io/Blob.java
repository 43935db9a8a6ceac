package dev.mlsec.scan.io;

import java.io.IOException;
import java.io.InputStream;

/** Random-access bytes: a file, a slice of a file, or a bounded in-memory buffer. */
public interface Blob {
  long size();

  /** Reads up to {@code len} bytes at {@code pos}; returns the count, or -1 at the end. */
  int read(long pos, byte[] b, int off, int len) throws IOException;

  /** Reads exactly {@code len} bytes or fewer at the end; returns the count read. */
  default int readFully(long pos, byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(pos + done, b, off + done, len - done);
      if (n <= 0) break;
      done += n;
    }
    return done;
  }

  /** Up to {@code max} bytes from {@code pos}, never more than exist. */
  default byte[] bytes(long pos, int max) throws IOException {
    long avail = Math.max(0, size() - pos);
    int n = (int) Math.min(max, avail);
    byte[] b = new byte[n];
    int got = readFully(pos, b, 0, n);
    return got == n ? b : java.util.Arrays.copyOf(b, got);
  }

  default Blob slice(long from, long length) {
    return new SliceBlob(this, from, length);
  }

  /** A sequential stream over {@code [from, from+length)}. */
  default InputStream stream(long from, long length) {
    return new BlobStream(this, from, Math.max(0, Math.min(length, size() - from)));
  }
}
