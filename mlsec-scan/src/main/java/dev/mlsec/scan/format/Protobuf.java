package dev.mlsec.scan.format;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Protobuf wire-format reading of ONNX models and TensorFlow SavedModels: only the fields that
 * matter (external data locations, operator domains, graph ops) are decoded; tensor payloads are
 * skipped by their length.
 */
public final class Protobuf {
  private static final Set<String> STANDARD_DOMAINS =
      Set.of("", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training");
  private static final Set<String> PY_FUNC = Set.of("PyFunc", "PyFuncStateless", "EagerPyFunc");
  private static final Set<String> FILE_OPS =
      Set.of(
          "ReadFile",
          "WriteFile",
          "MatchingFiles",
          "MatchingFilesDataset",
          "WholeFileReader",
          "WholeFileReaderV2",
          "ImmutableConst",
          "DebugIdentityV2",
          "DebugIdentityV3",
          "PrintV2",
          "LoadLibrary");
  private static final int MAX_DEPTH = 32;

  private Protobuf() {}

  /** A field as read: number, wire type, value (varint) or payload range. */
  private record Field(int number, int wire, long value, long start, long end) {}

  private static final class Reader {
    final Blob b;
    long pos;
    final long end;
    final byte[] one = new byte[1];

    Reader(Blob b, long start, long end) {
      this.b = b;
      this.pos = start;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) throw new IOException("truncated varint");
        b.read(pos++, one, 0, 1);
        v |= (long) (one[0] & 0x7f) << shift;
        if ((one[0] & 0x80) == 0) return v;
      }
      throw new IOException("varint too long");
    }

