package dev.mlsec.scan.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A local file's channel as a {@link PositionedInput}: each read one {@code pread}. */
public record ChannelInput(FileChannel channel) implements PositionedInput {
  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public int readAt(long pos, byte[] b, int off, int len) throws IOException {
    return channel.read(ByteBuffer.wrap(b, off, len), pos);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
