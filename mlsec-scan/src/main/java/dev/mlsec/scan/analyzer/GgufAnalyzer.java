package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.Gguf;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;

/** GGUF (llama.cpp): metadata with every count bounded, chat templates judged. */
final class GgufAnalyzer implements FormatAnalyzer {
  private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};

  @Override
  public FileFormat format() {
    return FileFormat.GGUF;
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return FormatAnalyzer.startsWith(head, MAGIC);
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    d.ctx().format(FileFormat.GGUF);
    Gguf.analyze(d.ctx(), b, member);
    return FileFormat.GGUF;
  }
}
