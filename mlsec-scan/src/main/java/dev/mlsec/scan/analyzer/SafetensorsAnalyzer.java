package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.Safetensors;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;

/** safetensors: u64 header length, JSON header, offsets checked against the file. */
final class SafetensorsAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.SAFETENSORS;
  }

  @Override
  public boolean sniff(byte[] head, Blob b) {
    return Safetensors.sniff(head, b.size());
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    d.ctx().format(FileFormat.SAFETENSORS);
    Safetensors.analyze(d.ctx(), b, member);
    return FileFormat.SAFETENSORS;
  }
}
