package dev.mlsec.scan.format;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** safetensors: u64 header length, JSON header, contiguous tensor data; nothing is executed. */
public final class Safetensors {
  /** The reference implementation refuses headers above 100 MB. */
  static final long MAX_HEADER = 100L << 20;

  private static final Map<String, Integer> BITS =
      Map.ofEntries(
          Map.entry("BOOL", 8),
          Map.entry("U8", 8),
          Map.entry("I8", 8),
          Map.entry("F8_E4M3", 8),
          Map.entry("F8_E5M2", 8),
          Map.entry("F8_E8M0", 8),
          Map.entry("I16", 16),
          Map.entry("U16", 16),
          Map.entry("F16", 16),
          Map.entry("BF16", 16),
          Map.entry("I32", 32),
          Map.entry("U32", 32),
          Map.entry("F32", 32),
          Map.entry("F64", 64),
          Map.entry("I64", 64),
          Map.entry("U64", 64),
          Map.entry("C64", 64),
          Map.entry("F4", 4),
          Map.entry("F6_E2M3", 6),
          Map.entry("F6_E3M2", 6));

  private Safetensors() {}

  public static boolean sniff(byte[] h, long size) {
    if (h.length < 10 || size < 10) return false;
    long n = 0;
    for (int i = 0; i < 8; i++) n |= ((long) (h[i] & 0xff)) << (8 * i);
    // a length past 2^63 reads negative here: still a safetensors header, reported as malformed
    return (n >= 2 || n < 0) && h[8] == '{';
  }

  public static void analyze(ScanContext ctx, Blob b, String member) throws IOException {
    byte[] lenBytes = b.bytes(0, 8);
    long n = 0;
    for (int i = 0; i < 8; i++) n |= ((long) (lenBytes[i] & 0xff)) << (8 * i);
    if (n < 0 || n > b.size() - 8) {
      bad(ctx, member, 0, "header length " + n + " exceeds the file size " + b.size());
      return;
    }
    if (n > MAX_HEADER || n > ctx.limits().maxHeaderBytes()) {
      bad(ctx, member, 0, "header length " + n + " exceeds the 100 MB bound");
      return;
    }
    byte[] header = b.bytes(8, (int) n);
    Json.Tree tree;
    try {
      tree = Json.parse(header, 0, header.length);
    } catch (IOException e) {
      bad(ctx, member, 8, e.getMessage());
      return;
    }
    if (tree.duplicateKeys() > 0)
      bad(ctx, member, 8, "the header repeats keys; parsers disagree on which one counts");
    if (!(tree.root() instanceof Map<?, ?> root)) {
      bad(ctx, member, 8, "the header is not a JSON object");
      return;
    }
    long dataLen = b.size() - 8 - n;
    List<long[]> ranges = new ArrayList<>();
    for (Map.Entry<?, ?> e : root.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals("__metadata__")) {
        if (!(e.getValue() instanceof Map<?, ?> meta))
          bad(ctx, member, 8, "__metadata__ is not an object");
        else
          for (Map.Entry<?, ?> m : meta.entrySet())
            if (!(m.getValue() instanceof String v))
              bad(ctx, member, 8, "__metadata__ value '" + m.getKey() + "' is not a string");
            else
              EmbeddedPickles.judge(
                  ctx, v, member, 8, "the __metadata__ value '" + m.getKey() + "'");
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> t)) {
        bad(ctx, member, 8, "tensor '" + name + "' is not an object");
        continue;
      }
      Object dtype = t.get("dtype");
      Object shape = t.get("shape");
      Object offs = t.get("data_offsets");
      Integer bits = dtype instanceof String s ? BITS.get(s) : null;
      if (bits == null) {
        bad(ctx, member, 8, "tensor '" + name + "' has unknown dtype " + dtype);
        continue;
      }
      if (!(shape instanceof List<?> sl) || !(offs instanceof List<?> ol) || ol.size() != 2) {
        bad(ctx, member, 8, "tensor '" + name + "' lacks shape or data_offsets");
        continue;
      }
      long count = 1;
      boolean ok = true;
      try {
        for (Object d : sl) {
          if (!(d instanceof Long l) || l < 0) ok = false;
          else count = Math.multiplyExact(count, l);
        }
      } catch (ArithmeticException ex) {
        ok = false;
      }
      if (!ok || !(ol.get(0) instanceof Long begin) || !(ol.get(1) instanceof Long end)) {
        bad(ctx, member, 8, "tensor '" + name + "' has a malformed shape or offsets");
        continue;
      }
      if (begin < 0 || end < begin || end > dataLen) {
        bad(
            ctx,
            member,
            8,
            "tensor '" + name + "' data [" + begin + ", " + end + ") lies outside the file");
        continue;
      }
      long want;
      try {
        want = (Math.multiplyExact(count, bits) + 7) / 8;
      } catch (ArithmeticException ex) {
        want = -1;
      }
      if (want != end - begin)
        bad(
            ctx,
            member,
            8,
            "tensor '" + name + "' has " + (end - begin) + " data bytes, its shape needs " + want);
      ranges.add(new long[] {begin, end});
      if (bits == 8 && end - begin >= 2 && end - begin <= EmbeddedPickles.MAX_BYTES) {
        // byte tensors can carry a pickle no loader reads: judged only if they open like one
        long at = 8 + n + begin;
        byte[] head = b.bytes(at, 2);
        if (head.length == 2 && (head[0] & 0xff) == 0x80) {
          byte[] data = b.bytes(at, (int) (end - begin));
          EmbeddedPickles.judge(
              ctx, data, 0, data.length, member, at, "the bytes of tensor '" + name + "'");
        }
      }
    }
    ranges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    long at = 0;
    for (long[] r : ranges) {
      if (r[0] != at) {
        bad(
            ctx,
            member,
            8,
            r[0] < at ? "tensor data overlaps at " + r[0] : "gap in tensor data at " + at);
        break;
      }
      at = r[1];
    }
    if (at != dataLen && !ranges.isEmpty())
      bad(
          ctx,
          member,
          8 + n + at,
          (dataLen - at) + " bytes after the last tensor are not described");
  }

  private static void bad(ScanContext ctx, String member, long off, String msg) {
    ctx.report(ScanRule.SAFETENSORS_MALFORMED, Level.MEDIUM, off, member, List.of(), msg);
  }
}
