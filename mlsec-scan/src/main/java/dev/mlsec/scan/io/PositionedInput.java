package dev.mlsec.scan.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Bytes read at absolute positions, without a file pointer: a local file channel, Hadoop's {@code
 * PositionedReadable}, an object store's ranged GET. {@link PositionedBlob} puts a cache and a read
 * counter in front of one so that the scanner can read it.
 */
public interface PositionedInput extends Closeable {
  /** The length in bytes. */
  long size() throws IOException;

  /** Reads up to {@code len} bytes at {@code pos}; returns the count, or -1 at the end. */
  int readAt(long pos, byte[] b, int off, int len) throws IOException;
}
