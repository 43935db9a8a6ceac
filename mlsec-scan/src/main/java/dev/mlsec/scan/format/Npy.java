package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.pickle.PickleMachine;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** numpy .npy: the header is parsed as data; an object dtype means the array body is a pickle. */
public final class Npy {
  /** numpy itself refuses headers above 10000 bytes by default; we allow more, but bounded. */
  static final int MAX_HEADER = 1 << 20;

  private Npy() {}

  /** Parsed header. */
  public record Header(Object descr, boolean fortran, List<Long> shape, long headerEnd) {}

  /** Reads the header; the stream is left at the start of the data. */
  public static Header header(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    byte[] magic = new byte[8];
    d.readFully(magic);
    int major = magic[6] & 0xff;
    long len;
    int pre;
    if (major == 1) {
      len = (d.readUnsignedByte() | d.readUnsignedByte() << 8);
      pre = 10;
    } else if (major == 2 || major == 3) {
      len =
          (d.readUnsignedByte()
                  | d.readUnsignedByte() << 8
                  | d.readUnsignedByte() << 16
                  | (long) d.readUnsignedByte() << 24)
              & 0xffffffffL;
      pre = 12;
    } else throw new IOException("unsupported npy format version " + major);
    if (len > MAX_HEADER) throw new IOException("npy header of " + len + " bytes is too large");
    byte[] h = new byte[(int) len];
    d.readFully(h);
    String text =
        new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
    Object lit;
    try {
      lit = PyLiteral.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("npy header is not a literal dict: " + e.getMessage());
    }
    if (!(lit instanceof Map<?, ?> m)) throw new IOException("npy header is not a dict");
    Object descr = m.get("descr");
    Object fortran = m.get("fortran_order");
    Object shape = m.get("shape");
    if (descr == null || !(fortran instanceof Boolean) || !(shape instanceof List<?> sl))
      throw new IOException("npy header lacks descr/fortran_order/shape");
    List<Long> dims = new java.util.ArrayList<>();
    for (Object o : sl) {
      if (!(o instanceof Long l) || l < 0)
        throw new IOException("npy shape is not a tuple of ints");
      dims.add(l);
    }
    return new Header(descr, (Boolean) fortran, dims, pre + len);
  }

  /** True when a descr holds Python objects anywhere. */
  static boolean hasObjects(Object descr) {
    if (descr instanceof String s) {
      // np.dtype takes the type's name too: 'object' (and 'object_') is 'O'
      String t = s.replaceAll("^[<>|=]", "");
      return t.startsWith("O") || t.startsWith("object");
    }
    if (descr instanceof List<?> l) for (Object o : l) if (hasObjects(o)) return true;
    return false;
  }

  static long itemSize(Object descr) {
    if (descr instanceof String s) return PickleMachine.itemSize(s);
    if (descr instanceof List<?> fields) {
      long total = 0;
      for (Object f : fields) {
        if (!(f instanceof List<?> fl) || fl.size() < 2) return -1;
        long one = itemSize(fl.get(1));
        if (one < 0) return -1;
        if (fl.size() >= 3 && fl.get(2) instanceof List<?> sub)
          for (Object d : sub) if (d instanceof Long n) one = Math.multiplyExact(one, n);
        total += one;
      }
      return total;
    }
    return -1;
  }

  /**
   * @param length total length when known (-1 for a stream)
   */
  public static void analyze(ScanContext ctx, InputStream in, long length, String member)
      throws IOException {
    Header h;
    try {
      h = header(in);
    } catch (EOFException e) {
      ctx.report(ScanRule.NPY_MALFORMED, 0, member, List.of(), "npy header is truncated");
      return;
    } catch (IOException e) {
      ctx.report(ScanRule.NPY_MALFORMED, 0, member, List.of(), e.getMessage());
      return;
    }
    if (hasObjects(h.descr())) {
      ctx.report(
          ScanRule.NPY_OBJECT,
          h.headerEnd(),
          member,
          List.of(),
          "object dtype " + h.descr() + ": the array body is a pickle, analyzed below");
      PickleScanner.scan(ctx, in, length < 0 ? -1 : length - h.headerEnd(), member, false, false);
      return;
    }
    long item = itemSize(h.descr());
    if (item < 0) {
      ctx.report(ScanRule.NPY_MALFORMED, 0, member, List.of(), "unknown dtype " + h.descr());
      return;
    }
    long count = 1;
    try {
      for (long d : h.shape()) count = Math.multiplyExact(count, d);
      long want = Math.multiplyExact(count, item);
      if (length >= 0) {
        long have = length - h.headerEnd();
        if (have < want)
          ctx.report(
              ScanRule.NPY_MALFORMED,
              h.headerEnd(),
              member,
              List.of(),
              "header declares " + want + " data bytes but only " + have + " follow");
        else if (have > want)
          ctx.report(
              ScanRule.PICKLE_TRAILING_DATA,
              h.headerEnd() + want,
              member,
              List.of(),
              (have - want) + " bytes follow the array data");
      }
    } catch (ArithmeticException e) {
      ctx.report(ScanRule.NPY_MALFORMED, 0, member, List.of(), "shape overflows");
    }
  }
}
