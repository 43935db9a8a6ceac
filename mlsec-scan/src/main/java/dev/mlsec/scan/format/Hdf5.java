package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * HDF5's bytes searched without a full HDF5 reader, in one pass ({@link #search}): Keras stores
 * {@code model_config} and {@code training_config} as JSON string attributes, which sit
 * contiguously in the file (inline or in a global heap), and pickles kept as attribute or dataset
 * bytes are there as they are. The structure (datasets, filter pipelines) is {@link Hdf5Objects}.
 */
public final class Hdf5 {
  private static final byte[] KEY = "\"class_name\"".getBytes(StandardCharsets.US_ASCII);

  private Hdf5() {}

  /** Candidates kept per file (after text runs are left out), before the scanned ones are. */
  public static final int MAX_GLOBAL_CANDIDATES = 1 << 16;

  // bytes searched per read, and the context kept around them: an INST looks 256 bytes back for
  // its MARK, a name is at most 256 bytes, a FRAME header 11
  private static final int CORE = 1 << 20;
  private static final int BEHIND = 256;
  private static final int AHEAD = 512;

  /** What one pass over the file found (see {@link #search}). */
  public static final class Candidates {
    private boolean keras;
    private final List<long[]> textRuns = new java.util.ArrayList<>();
    private final List<long[]> binary = new java.util.ArrayList<>();
    private final List<long[]> globals = new java.util.ArrayList<>();
    private final List<Chunk> deflated = new java.util.ArrayList<>();

    /** Whether a Keras config was found (and analyzed, its embedded models added). */
    public boolean keras() {
      return keras;
    }

    /**
     * Runs of text that may be protocol-0 pickles: PyTables unpickles every string attribute that
     * ends with '.' (tables/attributeset.py), and pandas.to_hdf stores its metadata there with
     * protocol 0. Each run starts with a protocol-0 opcode and holds a newline and a '.'; {start,
     * length} pairs, at most {@value #MAX_TEXT_PICKLES}.
     */
    public List<long[]> textRuns() {
      return textRuns;
    }

    /**
     * Offsets of bytes that start like a binary pickle (PROTO 2-5): h5py stores attribute and
     * opaque/vlen-bytes dataset values as raw bytes, and code that keeps a pickle there (Keras
     * legacy files, numpy object arrays dumped by hand) calls pickle.loads on them. A protocol 4-5
     * candidate must open with a FRAME of at most {@value #BINARY_PICKLE_SPAN} bytes; a protocol
     * 2-3 candidate with an opcode real pickles start with. {offset, 1 if its frame runs past the
     * end of the file else 0}, at most {@value #MAX_BINARY_PICKLES}; each is then parsed
     * speculatively (garbage is "not a pickle").
     */
    public List<long[]> binaryPickles() {
      return binary;
    }

    /**
     * GLOBAL/INST opcodes of protocol 0-1 pickles kept as raw bytes ({@code c} or {@code i}, a
     * dotted identifier, a newline, an identifier, a newline) outside the text runs: a protocol-1
     * pickle is binary, so no text run holds it. {opcode offset, parse start}: a GLOBAL right after
     * a MARK starts at the MARK (the OBJ form); an INST at the nearest MARK up to 256 bytes before
     * it. At most {@value #MAX_GLOBAL_CANDIDATES}; the caller leaves out those inside the binary
     * pickles it scanned.
     */
    public List<long[]> globalOpcodes() {
      return globals;
    }

    /** Deflate-filtered chunks that open like a pickle, at most {@value #MAX_BINARY_PICKLES}. */
    public List<Chunk> deflatedPickles() {
      return deflated;
    }
  }

  /**
   * One pass over the file, collecting everything the HDF5 analysis looks at: Keras configs (each
   * JSON object that starts with a {@code "class_name"} key is analyzed as it is met, and the
   * models it embeds are added to {@code payloads}), protocol-0 text runs, binary pickle starts,
   * protocol 0-1 GLOBAL/INST opcodes and deflated chunks (see {@link Candidates}). Offsets for
   * which {@code skip} holds (chunks decoded through their filter pipeline) are no candidates.
   */
  public static Candidates search(
      ScanContext ctx,
      Blob b,
      String member,
      List<KerasConfig.Payload> payloads,
      java.util.function.LongPredicate skip)
      throws IOException {
    Pass p = new Pass(ctx, b, member, payloads, skip, false);
    p.run();
    return p.found;
  }

