package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.Format;
import dev.mlsec.scan.format.Safetensors;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;

/** safetensors: u64 header length, JSON header, offsets checked against the file. */
final class SafetensorsAnalyzer implements FormatAnalyzer {

  @Override
  public Format format() {
    return Format.SAFETENSORS;
  }

  @Override
  public boolean sniff(byte[] head, Blob b) {
    return Safetensors.sniff(head, b.size());
  }

  @Override
  public Format analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    d.ctx().format(Format.SAFETENSORS);
    Safetensors.analyze(d.ctx(), b, member);
    return Format.SAFETENSORS;
  }
}
