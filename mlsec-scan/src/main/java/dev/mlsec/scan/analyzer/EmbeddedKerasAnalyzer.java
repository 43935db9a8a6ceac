package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.Hdf5;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Keras configs also hide in other containers (custom formats): any small blob is searched. */
final class EmbeddedKerasAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.JSON;
  }

  @Override
  public boolean sniff(byte[] head, Blob b) {
    return true;
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    if (b.size() > d.ctx().limits().maxHeaderBytes()) return null;
    List<KerasConfig.Payload> payloads = new ArrayList<>();
    if (!Hdf5.analyze(d.ctx(), b, member, payloads)) return null;
    d.ctx().format(FileFormat.JSON);
    d.analyzeEmbedded(payloads, member, depth);
    return FileFormat.JSON;
  }
}
