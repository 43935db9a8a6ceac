package dev.mlsec.scan.format;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.format.jinja.JinjaSyntaxException;
import dev.mlsec.scan.format.jinja.TemplateJudge;
import dev.mlsec.scan.io.Blob;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * GGUF: header, metadata key/values and tensor infos with every count bounded by the bytes that
 * remain; chat templates (Jinja, rendered by the loader) are checked for sandbox escapes.
 */
public final class Gguf {
  private static final int[] SCALAR = {1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8};

  private Gguf() {}

  private static final class Cursor {
    final Blob b;
    long pos;

    Cursor(Blob b, long pos) {
      this.b = b;
      this.pos = pos;
    }

    long remaining() {
      return b.size() - pos;
    }

    long le(int n) throws IOException {
      if (remaining() < n) throw new EOFException("GGUF data ends early at " + pos);
      byte[] x = b.bytes(pos, n);
      pos += n;
      long v = 0;
      for (int i = 0; i < n; i++) v |= ((long) (x[i] & 0xff)) << (8 * i);
      return v;
    }

    String string(int keep, boolean v1) throws IOException {
      long n = v1 ? le(4) : le(8);
      if (n < 0 || n > remaining())
        throw new IOException("string length " + n + " at " + pos + " exceeds the file");
      byte[] x = b.bytes(pos, (int) Math.min(n, keep));
      pos += n;
      return new String(x, StandardCharsets.UTF_8);
    }
  }

