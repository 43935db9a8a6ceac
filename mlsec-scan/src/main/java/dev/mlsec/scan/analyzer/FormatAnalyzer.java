package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;

/**
 * One file format: what it is, how it is recognized by content, how it is analyzed. The {@link
 * Dispatcher} asks every analyzer of {@link Formats#ORDER} in turn; adding a format is one class,
 * one line in that list and its rules.
 */
public interface FormatAnalyzer {

  /** The format this analyzer stands for (the first one it reports). */
  FileFormat format();

  /**
   * Whether the bytes look like this format. Cheap: {@code head} is the first (up to) 1024 bytes;
   * the blob may be read for a trailer or a signature at a known offset.
   */
  boolean sniff(byte[] head, Blob blob) throws IOException;

  /**
   * Analyzes bytes that {@link #sniff} accepted. Returns the format found, or {@code null} when a
   * closer look shows the bytes are not this format after all: the next analyzer then tries.
   */
  FileFormat analyze(Dispatcher d, Blob blob, String member, int depth) throws IOException;

  /** Whether this format can also be analyzed as a sequential stream (see {@link Streaming}). */
  default boolean streams(byte[] head) {
    return false;
  }

  /** A format that is read front to back, so a decompressed stream need not be buffered. */
  interface Streaming extends FormatAnalyzer {

    /**
     * Analyzes a stream whose first bytes {@link #streams} accepted; {@code in} is at its start.
     */
    FileFormat analyzeStream(Dispatcher d, java.io.InputStream in, String member, int depth)
        throws IOException;
  }

  /** True when {@code head} starts with {@code magic}. */
  static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
    return true;
  }
}
