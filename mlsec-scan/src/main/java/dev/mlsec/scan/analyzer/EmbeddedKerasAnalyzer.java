package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.Hdf5;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;

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
    if (b.size() > d.ctx().limits().maxHeaderBytes() || !Hdf5.analyze(d.ctx(), b, member))
      return null;
    d.ctx().format(FileFormat.JSON);
    return FileFormat.JSON;
  }
}