  /**
   * The Keras config search of {@link #search} alone, for configs outside HDF5 (JSON, SavedModel
   * metadata): true when a config was found; the models it embeds are added to {@code payloads}.
   */
  public static boolean analyze(
      ScanContext ctx, Blob b, String member, List<KerasConfig.Payload> payloads)
      throws IOException {
    Pass p = new Pass(ctx, b, member, payloads, at -> false, true);
    p.run();
    return p.found.keras;
  }

  /** The state of {@link #search}'s detectors, fed every byte once. */
  private static final class Pass {
    final ScanContext ctx;
    final Blob b;
    final String member;
    final List<KerasConfig.Payload> payloads;
    final java.util.function.LongPredicate skip;
    final boolean configsOnly;
    final Candidates found = new Candidates();
    final TextRuns configRuns = new TextRuns();
    final java.util.zip.Inflater inf = new java.util.zip.Inflater();
    long kerasNext; // keys before the end of the last config found are inside it
    long run = -1; // start of the current text run
    int first;
    boolean newline;
    boolean stop;
    int runGlobals; // global candidates found before the current run began
    long skipTo; // the end of the last zlib stream inflated to its end

    Pass(
        ScanContext ctx,
        Blob b,
        String member,
        List<KerasConfig.Payload> payloads,
        java.util.function.LongPredicate skip,
        boolean configsOnly) {
      this.configsOnly = configsOnly;
      this.ctx = ctx;
      this.b = b;
      this.member = member;
      this.payloads = payloads;
      this.skip = skip;
    }

    void run() throws IOException {
      long size = b.size();
      // a small file (most members searched) needs no buffer of a whole read
      byte[] buf = new byte[(int) Math.min(BEHIND + CORE + AHEAD, size)];
      try {
        for (long pos = 0; pos < size; pos += CORE) {
          ctx.checkTime();
          long from = Math.max(0, pos - BEHIND);
          int n = b.readFully(from, buf, 0, (int) Math.min(buf.length, size - from));
          int core = (int) (pos - from);
          int end = Math.min(n, core + CORE);
          if (end <= core) break;
          for (int i = core; i < end; i++) step(buf, i, n, from);
        }
        endRun(size);
      } finally {
        inf.end();
      }
    }

    private void step(byte[] buf, int i, int n, long from) throws IOException {
      int c = buf[i] & 0xff;
      long at = from + i;
      if (c == '"'
          && at >= kerasNext
          && i + KEY.length <= n
          && Arrays.equals(buf, i, i + KEY.length, KEY, 0, KEY.length)) config(at);
      if (configsOnly) return;
      if (c == '\n' || c == '\r' || c == '\t' || c >= 0x20 && c < 0x7f) {
        if (run < 0) {
          run = at;
          first = c;
          newline = false;
          stop = false;
          runGlobals = found.globals.size();
        }
        if (c == '\n') newline = true;
        else if (c == '.') stop = true;
        if ((c == 'c' || c == 'i') && found.globals.size() < MAX_GLOBAL_CANDIDATES)
          global(buf, i, n, from);
        else if (c == 0x78 && i + 1 < n && found.deflated.size() < MAX_BINARY_PICKLES)
          zlib(buf[i + 1] & 0xff, at); // 'x': a zlib header's first byte
      } else {
        endRun(at);
        if (c == 0x80 && found.binary.size() < MAX_BINARY_PICKLES) binary(buf, i, n, at);
      }
    }

    /** A Keras key at {@code keyAt}: the JSON object around it, analyzed when it is a config. */
    private void config(long keyAt) throws IOException {
      int max = ctx.limits().maxHeaderBytes();
      long next = keyAt + KEY.length;
      for (long start : configRuns.starts(b, keyAt, max)) {
        long end = start < 0 ? -1 : jsonEnd(b, start, max);
        if (end <= keyAt) continue;
        byte[] json = b.bytes(start, (int) (end - start));
        if (KerasConfig.analyzeJson(ctx, json, member, start, payloads)) {
          found.keras = true;
          next = end;
          break;
        }
      }
      kerasNext = next;
    }

    /** The text run ends before {@code at}: kept when it may be a protocol-0 pickle. */
    private void endRun(long at) {
      if (run < 0) return;
      if (newline
          && stop
          && PROTO0_START.indexOf(first) >= 0
          && found.textRuns.size() < MAX_TEXT_PICKLES
          && !skip.test(run)) {
        found.textRuns.add(new long[] {run, at - run});
        // its GLOBALs are scanned with it
        found.globals.subList(runGlobals, found.globals.size()).clear();
      }
      run = -1;
    }

