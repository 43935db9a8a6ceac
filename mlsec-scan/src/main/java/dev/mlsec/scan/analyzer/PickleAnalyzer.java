package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
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
  public FileFormat format() {
    return FileFormat.PICKLE;
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
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    ScanContext ctx = d.ctx();
    boolean joblibBefore = ctx.formats().contains(FileFormat.JOBLIB.id());
    FileFormat f = pickle(ctx, b.stream(0, b.size()), b.size(), member);
    if (!joblibBefore && ctx.formats().contains(FileFormat.JOBLIB.id())) {
      // pickle.load reads joblib's raw array bytes as opcodes: judge that reading too
      PickleScanner.scanAsPlainPickle(
          ctx, b.stream(0, b.size()), b.size(), member, " (read as a plain pickle)");
    }
    return f;
  }

  @Override
  public FileFormat analyzeStream(Dispatcher d, InputStream in, String member, int depth)
      throws IOException {
    return pickle(d.ctx(), in, -1, member);
  }

  private static FileFormat pickle(ScanContext ctx, InputStream in, long length, String member)
      throws IOException {
    PickleScanner.Result r = PickleScanner.scan(ctx, in, length, member, true, false);
    FileFormat f = r.legacyTorch() ? FileFormat.PYTORCH_LEGACY : FileFormat.PICKLE;
    ctx.format(f);
    return f;
  }
}
