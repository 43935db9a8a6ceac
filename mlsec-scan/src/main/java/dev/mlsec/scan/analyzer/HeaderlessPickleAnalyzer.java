package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.IOException;

/**
 * Protocol 0/1 pickles have no header: the last resort reads any bytes speculatively and keeps only
 * what a real pickle would show.
 */
final class HeaderlessPickleAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.PICKLE;
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return true;
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    PickleScanner.Result r =
        PickleScanner.scan(d.ctx(), b.stream(0, b.size()), b.size(), member, true, true);
    if (r.pickles() == 0) return null;
    d.ctx().format(FileFormat.PICKLE);
    return FileFormat.PICKLE;
  }
}
