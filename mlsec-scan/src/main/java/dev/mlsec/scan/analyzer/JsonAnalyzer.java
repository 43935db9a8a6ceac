package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A JSON document (a Keras {@code config.json} among others), up to the header limit. */
final class JsonAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.JSON;
  }

  @Override
  public boolean sniff(byte[] head, Blob b) {
    for (byte x : head) if (x != ' ' && x != '\n' && x != '\r' && x != '\t') return x == '{';
    return false;
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    if (b.size() > d.ctx().limits().maxHeaderBytes()) return null;
    d.ctx().format(FileFormat.JSON);
    List<KerasConfig.Payload> payloads = new ArrayList<>();
    KerasConfig.analyzeJson(d.ctx(), b.bytes(0, (int) b.size()), member, 0, payloads);
    // the embedded model is scanned as a file of its own (a torch zip, with its pickles)
    d.analyzeEmbedded(payloads, member, depth);
    return FileFormat.JSON;
  }
}
