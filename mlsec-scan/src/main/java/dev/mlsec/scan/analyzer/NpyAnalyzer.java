package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.Npy;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.io.InputStream;

/** numpy {@code .npy}: the header literal, and the pickle of an object array. */
final class NpyAnalyzer implements FormatAnalyzer.Streaming {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  @Override
  public FileFormat format() {
    return FileFormat.NUMPY;
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return streams(head);
  }

  @Override
  public boolean streams(byte[] head) {
    return FormatAnalyzer.startsWith(head, MAGIC);
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    return analyze(d, b.stream(0, b.size()), b.size(), member);
  }

  @Override
  public FileFormat analyzeStream(Dispatcher d, InputStream in, String member, int depth)
      throws IOException {
    return analyze(d, in, -1, member);
  }

  private static FileFormat analyze(Dispatcher d, InputStream in, long size, String member)
      throws IOException {
    d.ctx().format(FileFormat.NUMPY);
    Npy.analyze(d.ctx(), in, size, member);
    return FileFormat.NUMPY;
  }
}
