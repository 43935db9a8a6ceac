package dev.mlsec.scan.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Reports every byte a (decompressing) stream produces, so that a budget can stop it as soon as it
 * is spent rather than after the fact.
 */
public final class CountedStream extends FilterInputStream {
  private final LongConsumer count;

  public CountedStream(InputStream in, LongConsumer count) {
    super(in);
    this.count = count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) count.accept(1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) count.accept(n);
    return n;
  }

  /** Skipped bytes are decompressed too: they are read and counted. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r <= 0) break;
      done += r;
    }
    return done;
  }
}
