package dev.mlsec.scan.pickle;

import dev.mlsec.scan.io.BlobStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sequential reading of a pickle stream with its offset. Never allocates by a declared length: long
 * strings keep only a prefix and the rest is skipped.
 */
public final class PickleInput {
  static final int KEEP_BYTES = 4096;
  static final int MAX_LINE = 1 << 20;
  private final InputStream in;
  // a blob's stream (most pickles) is read through its final class: the pickle machine's loop, in
  // which these reads are compiled, then has one call target for them whatever the blob's source
  private final BlobStream blobIn;
  private final byte[] buf;
  private int bufPos;
  private int bufLen;
  private long base;
  private final long length;

  /**
   * @param length total length when known (lets FRAME and lengths be checked early), -1 otherwise
   */
  public PickleInput(InputStream in, long length) {
    this.in = in;
    this.blobIn = in instanceof BlobStream b ? b : null;
    this.length = length;
    // a small pickle gets a buffer of its size: directories hold thousands of them
    this.buf = new byte[length >= 0 ? (int) Math.max(256, Math.min(64 * 1024, length)) : 64 * 1024];
  }

  public long position() {
    return base + bufPos;
  }

  /** Bytes left when the length is known, else Long.MAX_VALUE. */
  public long remaining() {
    return length < 0 ? Long.MAX_VALUE : length - position();
  }

  private boolean fill() throws IOException {
    if (bufPos < bufLen) return true;
    base += bufLen;
    bufPos = 0;
    bufLen = 0;
    int n;
    do {
      n = source(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) return false;
    bufLen = n;
    return true;
  }

  private int source(byte[] b, int off, int len) throws IOException {
    return blobIn != null ? blobIn.read(b, off, len) : in.read(b, off, len);
  }

  /** Next byte without consuming it, or -1 at the end. */
  public int peek() throws IOException {
    return fill() ? buf[bufPos] & 0xff : -1;
  }

  /** The byte {@code k} positions ahead without consuming anything, or -1. */
  public int peekAt(int k) throws IOException {
    if (!fill()) return -1;
    if (bufLen - bufPos <= k) {
      System.arraycopy(buf, bufPos, buf, 0, bufLen - bufPos);
      base += bufPos;
      bufLen -= bufPos;
      bufPos = 0;
      while (bufLen <= k) {
        int n = source(buf, bufLen, buf.length - bufLen);
        if (n < 0) return -1;
        bufLen += n;
      }
    }
    return buf[bufPos + k] & 0xff;
  }

  public int read() throws IOException {
    return fill() ? buf[bufPos++] & 0xff : -1;
  }

  public int readByte() throws IOException {
    int b = read();
    if (b < 0) throw new EOFException("pickle data was truncated");
    return b;
  }

  public long readLe(int n) throws IOException {
    long v = 0;
    for (int i = 0; i < n; i++) v |= ((long) readByte()) << (8 * i);
    return v;
  }

  /** Reads {@code n} bytes keeping at most {@code keep}; fails at a premature end. */
  public byte[] readKeep(long n, int keep) throws IOException {
    if (n < 0) throw new IOException("negative length");
    if (n > remaining()) throw new EOFException("pickle data was truncated");
    int k = (int) Math.min(n, keep);
    byte[] out = new byte[k];
    int got = 0;
    while (got < k) {
      if (!fill()) throw new EOFException("pickle data was truncated");
      int c = Math.min(k - got, bufLen - bufPos);
      System.arraycopy(buf, bufPos, out, got, c);
      bufPos += c;
      got += c;
    }
    skip(n - k);
    return out;
  }

  /** Skips exactly {@code n} bytes. */
  public void skip(long n) throws IOException {
    if (n > remaining()) throw new EOFException("pickle data was truncated");
    long left = n;
    while (left > 0) {
      int inBuf = bufLen - bufPos;
      if (inBuf > 0) {
        int c = (int) Math.min(left, inBuf);
        bufPos += c;
        left -= c;
        continue;
      }
      long s = blobIn != null ? blobIn.skip(left) : in.skip(left);
      if (s > 0) {
        base += bufLen + s;
        bufLen = 0;
        bufPos = 0;
        left -= s;
        continue;
      }
      if (!fill()) throw new EOFException("pickle data was truncated");
    }
  }

  /** A newline-terminated line without the newline (bounded). */
  public String readLine() throws IOException {
    byte[] acc = new byte[64];
    int n = 0;
    while (true) {
      int b = read();
      if (b < 0) throw new EOFException("pickle data was truncated");
      if (b == '\n') break;
      if (n == acc.length) {
        if (n >= MAX_LINE) throw new IOException("line longer than " + MAX_LINE + " bytes");
        acc = java.util.Arrays.copyOf(acc, n * 2);
      }
      acc[n++] = (byte) b;
    }
    return new String(acc, 0, n, StandardCharsets.ISO_8859_1);
  }
}
