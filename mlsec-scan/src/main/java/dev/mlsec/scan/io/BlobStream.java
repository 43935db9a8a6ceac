package dev.mlsec.scan.io;

import java.io.IOException;
import java.io.InputStream;

/** Sequential reading of a blob range; skipping costs nothing. */
public final class BlobStream extends InputStream {
  private final Blob blob;
  private long pos;
  private final long end;
  // single-byte reads (DataInputStream over a pickle) must not allocate: 27 MB per 1,000 files
  private final byte[] one = new byte[1];

  BlobStream(Blob blob, long from, long length) {
    this.blob = blob;
    this.pos = from;
    this.end = from + length;
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (pos >= end) return -1;
    int n = blob.read(pos, b, off, (int) Math.min(len, end - pos));
    if (n > 0) pos += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, end - pos));
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - pos);
  }
}
