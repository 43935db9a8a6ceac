package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.Format;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.IOException;
import java.io.InputStream;

/**
 * Pickles with a protocol header (protocols 2-5), PyTorch's legacy stacked pickles and joblib's
 * pickles with raw array bytes between opcodes.
 */
final class PickleAnalyzer implements FormatAnalyzer.Streaming {

  static boolean isPickleStart(byte[] h) {
    return h.length >= 2 && (h[0] & 0xff) == 0x80 && (h[1] & 0xff) <= 5;
  }

  @Override
  public Format format() {
    return Format.PICKLE;
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return isPickleStart(head);
  }

  @Override
  public boolean streams(byte[] head) {
    return isPickleStart(head);
  }

  @Override
  public Format analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    ScanContext ctx = d.ctx();
    boolean joblibBefore = ctx.formats().contains(Format.JOBLIB.id());
    Format f = pickle(ctx, b.stream(0, b.size()), b.size(), member);
    if (!joblibBefore && ctx.formats().contains(Format.JOBLIB.id())) {
      // pickle.load reads joblib's raw array bytes as opcodes: judge that reading too
      PickleScanner.scan(
          ctx, b.stream(0, b.size()), b.size(), member, false, true, " (read as a plain pickle)");
    }
    return f;
  }

  @Override
  public Format analyzeStream(Dispatcher d, InputStream in, String member, int depth)
      throws IOException {
    return pickle(d.ctx(), in, -1, member);
  }

  private static Format pickle(ScanContext ctx, InputStream in, long length, String member)
      throws IOException {
    PickleScanner.Result r = PickleScanner.scan(ctx, in, length, member, true, false);
    Format f = r.legacyTorch() ? Format.PYTORCH_LEGACY : Format.PICKLE;
    ctx.format(f);
    return f;
  }
}
