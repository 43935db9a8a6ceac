package dev.mlsec.scan.io;

/** Bytes already in memory (a decompressed member, a test fixture). */
public final class ArrayBlob implements Blob {
  private final byte[] data;
  private final int length;

  public ArrayBlob(byte[] data) {
    this(data, data.length);
  }

  public ArrayBlob(byte[] data, int length) {
    this.data = data;
    this.length = length;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public int read(long pos, byte[] b, int off, int len) {
    if (pos < 0 || pos >= length) return -1;
    int n = (int) Math.min(len, length - pos);
    System.arraycopy(data, (int) pos, b, off, n);
    return n;
  }
}