    private void binary(byte[] buf, int i, int n, long at) throws IOException {
      if (i + 2 >= n || skip.test(at)) return;
      int proto = buf[i + 1];
      int next = buf[i + 2] & 0xff;
      boolean ok;
      boolean truncated = false;
      if (proto == 4 || proto == 5) {
        if (next != 0x95 || i + 11 > n) return;
        long frame = 0;
        for (int k = 7; k >= 0; k--) frame = (frame << 8) | (buf[i + 3 + k] & 0xff);
        ok = frame > 0 && frame <= BINARY_PICKLE_SPAN;
        truncated = at + 11 + frame > b.size();
      } else ok = (proto == 2 || proto == 3) && PROTO2_NEXT.indexOf((char) next) >= 0;
      if (ok) found.binary.add(new long[] {at, truncated ? 1 : 0});
    }

    private void global(byte[] buf, int i, int n, long from) {
      int nl = identifierLine(buf, i + 1, n);
      if (nl < 0 || identifierLine(buf, nl + 1, n) < 0) return;
      long at = from + i;
      if (skip.test(at)) return;
      int start = i;
      if (buf[i] == 'c' && i > 0 && buf[i - 1] == '(') start = i - 1;
      else if (buf[i] == 'i')
        for (int k = i - 1; k >= Math.max(0, i - 256); k--)
          if (buf[k] == '(') {
            start = k;
            break;
          }
      found.globals.add(new long[] {at, from + start});
    }

    /**
     * A zlib header (CM 8, window at most 32 KB, no preset dictionary, header checksum): its stream
     * is inflated for {@value #PREFIX} bytes, and when those open like a pickle up to {@value
     * #MAX_CHUNK}. A stream that inflates to its end is skipped over.
     */
    private void zlib(int flg, long at) throws IOException {
      if ((0x78 << 8 | flg) % 31 != 0 || (flg & 0x20) != 0 || at < skipTo || skip.test(at)) return;
      long avail = Math.min(b.size() - at, (long) MAX_CHUNK + (MAX_CHUNK >> 3));
      inf.reset();
      byte[] head = inflate(inf, b, at, avail, PREFIX);
      if (head == null || !opensLikePickle(head)) return;
      inf.reset();
      byte[] all = inflate(inf, b, at, avail, MAX_CHUNK);
      if (all == null) return;
      found.deflated.add(new Chunk(at, all));
      if (inf.finished()) skipTo = at + inf.getBytesRead();
    }
  }

  /**
   * Where the JSON object holding the key at {@code keyAt} may start: the first '{' of the run of
   * text the key sits in (an attribute value starts there, whatever its keys' order: json.loads
   * does not care), then a '{' just before the key. Keys are visited in order and the run so far is
   * remembered, so many keys in one long text cost one pass, not one each.
   */
  static final class TextRuns {
    private long lastKey = -1;
    private long runStart = -1;
    private long firstBrace = -1;

