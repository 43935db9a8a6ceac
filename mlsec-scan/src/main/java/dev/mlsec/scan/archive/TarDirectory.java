package dev.mlsec.scan.archive;

import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads ustar/GNU/pax tar headers of a blob; member data stays in place (slices). */
public final class TarDirectory {
  private TarDirectory() {}

  /** True when the first header has a valid checksum. */
  public static boolean sniff(byte[] head) {
    if (head.length < 512) return false;
    long declared = octal(head, 148, 8);
    if (declared < 0) return false;
    long sum = 0;
    for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : (head[i] & 0xff);
    return sum == declared && head[0] != 0;
  }

  /** Entries up to {@code max}; a malformed header ends the list (reported via the last entry). */
  public static List<TarEntry> read(Blob b, int max, List<String> problems) throws IOException {
    List<TarEntry> out = new ArrayList<>();
    long pos = 0;
    String longName = null;
    String paxPath = null;
    while (pos + 512 <= b.size()) {
      byte[] h = b.bytes(pos, 512);
      boolean zero = true;
      for (byte x : h) if (x != 0) zero = false;
      if (zero) break;
      if (!sniff(h)) {
        problems.add("tar header at " + pos + " has a bad checksum");
        break;
      }
      long size = octal(h, 124, 12);
      if (size < 0) {
        problems.add("tar header at " + pos + " has a bad size");
        break;
      }
      char type = (char) (h[156] & 0xff);
      String name = cstr(h, 0, 100);
      String prefix = cstr(h, 345, 155);
      if ("ustar".equals(cstr(h, 257, 5)) && !prefix.isEmpty()) name = prefix + "/" + name;
      long data = pos + 512;
      if (type == 'L') {
        longName = cstr(b.bytes(data, (int) Math.min(size, 65536)), 0, (int) Math.min(size, 65536));
      } else if (type == 'x') {
        String pax = new String(b.bytes(data, (int) Math.min(size, 65536)), StandardCharsets.UTF_8);
        for (String rec : pax.split("\n")) {
          int eq = rec.indexOf(" path=");
          if (eq >= 0) paxPath = rec.substring(eq + 6);
        }
      } else if (type != 'g') {
        if (out.size() >= max) {
          problems.add("entry limit");
          break;
        }
        String n = paxPath != null ? paxPath : longName != null ? longName : name;
        out.add(new TarEntry(n, type, data, size, cstr(h, 157, 100)));
        longName = null;
        paxPath = null;
      }
      long next = data + ((size + 511) / 512) * 512;
      if (next <= pos) break;
      pos = next;
    }
    return out;
  }

  private static String cstr(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && end < b.length && b[end] != 0) end++;
    return new String(b, off, Math.max(0, end - off), StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    if ((b[off] & 0x80) != 0) {
      long v = 0;
      for (int i = off + 1; i < off + len; i++) v = (v << 8) | (b[i] & 0xff);
      return v < 0 ? -1 : v;
    }
    long v = 0;
    boolean any = false;
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xff;
      if (c == 0 || c == ' ') {
        if (any) break;
        continue;
      }
      if (c < '0' || c > '7') return -1;
      v = v * 8 + (c - '0');
      any = true;
      if (v > (1L << 50)) return -1;
    }
    return any ? v : 0;
  }
}
