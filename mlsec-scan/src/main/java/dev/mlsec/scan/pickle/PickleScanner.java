package dev.mlsec.scan.pickle;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans a stream that holds one or more pickles: every pickle of a stacked file, and after a parse
 * error the rest of the stream from the next protocol header on.
 */
public final class PickleScanner {
  /** Bytes searched for the next pickle after a parse error, and how many restarts. */
  static final long RESYNC_WINDOW = 1 << 20;

  static final int MAX_RESYNCS = 16;

  /** What was found in the stream. */
  /** {@code consumed}: the bytes read from the start of the stream up to where parsing ended. */
  public record Result(
      int pickles, boolean legacyTorch, boolean error, boolean sawNames, long consumed) {
    public boolean isPickle() {
      return pickles > 0 || error;
    }
  }

  private PickleScanner() {}

  /**
   * @param speculative the stream is only possibly a pickle: parse errors mean "not a pickle", and
   *     only names that look like Python identifiers are judged
   */
  public static Result scan(
      ScanContext ctx,
      InputStream stream,
      long length,
      String member,
      boolean joblib,
      boolean speculative)
      throws IOException {
    return scan(ctx, stream, length, member, joblib, speculative, "");
  }

  /** As above; {@code note} is appended to every finding message (which reading found it). */
  public static Result scan(
      ScanContext ctx,
      InputStream stream,
      long length,
      String member,
      boolean joblib,
      boolean speculative,
      String initialNote)
      throws IOException {
    return scan(ctx, stream, length, member, joblib, speculative, initialNote, 0, false);
  }

  /**
   * Reads a joblib dump the way a plain {@code pickle.load} would: one pickle, opcodes from the
   * start to its STOP (joblib's raw array bytes included), and nothing after it, which {@code
   * pickle.load} never reads (the joblib reading judged those bytes already).
   */
  public static Result scanAsPlainPickle(
      ScanContext ctx, InputStream stream, long length, String member, String note)
      throws IOException {
    return scan(ctx, stream, length, member, false, true, note, 0, true);
  }

  /**
   * As above, for a stream nested {@code depth} levels inside another pickle; {@code onePickle}
   * stops after the first complete pickle.
   */
  static Result scan(
      ScanContext ctx,
      InputStream stream,
      long length,
      String member,
      boolean joblib,
      boolean speculative,
      String initialNote,
      int depth,
      boolean onePickle)
      throws IOException {
    PickleInput in = new PickleInput(stream, length);
    Map<Long, PickleValue.Global> ext = new HashMap<>();
    int count = 0;
    boolean legacy = false;
    boolean error = false;
    boolean names = false;
    String note = initialNote;
    int resyncs = 0;
    while (true) {
      int first = in.peek();
      if (first < 0) break;
      long start = in.position();
      boolean spec = (speculative && count == 0 && !error) || (count > 0 && first != 0x80);
      if (error) spec = false;
      PickleMachine m =
          new PickleMachine(
              ctx, in, member, new PickleMachine.Mode(spec, joblib, note), ext, depth);
      PickleMachine.End end = m.run();
      names |= m.sawNames();
      if (end == PickleMachine.End.STOP) {
        count++;
        if (count == 1 && m.torchMagic()) legacy = true;
        // torch's legacy format: magic, protocol, sys info, object, storage keys, then raw storages
        if (legacy && count == 5) break;
        if (onePickle) break;
        continue;
      }
      if (spec) {
        if (count > 0 || error)
          ctx.report(
              ScanRule.PICKLE_TRAILING_DATA,
              start,
              member,
              List.of(),
              "bytes after the last pickle are not a pickle (" + m.error() + ")");
        break;
      }
      if (end == PickleMachine.End.EMPTY && count > 0) break;
      error = true;
      ctx.markInconclusive();
      ctx.report(
          ScanRule.PICKLE_PARSE_ERROR,
          m.errorOffset(),
          member,
          List.of(),
          "pickle parse error: " + m.error());
      note = initialNote + " (after a parse error at " + m.errorOffset() + ")";
      if (++resyncs > MAX_RESYNCS || !resync(in)) break;
    }
    return new Result(count, legacy, error, names, in.position());
  }

  /** Moves to the next PROTO opcode within the window; false when there is none. */
  private static boolean resync(PickleInput in) throws IOException {
    long limit = in.position() + RESYNC_WINDOW;
    while (in.position() < limit) {
      int b = in.peek();
      if (b < 0) return false;
      if (b == 0x80) {
        int p = in.peekAt(1);
        if (p >= 0 && p <= 5) return true;
      }
      in.read();
    }
    return false;
  }
}
