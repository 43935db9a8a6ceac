package dev.mlsec.scan.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over a blob, for readers that need one (commons-compress's 7z reader). */
public final class BlobChannel implements SeekableByteChannel {
  private final Blob blob;
  private long pos;
  private boolean open = true;

  public BlobChannel(Blob blob) {
    this.blob = blob;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) throw new ClosedChannelException();
    if (pos >= blob.size()) return -1;
    int want = (int) Math.min(dst.remaining(), Math.min(blob.size() - pos, 1 << 16));
    byte[] b = new byte[want];
    int n = blob.readFully(pos, b, 0, want);
    if (n <= 0) return -1;
    dst.put(b, 0, n);
    pos += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return pos;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) throw new IllegalArgumentException("negative position");
    pos = newPosition;
    return this;
  }

  @Override
  public long size() {
    return blob.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
