package dev.mlsec.scan.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file read by positional reads through a small cache, counting the distinct bytes that
 * really come from the disk (the "bytes read" of a report): a byte read twice counts once, so the
 * count never exceeds the file size.
 */
public final class FileBlob implements Blob, Closeable {
  private final PositionedBlob blob;

  public FileBlob(Path path) throws IOException {
    this.blob =
        new PositionedBlob(new ChannelInput(FileChannel.open(path, StandardOpenOption.READ)));
  }

  @Override
  public long size() {
    return blob.size();
  }

  /** Distinct bytes of the file read so far; at most {@link #size()}. */
  public long bytesRead() {
    return blob.bytesRead();
  }

  @Override
  public int read(long pos, byte[] b, int off, int len) throws IOException {
    return blob.read(pos, b, off, len);
  }

  @Override
  public void close() throws IOException {
    blob.close();
  }
}