  public static void analyze(ScanContext ctx, Blob b, String member) throws IOException {
    Cursor c = new Cursor(b, 4);
    try {
      long version = c.le(4);
      if (version < 1 || version > 3) {
        bad(ctx, member, 4, "unsupported GGUF version " + version);
        return;
      }
      boolean v1 = version == 1;
      long tensors = v1 ? c.le(4) : c.le(8);
      long kvs = v1 ? c.le(4) : c.le(8);
      if (tensors < 0 || kvs < 0 || tensors > c.remaining() / 24 || kvs > c.remaining() / 12) {
        bad(
            ctx,
            member,
            8,
            "tensor/metadata counts " + tensors + "/" + kvs + " exceed what the file can hold");
        return;
      }
      long alignment = 32;
      for (long i = 0; i < kvs; i++) {
        ctx.checkTime();
        long keyAt = c.pos;
        String key = c.string(65536, v1);
        int type = (int) c.le(4);
        if (type == 8
            && (key.equals("tokenizer.chat_template")
                || key.startsWith("tokenizer.chat_template."))) {
          long at = c.pos;
          String tpl = c.string(ctx.limits().maxHeaderBytes(), v1);
          template(ctx, member, at, key, tpl, ScanRule.GGUF_TEMPLATE);
        } else if (key.equals("general.alignment") && type == 4) {
          alignment = c.le(4);
          if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
            bad(ctx, member, keyAt, "general.alignment " + alignment + " is not a power of two");
            return;
          }
        } else value(ctx, member, c, type, v1, 0, key);
      }
      for (long i = 0; i < tensors; i++) {
        ctx.checkTime();
        long at = c.pos;
        String name = c.string(1024, v1);
        long dims = c.le(4);
        if (dims > 8) {
          bad(ctx, member, at, "tensor '" + name + "' has " + dims + " dimensions");
          return;
        }
        for (int d = 0; d < dims; d++) {
          long dim = v1 ? c.le(4) : c.le(8);
          if (dim < 0) {
            bad(ctx, member, at, "tensor '" + name + "' has a negative dimension");
            return;
          }
        }
        c.le(4);
        long offset = c.le(8);
        if (offset < 0 || offset % alignment != 0 || offset > b.size()) {
          bad(
              ctx,
              member,
              at,
              "tensor '" + name + "' has offset " + offset + " outside or unaligned");
          return;
        }
      }
      long dataStart = (c.pos + alignment - 1) / alignment * alignment;
      if (tensors > 0 && dataStart > b.size())
        bad(ctx, member, c.pos, "tensor data section starts past the end of the file");
      else if (dataStart < b.size()) tail(ctx, b, member, dataStart);
    } catch (EOFException e) {
      bad(ctx, member, c.pos, e.getMessage());
    } catch (IOException e) {
      bad(ctx, member, c.pos, e.getMessage());
    }
  }

  private static void value(
      ScanContext ctx, String member, Cursor c, int type, boolean v1, int depth, String key)
      throws IOException {
    if (type == 8) {
      long at = c.pos + (v1 ? 4 : 8);
      long n = c.b.size() - at;
      c.string(0, v1);
      n = Math.min(n, c.pos - at);
      // a string value that opens like a pickle (raw or base64) is judged as one: no loader
      // unpickles it, but a dangerous call in it is a second-stage payload
      if (n >= EmbeddedPickles.MIN_BYTES && n <= EmbeddedPickles.MAX_BYTES) {
        byte[] head = c.b.bytes(at, 2);
        if ((head[0] & 0xff) == 0x80 || (head[0] == 'g' && head[1] == 'A')) {
          byte[] x = c.b.bytes(at, (int) n);
          EmbeddedPickles.judge(ctx, x, 0, x.length, member, at, "GGUF value '" + key + "'");
        }
      }
      return;
    }
    if (type == 9) {
      if (depth > 2) throw new IOException("arrays nest too deeply in '" + key + "'");
      int et = (int) c.le(4);
      long n = v1 ? c.le(4) : c.le(8);
      if (et < 0 || et > 12)
        throw new IOException("unknown array element type " + et + " in '" + key + "'");
      int size = et == 8 ? 8 : et == 9 ? 12 : SCALAR[et];
      if (n < 0 || n > c.remaining() / size)
        throw new IOException("array '" + key + "' of " + n + " elements exceeds the file");
      if (et != 8 && et != 9) {
        c.pos += n * size;
        return;
      }
      for (long i = 0; i < n; i++) value(ctx, member, c, et, v1, depth + 1, key);
      return;
    }
    if (type < 0 || type > 12)
      throw new IOException("unknown value type " + type + " for '" + key + "'");
    c.le(SCALAR[type]);
  }

  /**
   * The chat template is parsed as Jinja and judged by {@link TemplateJudge}; a template that
   * cannot be parsed is not judged, so the file is inconclusive.
   */
  static void template(
      ScanContext ctx, String member, long at, String key, String tpl, ScanRule rule) {
    List<TemplateJudge.Problem> problems;
    try {
      problems = TemplateJudge.judge(tpl);
    } catch (JinjaSyntaxException e) {
      if (e.getMessage().startsWith("template nests too deeply"))
        ctx.limit(member, at, key + ": " + e.getMessage());
      else
        ctx.unreadable(member, at, key + " is not a template Jinja can parse: " + e.getMessage());
      return;
    }
    for (TemplateJudge.Problem p : problems)
      ctx.report(
          rule,
          p.critical() ? Level.CRITICAL : Level.HIGH,
          at,
          member,
          List.of(excerpt(tpl, p.pos())),
          key + ": " + p.message());
  }

  /** Up to 100 characters of the template around {@code pos}, on one line. */
  private static String excerpt(String tpl, int pos) {
    int from = Math.max(0, Math.min(pos, tpl.length()) - 40);
    int to = Math.min(tpl.length(), from + 100);
    return tpl.substring(from, to).replace('\n', ' ').replace('\r', ' ');
  }

  /** The tensor-data area (or bytes after a header without tensors) opening like a pickle. */
  private static void tail(ScanContext ctx, Blob b, String member, long at) throws IOException {
    long n = Math.min(b.size() - at, EmbeddedPickles.MAX_BYTES);
    if (n < EmbeddedPickles.MIN_BYTES) return;
    byte[] head = b.bytes(at, 2);
    if ((head[0] & 0xff) != 0x80) return;
    byte[] x = b.bytes(at, (int) n);
    EmbeddedPickles.judge(ctx, x, 0, x.length, member, at, "the GGUF tensor-data area");
  }

  private static void bad(ScanContext ctx, String member, long off, String msg) {
    ctx.report(ScanRule.GGUF_MALFORMED, off, member, List.of(), msg);
  }
}
