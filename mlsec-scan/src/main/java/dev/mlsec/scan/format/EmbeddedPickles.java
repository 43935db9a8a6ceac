package dev.mlsec.scan.format;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.LimitReachedException;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanFinding;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pickles carried as data: a string or bytes value of a format whose loader never unpickles it
 * (safetensors {@code __metadata__}, a U8 tensor, a GGUF string, an ONNX string or metadata value,
 * bytes past the end of a format). Bytes that open with a pickle protocol header (2 to 5), raw, as
 * a latin-1 string or as valid base64, are read as one pickle in a context of their own; when that
 * pickle parses to its STOP and reaches a critical or high finding, the file gets one {@link
 * ScanRule#EMBEDDED_PICKLE} finding (medium: suspicious, never malicious, since nothing runs it on
 * load). Anything else leaves the file as it was. Bounded: values of at least {@value #MIN_BYTES}
 * bytes, at most {@value #MAX_BYTES}, {@value #MAX_TRIES} attempts per file, {@value #MAX_OPCODES}
 * opcodes per attempt, all within the file's time limit.
 */
public final class EmbeddedPickles {
  static final int MIN_BYTES = 16;
  static final int MAX_BYTES = 16 << 20;
  static final int MAX_TRIES = 64;
  // opcodes of one try: a pickle carried as data that needs more is left as data
  static final long MAX_OPCODES = 2_000_000;

  private EmbeddedPickles() {}

  /** Whether {@code b} from {@code off} opens like a pickle of protocol 2 to 5. */
  public static boolean opensLikePickle(byte[] b, int off, int len) {
    return len >= MIN_BYTES && (b[off] & 0xff) == 0x80 && b[off + 1] >= 2 && b[off + 1] <= 5;
  }

  /** A string value: the pickle as latin-1 characters, or as base64 text. */
  public static void judge(
      ScanContext ctx, String value, String member, long offset, String where) {
    if (value == null || value.length() < MIN_BYTES || value.length() > MAX_BYTES) return;
    char c0 = value.charAt(0);
    if (c0 == '\u0080') {
      byte[] raw = new byte[value.length()];
      for (int i = 0; i < raw.length; i++) {
        char c = value.charAt(i);
        if (c > 0xff) return; // not latin-1: no byte string
        raw[i] = (byte) c;
      }
      judge(ctx, raw, 0, raw.length, member, offset, where);
    } else if (c0 == 'g' && value.startsWith("gA")) {
      byte[] raw = base64(value);
      if (raw != null) judge(ctx, raw, 0, raw.length, member, offset, where + " (base64)");
    }
  }

  /** Bytes of a value or a region, raw or as base64 text. */
  public static void judge(
      ScanContext ctx, byte[] b, int off, int len, String member, long offset, String where) {
    if (len < MIN_BYTES || len > MAX_BYTES) return;
    if (b[off] == 'g' && b[off + 1] == 'A') {
      byte[] raw = base64(new String(b, off, len, StandardCharsets.ISO_8859_1));
      if (raw != null) judge(ctx, raw, 0, raw.length, member, offset, where + " (base64)");
      return;
    }
    if (!opensLikePickle(b, off, len) || !ctx.tryEmbedded(MAX_TRIES)) return;
    ctx.checkTime(); // the file's own deadline bounds all tries together
    ScanContext sub =
        new ScanContext(
            ctx.limits().withMaxOpcodes(Math.min(ctx.limits().maxOpcodes(), MAX_OPCODES)),
            ctx.policy());
    try {
      PickleScanner.Result r =
          PickleScanner.scanAsPlainPickle(
              sub, new ByteArrayInputStream(b, off, len), len, member, "");
      if (r.pickles() == 0) return; // not a whole pickle: data
    } catch (IOException | LimitReachedException e) {
      return; // bytes that do not read as a pickle (or too costly) are data
    }
    ScanFinding worst = null;
    for (ScanFinding f : sub.findings())
      if (f.level().atLeast(Level.HIGH)
          && (worst == null || (f.level() == Level.CRITICAL && worst.level() != Level.CRITICAL)))
        worst = f;
    if (worst == null) return;
    ctx.report(
        ScanRule.EMBEDDED_PICKLE,
        offset,
        member,
        worst.callChain(),
        "a pickle held as data in "
            + where
            + " ("
            + worst.ruleId()
            + ": "
            + worst.message()
            + "); no standard loader unpickles it, so it runs only through a second-stage loader");
  }

  /** The bytes of valid base64 text that decode to a pickle header, else null. */
  private static byte[] base64(String s) {
    String t = s.replaceAll("\\s+", "");
    if (t.length() < 4 || t.length() > MAX_BYTES) return null;
    try {
      byte[] head = Base64.getDecoder().decode(t.substring(0, 4));
      if (!opensLikePickleHead(head)) return null;
      return Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean opensLikePickleHead(byte[] h) {
    return h.length >= 2 && (h[0] & 0xff) == 0x80 && h[1] >= 2 && h[1] <= 5;
  }
}