    Field next() throws IOException {
      long tag = varint();
      int num = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (num <= 0) throw new IOException("field number 0");
      switch (wire) {
        case 0:
          return new Field(num, 0, varint(), 0, 0);
        case 1:
          pos += 8;
          break;
        case 5:
          pos += 4;
          break;
        case 2:
          {
            long len = varint();
            if (len < 0 || len > end - pos) throw new IOException("length exceeds message");
            long s = pos;
            pos += len;
            return new Field(num, 2, 0, s, pos);
          }
        default:
          throw new IOException("unsupported wire type " + wire);
      }
      if (pos > end) throw new IOException("fixed field exceeds message");
      return new Field(num, wire, 0, 0, 0);
    }
  }

  private static String string(Blob b, Field f) throws IOException {
    return new String(
        b.bytes(f.start(), (int) Math.min(f.end() - f.start(), 4096)), StandardCharsets.UTF_8);
  }

  /** Recognizes and analyzes ONNX or SavedModel; null when the blob is neither. */
  public static FileFormat analyze(ScanContext ctx, Blob b, String member) throws IOException {
    boolean graph = false;
    boolean metaGraph = false;
    long first = -1;
    try {
      Reader r = new Reader(b, 0, b.size());
      int n = 0;
      while (r.more()) {
        Field f = r.next();
        if (n++ == 0 && f.number() == 1 && f.wire() == 0) first = f.value();
        if (f.number() == 7 && f.wire() == 2) graph = true;
        if (f.number() == 2 && f.wire() == 2) metaGraph = true;
      }
    } catch (IOException e) {
      return null;
    }
    if (graph && first >= 1 && first <= 20) {
      ctx.format(FileFormat.ONNX);
      try {
        onnxModel(ctx, b, member, 0, b.size(), 0);
      } catch (IOException e) {
        ctx.report(ScanRule.ONNX_MALFORMED, -1, member, List.of(), e.getMessage());
      }
      return FileFormat.ONNX;
    }
    if (!graph && metaGraph && first >= 0 && first <= 10) {
      ctx.format(FileFormat.SAVED_MODEL);
      try {
        savedModel(ctx, b, member);
      } catch (IOException e) {
        ctx.report(ScanRule.ONNX_MALFORMED, -1, member, List.of(), "SavedModel: " + e.getMessage());
      }
      return FileFormat.SAVED_MODEL;
    }
    return null;
  }

  private static void onnxModel(ScanContext ctx, Blob b, String m, long s, long e, int d)
      throws IOException {
    // a domain of the model's own functions (FunctionProto) is defined in the file: no library
    java.util.Set<String> local = new java.util.HashSet<>();
    Reader pre = new Reader(b, s, e);
    while (pre.more()) {
      Field f = pre.next();
      if (f.wire() != 2 || f.number() != 25) continue;
      String fd = functionDomain(b, f);
      if (fd != null) local.add(fd);
    }
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if (f.wire() != 2) continue;
      if (f.number() == 7) graph(ctx, b, m, f.start(), f.end(), d + 1, local);
      else if (f.number() == 25) function(ctx, b, m, f.start(), f.end(), d + 1, local);
      else if (f.number() == 8) opset(ctx, b, m, f, local);
      else if (f.number() == 20) trainingInfo(ctx, b, m, f.start(), f.end(), d + 1, local);
      else if (f.number() == 14) metadataProp(ctx, b, m, f);
    }
  }

  /** A metadata_props entry (key 1, value 2): a value that opens like a pickle is judged. */
  private static void metadataProp(ScanContext ctx, Blob b, String m, Field f) throws IOException {
    Reader kv = new Reader(b, f.start(), f.end());
    String key = "";
    Field value = null;
    while (kv.more()) {
      Field x = kv.next();
      if (x.wire() != 2) continue;
      if (x.number() == 1) key = string(b, x);
      else if (x.number() == 2) value = x;
    }
    if (value != null) embedded(ctx, b, m, value, "the ONNX metadata_props value '" + key + "'");
  }

  /** A string or bytes field judged as a pickle carried as data, if it opens like one. */
  private static void embedded(ScanContext ctx, Blob b, String m, Field f, String where)
      throws IOException {
    long n = f.end() - f.start();
    if (n < EmbeddedPickles.MIN_BYTES || n > EmbeddedPickles.MAX_BYTES) return;
    byte[] head = b.bytes(f.start(), 2);
    if ((head[0] & 0xff) != 0x80 && !(head[0] == 'g' && head[1] == 'A')) return;
    byte[] x = b.bytes(f.start(), (int) n);
    EmbeddedPickles.judge(ctx, x, 0, x.length, m, f.start(), where);
  }

  /**
   * A TrainingInfoProto (ModelProto field 20): its initialization (1) and algorithm (2) graphs hold
   * initializers and Constant nodes like the inference graph, external data included (onnx loads
   * external data for every tensor of the model, training graphs too).
   */
  private static void trainingInfo(
      ScanContext ctx, Blob b, String m, long s, long e, int d, java.util.Set<String> local)
      throws IOException {
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if ((f.number() == 1 || f.number() == 2) && f.wire() == 2)
        graph(ctx, b, m, f.start(), f.end(), d + 1, local);
    }
  }

  private static String functionDomain(Blob b, Field f) throws IOException {
    Reader r = new Reader(b, f.start(), f.end());
    while (r.more()) {
      Field x = r.next();
      if (x.number() == 10 && x.wire() == 2) return string(b, x);
    }
    return null;
  }

  private static void opset(ScanContext ctx, Blob b, String m, Field f, java.util.Set<String> local)
      throws IOException {
    Reader r = new Reader(b, f.start(), f.end());
    while (r.more()) {
      Field x = r.next();
      if (x.number() == 1 && x.wire() == 2) {
        String domain = string(b, x);
        if (!local.contains(domain)) domain(ctx, m, domain, f.start());
      }
    }
  }

  private static void domain(ScanContext ctx, String m, String domain, long off) {
    if (!STANDARD_DOMAINS.contains(domain))
      ctx.report(
          ScanRule.ONNX_CUSTOM_DOMAIN,
          off,
          m,
          List.of(domain),
          "operators from domain '"
              + domain
              + "' need a custom-op library registered with the runtime (native code, or Python"
              + " for onnxruntime-extensions' PyOp): the scanner cannot judge it");
  }

  private static void function(
      ScanContext ctx, Blob b, String m, long s, long e, int d, java.util.Set<String> local)
      throws IOException {
    if (d > MAX_DEPTH) throw new IOException("ONNX nesting limit");
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if (f.number() == 7 && f.wire() == 2) node(ctx, b, m, f.start(), f.end(), d + 1, local);
    }
  }

  private static void graph(
      ScanContext ctx, Blob b, String m, long s, long e, int d, java.util.Set<String> local)
      throws IOException {
    if (d > MAX_DEPTH) throw new IOException("ONNX nesting limit");
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      ctx.checkTime();
      Field f = r.next();
      if (f.wire() != 2) continue;
      switch (f.number()) {
        case 1 -> node(ctx, b, m, f.start(), f.end(), d + 1, local);
        case 5 -> tensor(ctx, b, m, f.start(), f.end());
        case 15 -> sparse(ctx, b, m, f.start(), f.end());
        default -> {}
      }
    }
  }

  private static void sparse(ScanContext ctx, Blob b, String m, long s, long e) throws IOException {
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if ((f.number() == 1 || f.number() == 2) && f.wire() == 2)
        tensor(ctx, b, m, f.start(), f.end());
    }
  }

  private static void node(
      ScanContext ctx, Blob b, String m, long s, long e, int d, java.util.Set<String> local)
      throws IOException {
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if (f.wire() != 2) continue;
      if (f.number() == 7) {
        String domain = string(b, f);
        if (!local.contains(domain)) domain(ctx, m, domain, s);
      } else if (f.number() == 5) attribute(ctx, b, m, f.start(), f.end(), d + 1, local);
    }
  }

  private static void attribute(
      ScanContext ctx, Blob b, String m, long s, long e, int d, java.util.Set<String> local)
      throws IOException {
    if (d > MAX_DEPTH) throw new IOException("ONNX nesting limit");
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if (f.wire() != 2) continue;
      switch (f.number()) {
        case 5, 10 -> tensor(ctx, b, m, f.start(), f.end());
        case 6, 11 -> graph(ctx, b, m, f.start(), f.end(), d + 1, local);
        case 22, 23 -> sparse(ctx, b, m, f.start(), f.end());
        default -> {}
      }
    }
  }

  private static void tensor(ScanContext ctx, Blob b, String m, long s, long e) throws IOException {
    Reader r = new Reader(b, s, e);
    String name = "";
    while (r.more()) {
      Field f = r.next();
      if (f.number() == 8 && f.wire() == 2) name = string(b, f);
      if (f.number() == 6 && f.wire() == 2)
        embedded(ctx, b, m, f, "a string of ONNX tensor '" + name + "'");
      if (f.number() == 13 && f.wire() == 2) {
        Reader kv = new Reader(b, f.start(), f.end());
        String key = null;
        String value = null;
        while (kv.more()) {
          Field x = kv.next();
          if (x.wire() != 2) continue;
          if (x.number() == 1) key = string(b, x);
          else if (x.number() == 2) value = string(b, x);
        }
        if ("location".equals(key) && value != null) location(ctx, m, name, value, f.start());
      }
    }
  }

  static void location(ScanContext ctx, String m, String tensor, String loc, long off) {
    String n = loc.replace('\\', '/');
    boolean abs = n.startsWith("/") || n.contains(":") || n.startsWith("~");
    boolean up = false;
    for (String p : n.split("/")) if (p.equals("..")) up = true;
    if (!abs && !up) ctx.externalFile(m, n);
    if (abs || up)
      ctx.report(
          ScanRule.ONNX_EXTERNAL_DATA,
          off,
          m,
          List.of(loc),
          "tensor '"
              + tensor
              + "' loads external data from '"
              + loc
              + "', outside the model directory");
  }

  // ---- SavedModel ----

  private static void savedModel(ScanContext ctx, Blob b, String m) throws IOException {
    Reader r = new Reader(b, 0, b.size());
    while (r.more()) {
      Field f = r.next();
      if (f.number() == 2 && f.wire() == 2) {
        Reader mg = new Reader(b, f.start(), f.end());
        while (mg.more()) {
          Field g = mg.next();
          if (g.number() == 2 && g.wire() == 2) graphDef(ctx, b, m, g.start(), g.end());
        }
      }
    }
  }

  private static void graphDef(ScanContext ctx, Blob b, String m, long s, long e)
      throws IOException {
    Reader r = new Reader(b, s, e);
    while (r.more()) {
      Field f = r.next();
      if (f.wire() != 2) continue;
      if (f.number() == 1) nodeDef(ctx, b, m, f.start(), f.end());
      else if (f.number() == 2) {
        Reader lib = new Reader(b, f.start(), f.end());
        while (lib.more()) {
          Field fn = lib.next();
          if (fn.number() == 1 && fn.wire() == 2) {
            Reader fr = new Reader(b, fn.start(), fn.end());
            while (fr.more()) {
              Field x = fr.next();
              if (x.number() == 3 && x.wire() == 2) nodeDef(ctx, b, m, x.start(), x.end());
            }
          }
        }
      }
    }
  }

  private static void nodeDef(ScanContext ctx, Blob b, String m, long s, long e)
      throws IOException {
    Reader r = new Reader(b, s, e);
    String name = "";
    while (r.more()) {
      Field f = r.next();
      if (f.wire() != 2) continue;
      if (f.number() == 1) name = string(b, f);
      if (f.number() == 2) {
        String op = string(b, f);
        if (PY_FUNC.contains(op))
          ctx.report(
              ScanRule.SAVEDMODEL_PYFUNC,
              s,
              m,
              List.of(op + " " + name),
              "graph node '" + name + "' runs " + op + " (Python code)");
        else if (FILE_OPS.contains(op))
          ctx.report(
              ScanRule.SAVEDMODEL_FILE_OP,
              Level.HIGH,
              s,
              m,
              List.of(op + " " + name),
              "graph node '" + name + "' runs " + op + " (file system access)");
      }
    }
  }
}
