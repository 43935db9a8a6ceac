package dev.mlsec.scan.io;

import java.io.IOException;

/** A window of another blob, without copying. */
final class SliceBlob implements Blob {
  private final Blob parent;
  private final long from;
  private final long length;

  SliceBlob(Blob parent, long from, long length) {
    this.parent = parent;
    this.from = Math.max(0, Math.min(from, parent.size()));
    this.length = Math.max(0, Math.min(length, parent.size() - this.from));
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public int read(long pos, byte[] b, int off, int len) throws IOException {
    if (pos < 0 || pos >= length) return -1;
    int n = (int) Math.min(len, length - pos);
    return parent.read(from + pos, b, off, n);
  }
}
