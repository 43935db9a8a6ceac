package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HDF5 without a full HDF5 reader: Keras stores {@code model_config} and {@code training_config} as
 * JSON string attributes, which sit contiguously in the file (inline or in a global heap). We find
 * each JSON object that starts with a {@code "class_name"} key and analyze it.
 */
public final class Hdf5 {
  private static final byte[] KEY = "\"class_name\"".getBytes(StandardCharsets.US_ASCII);
  private static final int WINDOW = 1 << 20;

  private Hdf5() {}

  /**
   * Returns true when a Keras config was found; adds to {@code payloads} the models the configs
   * embed.
   */
  public static boolean analyze(
      ScanContext ctx, Blob b, String member, List<KerasConfig.Payload> payloads)
      throws IOException {
    boolean keras = false;
    long pos = 0;
    int max = ctx.limits().maxHeaderBytes();
    TextRuns runs = new TextRuns();
    while (pos < b.size()) {
      ctx.checkTime();
      byte[] w = b.bytes(pos, WINDOW + KEY.length);
      int hit = indexOf(w, KEY, 0);
      if (hit < 0) {
        if (w.length <= KEY.length) break;
        pos += w.length - KEY.length;
        continue;
      }
      long keyAt = pos + hit;
      long next = keyAt + KEY.length;
      for (long start : runs.starts(b, keyAt, max)) {
        long end = start < 0 ? -1 : jsonEnd(b, start, max);
        if (end <= keyAt) continue;
        byte[] json = b.bytes(start, (int) (end - start));
        if (KerasConfig.analyzeJson(ctx, json, member, start, payloads)) {
          keras = true;
          next = end;
          break;
        }
      }
      pos = next;
    }
    return keras;
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

  /**
   * Runs of text that may be protocol-0 pickles: PyTables unpickles every string attribute that
   * ends with '.' (tables/attributeset.py), and pandas.to_hdf stores its metadata there with
   * protocol 0. Each run starts with a protocol-0 opcode and holds a newline and a '.'; returns
   * {start, length} pairs, at most {@value #MAX_TEXT_PICKLES}.
   */
  public static List<long[]> textPickles(ScanContext ctx, Blob b) throws IOException {
    List<long[]> out = new java.util.ArrayList<>();
    byte[] buf = new byte[64 * 1024];
    long run = -1;
    int first = 0;
    boolean newline = false;
    boolean stop = false;
    for (long pos = 0; pos < b.size() && out.size() < MAX_TEXT_PICKLES; ) {
      ctx.checkTime();
      int n = b.readFully(pos, buf, 0, (int) Math.min(buf.length, b.size() - pos));
      if (n <= 0) break;
      for (int i = 0; i < n; i++) {
        int c = buf[i] & 0xff;
        if (c == '\n' || c == '\r' || c == '\t' || c >= 0x20 && c < 0x7f) {
          if (run < 0) {
            run = pos + i;
            first = c;
            newline = false;
            stop = false;
          }
          if (c == '\n') newline = true;
          else if (c == '.') stop = true;
          continue;
        }
        if (run >= 0 && newline && stop && PROTO0_START.indexOf(first) >= 0)
          out.add(new long[] {run, pos + i - run});
        run = -1;
      }
      pos += n;
    }
    if (run >= 0 && newline && stop && PROTO0_START.indexOf(first) >= 0)
      out.add(new long[] {run, b.size() - run});
    return out;
  }

  /** Candidate binary pickles looked at per file, and the bytes each may span. */
  public static final int MAX_BINARY_PICKLES = 256;

  public static final long BINARY_PICKLE_SPAN = 1 << 20;

  // what follows PROTO 2/3 in a real pickle: GLOBAL, EMPTY_DICT/LIST/TUPLE, MARK, strings, ints,
  // NONE, NEWTRUE/FALSE, BINFLOAT, SHORT_BINUNICODE, NEWOBJ-free starts
  private static final String PROTO2_NEXT = "c}])(XUTKJMNGq\u0088\u0089\u008a\u008c";

  /**
   * Offsets of bytes that start like a binary pickle (PROTO 2-5): h5py stores attribute and
   * opaque/vlen-bytes dataset values as raw bytes, and code that keeps a pickle there (Keras legacy
   * files, numpy object arrays dumped by hand) calls pickle.loads on them. A protocol 4-5 candidate
   * must open with a FRAME whose length fits in the file; a protocol 2-3 candidate with an opcode
   * real pickles start with. Returns {offset, 1 if its frame runs past the end of the file else 0}.
   * Each is then parsed speculatively (garbage is "not a pickle"), at most {@value
   * #MAX_BINARY_PICKLES} of them and {@value #BINARY_PICKLE_SPAN} bytes each.
   */
  public static List<long[]> binaryPickles(ScanContext ctx, Blob b) throws IOException {
    List<long[]> out = new java.util.ArrayList<>();
    byte[] buf = new byte[64 * 1024 + 16];
    for (long pos = 0; pos < b.size() && out.size() < MAX_BINARY_PICKLES; ) {
      ctx.checkTime();
      int want = (int) Math.min(buf.length, b.size() - pos);
      int n = b.readFully(pos, buf, 0, want);
      if (n <= 0) break;
      int last = n == want && pos + n < b.size() ? n - 16 : n; // keep 16 bytes of lookahead
      for (int i = 0; i < last && out.size() < MAX_BINARY_PICKLES; i++) {
        if ((buf[i] & 0xff) != 0x80 || i + 2 >= n) continue;
        int proto = buf[i + 1];
        int next = buf[i + 2] & 0xff;
        boolean ok;
        boolean truncated = false;
        if (proto == 4 || proto == 5) {
          if (next != 0x95 || i + 11 > n) continue;
          long frame = 0;
          for (int k = 7; k >= 0; k--) frame = (frame << 8) | (buf[i + 3 + k] & 0xff);
          ok = frame > 0 && frame <= BINARY_PICKLE_SPAN;
          truncated = pos + i + 11 + frame > b.size();
        } else if (proto == 2 || proto == 3) ok = PROTO2_NEXT.indexOf((char) next) >= 0;
        else ok = false;
        if (ok) out.add(new long[] {pos + i, truncated ? 1 : 0});
      }
      if (last <= 0) break;
      pos += last;
    }
    return out;
  }

  /**
   * Offsets of GLOBAL/INST opcodes of protocol 0-1 pickles kept as raw bytes ({@code c} or {@code
   * i}, a dotted identifier, a newline, an identifier, a newline) outside the ranges already
   * scanned ({start, length}, sorted: text runs, binary pickles): a protocol-1 pickle is binary, so
   * no text run holds it. A GLOBAL right after a MARK starts at the MARK (the OBJ form); an INST
   * starts at the nearest MARK up to 256 bytes before it. Each is parsed speculatively from there:
   * what it calls before the parse ends is judged. At most {@code max} offsets.
   */
  public static List<Long> globalOpcodes(ScanContext ctx, Blob b, List<long[]> scanned, int max)
      throws IOException {
    List<Long> out = new java.util.ArrayList<>();
    byte[] buf = new byte[64 * 1024 + 512];
    int run = 0;
    for (long pos = 0; pos < b.size() && out.size() < max; ) {
      ctx.checkTime();
      int want = (int) Math.min(buf.length, b.size() - pos);
      int n = b.readFully(pos, buf, 0, want);
      if (n <= 0) break;
      int last = n == want && pos + n < b.size() ? n - 512 : n; // a name fits in the lookahead
      for (int i = 0; i < last && out.size() < max; i++) {
        int op = buf[i] & 0xff;
        if (op != 'c' && op != 'i') continue;
        int nl = identifierLine(buf, i + 1, n);
        if (nl < 0 || identifierLine(buf, nl + 1, n) < 0) continue;
        long at = pos + i;
        boolean inside = false;
        for (int k = run; k < scanned.size() && scanned.get(k)[0] <= at; k++)
          if (at < scanned.get(k)[0] + scanned.get(k)[1]) inside = true;
        while (run < scanned.size() && scanned.get(run)[0] + scanned.get(run)[1] <= at) run++;
        if (inside) continue; // scanned already
        int start = i;
        if (op == 'c' && i > 0 && buf[i - 1] == '(') start = i - 1;
        else if (op == 'i')
          for (int k = i - 1; k >= Math.max(0, i - 256); k--)
            if (buf[k] == '(') {
              start = k;
              break;
            }
        out.add(pos + start);
      }
      if (last <= 0) break;
      pos += last;
    }
    return out;
  }

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

  /**
   * Deflate-filtered chunks (h5py's {@code compression="gzip"}: a zlib stream per chunk) whose data
   * starts like a pickle: every valid zlib header (CM 8, window at most 32 KB, no preset
   * dictionary, header checksum) is inflated for 4 KB; when those open like a pickle (PROTO 2-5, or
   * a protocol 0-1 opcode with a newline) the chunk is inflated up to {@value #MAX_CHUNK} bytes and
   * returned with its offset. A stream that inflates to its end is skipped over. The shuffle filter
   * leaves one-byte elements (uint8, bytes) as they are.
   */
  public static List<Chunk> deflatedPickles(ScanContext ctx, Blob b, int max) throws IOException {
    List<Chunk> out = new java.util.ArrayList<>();
    byte[] buf = new byte[64 * 1024 + 1];
    java.util.zip.Inflater inf = new java.util.zip.Inflater();
    long skipTo = 0; // the end of the last stream inflated to its end
    try {
      for (long pos = 0; pos + 2 < b.size() && out.size() < max; ) {
        ctx.checkTime();
        int n = b.readFully(pos, buf, 0, (int) Math.min(buf.length, b.size() - pos));
        if (n < 2) break;
        for (int i = 0; i + 1 < n && out.size() < max; i++) {
          int cmf = buf[i] & 0xff;
          int flg = buf[i + 1] & 0xff;
          if (cmf != 0x78 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) continue;
          long at = pos + i;
          if (at < skipTo) continue;
          long avail = Math.min(b.size() - at, (long) MAX_CHUNK + (MAX_CHUNK >> 3));
          inf.reset();
          byte[] first = inflate(inf, b, at, avail, PREFIX);
          if (first == null || !opensLikePickle(first)) continue;
          inf.reset();
          byte[] all = inflate(inf, b, at, avail, MAX_CHUNK);
          if (all == null) continue;
          ctx.countDecompressed(all.length);
          out.add(new Chunk(at, all));
          if (inf.finished()) skipTo = at + inf.getBytesRead();
        }
        pos += n - 1; // the last byte starts the next window (a header across windows)
      }
    } finally {
      inf.end();
    }
    return out;
  }

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
    byte[] in = new byte[8 * 1024];
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
        if (len == out.length) out = java.util.Arrays.copyOf(out, Math.min(max, out.length * 2));
        int got = inf.inflate(out, len, out.length - len);
        if (got == 0 && (inf.needsDictionary() || (!inf.needsInput() && !inf.finished()))) break;
        len += got;
      }
    } catch (java.util.zip.DataFormatException e) {
      return len > 0 ? java.util.Arrays.copyOf(out, len) : null;
    }
    return len > 0 ? java.util.Arrays.copyOf(out, len) : null;
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

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