    long[] starts(Blob b, long keyAt, int max) throws IOException {
      long floor = Math.max(0, keyAt - max);
      long from = Math.max(floor, lastKey);
      long pos = keyAt;
      byte[] buf = new byte[8 * 1024];
      boolean broken = false;
      scan:
      while (pos > from) {
        int n = (int) Math.min(buf.length, pos - from);
        b.readFully(pos - n, buf, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          int c = buf[i] & 0xff;
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
            broken = true;
            break scan;
          }
          pos--;
        }
      }
      boolean sameRun = !broken && pos == lastKey && lastKey >= 0 && runStart >= floor;
      long searchFrom = pos;
      if (sameRun) {
        searchFrom = lastKey;
        pos = runStart;
      } else firstBrace = -1;
      if (firstBrace < 0 && searchFrom < keyAt) {
        byte[] run = b.bytes(searchFrom, (int) (keyAt - searchFrom));
        for (int i = 0; i < run.length; i++)
          if (run[i] == '{') {
            firstBrace = searchFrom + i;
            break;
          }
      }
      lastKey = keyAt;
      runStart = pos;
      long near = -1;
      for (long s = keyAt - 1; s >= Math.max(0, keyAt - 16); s--) {
        byte c = b.bytes(s, 1)[0];
        if (c == '{') {
          near = s;
          break;
        }
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      }
      return firstBrace == near ? new long[] {near} : new long[] {firstBrace, near};
    }
  }

  // what a protocol-0 pickle starts with (MARK, GLOBAL, INST, NONE, UNICODE, INT, ...)
  private static final String PROTO0_START = "(cidlNVSIFLpg]})";
  private static final int MAX_TEXT_PICKLES = 4096;

  /** Candidate binary pickles looked at per file, and the bytes each may span. */
  public static final int MAX_BINARY_PICKLES = 256;

  public static final long BINARY_PICKLE_SPAN = 1 << 20;

  // what follows PROTO 2/3 in a real pickle: GLOBAL, EMPTY_DICT/LIST/TUPLE, MARK, strings, ints,
  // NONE, NEWTRUE/FALSE, BINFLOAT, SHORT_BINUNICODE, NEWOBJ-free starts
  private static final String PROTO2_NEXT = "c}])(XUTKJMNGq\u0088\u0089\u008a\u008c";

  /** Index of the newline ending an identifier path that starts at {@code from}, or -1. */
  private static int identifierLine(byte[] buf, int from, int n) {
    int end = Math.min(n, from + 256);
    for (int k = from; k < end; k++) {
      int c = buf[k] & 0xff;
      if (c == '\n') return k > from ? k : -1;
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      if (k == from ? !letter : !(letter || digit || c == '.')) return -1;
    }
    return -1;
  }

  /** Bytes inflated from one deflate stream at most: h5py's chunks stay well below. */
  public static final int MAX_CHUNK = 1 << 20;

  // inflated to decide whether a chunk opens like a pickle
  public static final int PREFIX = 4096;

  /** An inflated chunk and the offset of its zlib stream. */
  public static final class Chunk {
    private final long offset;
    private final byte[] data;

    Chunk(long offset, byte[] data) {
      this.offset = offset;
      this.data = data;
    }

    public long offset() {
      return offset;
    }

    /** The inflated bytes (the caller's to read, not to change). */
    public byte[] data() {
      return data;
    }
  }

  private static byte[] inflate(java.util.zip.Inflater inf, Blob b, long pos, long avail, int max)
      throws IOException {
    byte[] out = new byte[Math.min(max, 64 * 1024)];
    int len = 0;
    byte[] in = new byte[max <= PREFIX ? 1024 : 8 * 1024]; // a stray header fails in a few bytes
    long read = 0;
    try {
      while (len < max && !inf.finished()) {
        if (inf.needsInput()) {
          if (read >= avail) break;
          int n = (int) Math.min(in.length, avail - read);
          b.readFully(pos + read, in, 0, n);
          read += n;
          inf.setInput(in, 0, n);
        }
        if (len == out.length) out = Arrays.copyOf(out, Math.min(max, out.length * 2));
        int got = inf.inflate(out, len, out.length - len);
        if (got == 0 && (inf.needsDictionary() || (!inf.needsInput() && !inf.finished()))) break;
        len += got;
      }
    } catch (java.util.zip.DataFormatException e) {
      return len > 0 ? Arrays.copyOf(out, len) : null;
    }
    return len > 0 ? Arrays.copyOf(out, len) : null;
  }

  /**
   * Whether decoded bytes start like a pickle: PROTO 2-5, or a protocol 0-1 opcode and a newline.
   */
  public static boolean opensLikePickle(byte[] d) {
    if (d.length == 0) return false;
    int c = d[0] & 0xff;
    if (c == 0x80) return d.length > 1 && d[1] >= 2 && d[1] <= 5;
    if (PROTO0_START.indexOf(c) < 0) return false;
    for (byte x : d) if (x == '\n') return true;
    return false;
  }

  /** End (exclusive) of the balanced JSON object starting at {@code start}, or -1. */
  static long jsonEnd(Blob b, long start, int max) throws IOException {
    int depth = 0;
    boolean str = false;
    boolean esc = false;
    long pos = start;
    long limit = Math.min(b.size(), start + max);
    byte[] buf = new byte[64 * 1024];
    while (pos < limit) {
      int n = b.readFully(pos, buf, 0, (int) Math.min(buf.length, limit - pos));
      if (n <= 0) return -1;
      for (int i = 0; i < n; i++) {
        byte c = buf[i];
        if (str) {
          if (esc) esc = false;
          else if (c == '\\') esc = true;
          else if (c == '"') str = false;
          continue;
        }
        if (c == '"') str = true;
        else if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) return pos + i + 1;
        } else if (c == 0) return -1;
      }
      pos += n;
    }
    return -1;
  }
}
