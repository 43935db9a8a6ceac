package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * HDF5 without a full HDF5 reader: Keras stores {@code model_config} and {@code training_config} as
 * JSON string attributes, which sit contiguously in the file (inline or in a global heap). We find
 * each JSON object that starts with a {@code "class_name"} key and analyze it.
 */
public final class Hdf5 {
  private static final byte[] KEY = "\"class_name\"".getBytes(StandardCharsets.US_ASCII);
  private static final int WINDOW = 1 << 20;

  private Hdf5() {}

  /** Returns true when a Keras config was found. */
  public static boolean analyze(ScanContext ctx, Blob b, String member) throws IOException {
    boolean keras = false;
    long pos = 0;
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
      long start = -1;
      for (long s = keyAt - 1; s >= Math.max(0, keyAt - 16); s--) {
        byte c = b.bytes(s, 1)[0];
        if (c == '{') {
          start = s;
          break;
        }
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      }
      long next = keyAt + KEY.length;
      if (start >= 0) {
        long end = jsonEnd(b, start, ctx.limits().maxHeaderBytes());
        if (end > start) {
          byte[] json = b.bytes(start, (int) (end - start));
          if (KerasConfig.analyzeJson(ctx, json, member, start)) {
            keras = true;
            next = end;
          }
        }
      }
      pos = next;
    }
    return keras;
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
