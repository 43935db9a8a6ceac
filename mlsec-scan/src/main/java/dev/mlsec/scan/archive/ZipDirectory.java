package dev.mlsec.scan.archive;

import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Our own reader of a zip's end record, central directory and local headers: it keeps what other
 * readers silently reconcile (prefix bytes, local/central disagreements) so they can be reported.
 */
public final class ZipDirectory {
  private final List<ZipEntry> entries;
  private final long prefix;
  private final long firstHeader;
  private final List<String> problems;
  private final boolean truncatedEntries;
  private final long directoryStart;
  private final boolean zip64Disagrees;

  private ZipDirectory(
      List<ZipEntry> entries,
      long prefix,
      long firstHeader,
      List<String> problems,
      boolean truncated,
      long directoryStart,
      boolean zip64Disagrees) {
    this.entries = entries;
    this.prefix = prefix;
    this.firstHeader = firstHeader;
    this.problems = problems;
    this.truncatedEntries = truncated;
    this.directoryStart = directoryStart;
    this.zip64Disagrees = zip64Disagrees;
  }

  /** Where the central directory really starts in the blob. */
  public long directoryStart() {
    return directoryStart;
  }

  /**
   * True when a zip64 end record and the classic end record both describe the directory, with
   * different values although the classic ones are not saturated: readers that ignore zip64 see
   * another directory.
   */
  public boolean zip64Disagrees() {
    return zip64Disagrees;
  }

  public List<ZipEntry> entries() {
    return entries;
  }

  /** Bytes before the first local header (a polyglot prefix or a self-extractor stub). */
  public long firstHeader() {
    return firstHeader;
  }

  /** Shift between the offsets the directory declares and where data really is. */
  public long prefix() {
    return prefix;
  }

  public List<String> problems() {
    return problems;
  }

  /** True when the entry limit stopped the reading of the directory. */
  public boolean truncatedEntries() {
    return truncatedEntries;
  }

  /** Offset of the end-of-central-directory record, or -1 when the blob is no zip. */
  public static long findEnd(Blob b) throws IOException {
    long size = b.size();
    if (size < 22) return -1;
    // most archives have no comment: look at the last bytes before the whole 64 KB window
    byte[] last = b.bytes(size - 22, 22);
    if (last[0] == 'P' && last[1] == 'K' && last[2] == 5 && last[3] == 6 && u16(last, 20) == 0)
      return size - 22;
    int window = (int) Math.min(size, 22 + 65535);
    byte[] tail = b.bytes(size - window, window);
    for (int i = tail.length - 22; i >= 0; i--) {
      if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
        int commentLen = u16(tail, i + 20);
        if (i + 22 + commentLen <= tail.length) return size - window + i;
      }
    }
    return -1;
  }

  /**
   * Every end-of-central-directory signature in the last 64 KB with a whole record after it,
   * highest offset first (at most {@code max}). Python's zipfile takes the last one whatever its
   * comment length; other readers take the last one whose comment fits: a second one means readers
   * can see different archives.
   */
  public static List<Long> endRecords(Blob b, int max) throws IOException {
    List<Long> out = new ArrayList<>();
    long size = b.size();
    if (size < 22) return out;
    int window = (int) Math.min(size, 22 + 65535);
    byte[] tail = b.bytes(size - window, window);
    for (int i = tail.length - 22; i >= 0 && out.size() < max; i--)
      if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6)
        out.add(size - window + i);
    return out;
  }

  /** Reads the directory; null when there is no end record. */
  public static ZipDirectory read(Blob b, int maxEntries) throws IOException {
    long eocd = findEnd(b);
    if (eocd < 0) return null;
    return read(b, eocd, maxEntries, true);
  }

  /**
   * Reads the directory of the end record at {@code eocd}; with {@code zip64} false the zip64 end
   * record is ignored, as a reader without zip64 support would.
   */
  public static ZipDirectory read(Blob b, long eocd, int maxEntries, boolean zip64)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean disagrees = false;
    byte[] e = b.bytes(eocd, 22);
    long count = u16(e, 10);
    long cdSize = u32(e, 12);
    long cdOffset = u32(e, 16);
    long cdEnd = eocd;
    byte[] loc = eocd >= 20 ? b.bytes(eocd - 20, 20) : new byte[0];
    if (zip64 && loc.length == 20 && loc[0] == 'P' && loc[1] == 'K' && loc[2] == 6 && loc[3] == 7) {
      // a zip64 end record sits between the directory and the classic end record
      long z = eocd - 20 - 56;
      byte[] z64 = z >= 0 ? b.bytes(z, 56) : new byte[0];
      if (z64.length == 56 && z64[0] == 'P' && z64[1] == 'K' && z64[2] == 6 && z64[3] == 6) {
        long count64 = u64(z64, 32);
        long size64 = u64(z64, 40);
        long offset64 = u64(z64, 48);
        disagrees =
            (count != 0xffff && count != count64)
                || (cdOffset != 0xffffffffL && cdOffset != offset64);
        count = count64;
        cdSize = size64;
        cdOffset = offset64;
        cdEnd = z;
      } else problems.add("zip64 end record missing");
    } else if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
      problems.add("zip64 fields without a zip64 end record");
    }
    long realCd = cdEnd - cdSize;
    long prefix = realCd - cdOffset;
    if (realCd < 0 || cdSize < 0 || cdOffset < 0) {
      problems.add("central directory size/offset outside the file");
      realCd = Math.max(0, Math.min(cdOffset, b.size()));
      prefix = 0;
    }
    List<ZipEntry> entries = new ArrayList<>();
    long pos = realCd;
    boolean truncated = false;
    long first = Long.MAX_VALUE;
    for (long i = 0; i < count; i++) {
      if (entries.size() >= maxEntries) {
        truncated = true;
        break;
      }
      byte[] h = b.bytes(pos, 46);
      if (h.length < 46 || h[0] != 'P' || h[1] != 'K' || h[2] != 1 || h[3] != 2) {
        problems.add("central directory entry " + i + " is malformed");
        break;
      }
      int flags = u16(h, 8);
      int method = u16(h, 10);
      long crc = u32(h, 16);
      long csize = u32(h, 20);
      long usize = u32(h, 24);
      int nameLen = u16(h, 28);
      int extraLen = u16(h, 30);
      int commentLen = u16(h, 32);
      long off = u32(h, 42);
      byte[] nameBytes = b.bytes(pos + 46, nameLen);
      byte[] extra = b.bytes(pos + 46 + nameLen, extraLen);
      // zip64 extended information replaces the saturated fields, in this order
      for (int x = 0; x + 4 <= extra.length; ) {
        int id = u16(extra, x);
        int len = u16(extra, x + 2);
        if (id == 1) {
          int q = x + 4;
          if (usize == 0xffffffffL && q + 8 <= extra.length) {
            usize = u64(extra, q);
            q += 8;
          }
          if (csize == 0xffffffffL && q + 8 <= extra.length) {
            csize = u64(extra, q);
            q += 8;
          }
          if (off == 0xffffffffL && q + 8 <= extra.length) off = u64(extra, q);
        }
        x += 4 + len;
      }
      String name = decode(nameBytes, flags);
      long header = off + prefix;
      first = Math.min(first, header);
      String localName = null;
      int localFlags = -1;
      int localMethod = -1;
      long dataStart = -1;
      byte[] l = header >= 0 ? b.bytes(header, 30) : new byte[0];
      if (l.length == 30 && l[0] == 'P' && l[1] == 'K' && l[2] == 3 && l[3] == 4) {
        localFlags = u16(l, 6);
        localMethod = u16(l, 8);
        int ln = u16(l, 26);
        int lx = u16(l, 28);
        localName = decode(b.bytes(header + 30, ln), localFlags);
        dataStart = header + 30 + ln + lx;
        if (dataStart + csize > b.size()) {
          problems.add("entry '" + name + "' extends past the end of the file");
        }
      }
      entries.add(
          new ZipEntry(
              name,
              localName,
              flags,
              localFlags,
              method,
              localMethod,
              crc,
              csize,
              usize,
              header,
              dataStart));
      pos += 46 + nameLen + extraLen + commentLen;
    }
    if (entries.isEmpty()) first = realCd;
    return new ZipDirectory(entries, prefix, first, problems, truncated, realCd, disagrees);
  }

  /**
   * Local headers the directory does not list, found the way a sequential reader (a streaming
   * unzip) walks the archive: right after each listed entry's data (and data descriptor) and before
   * the directory. At most {@code max}; an entry whose size is unknown (data descriptor without
   * sizes) ends the walk with a size of -1.
   */
  public static List<ZipEntry> hidden(Blob b, ZipDirectory dir, int max) throws IOException {
    java.util.Set<Long> known = new java.util.HashSet<>();
    List<ZipEntry> sorted = new ArrayList<>();
    for (ZipEntry e : dir.entries()) {
      known.add(e.headerOffset());
      if (e.dataStart() >= 0 && e.compressedSize() >= 0) sorted.add(e);
    }
    sorted.sort(java.util.Comparator.comparingLong(ZipEntry::headerOffset));
    List<ZipEntry> out = new ArrayList<>();
    java.util.Set<Long> visited = new java.util.HashSet<>();
    for (ZipEntry e : sorted) {
      long pos = afterDescriptor(b, e.dataStart() + e.compressedSize(), e.localFlags());
      while (out.size() < max && pos < dir.directoryStart() && visited.add(pos)) {
        if (known.contains(pos)) break;
        ZipEntry h = local(b, pos);
        if (h == null) break;
        out.add(h);
        if (h.compressedSize() < 0) return out;
        pos = afterDescriptor(b, h.dataStart() + h.compressedSize(), h.localFlags());
      }
    }
    return out;
  }

  /** The position after a data descriptor at {@code pos}, if the flags say there is one. */
  private static long afterDescriptor(Blob b, long pos, int flags) throws IOException {
    byte[] d = b.bytes(pos, 4);
    if (d.length == 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 7 && d[3] == 8) {
      // signature, CRC, then 4- or 8-byte sizes: take the form followed by the next header
      byte[] next = b.bytes(pos + 16, 4);
      if (next.length == 4 && next[0] == 'P' && next[1] == 'K') return pos + 16;
      return pos + 24;
    }
    return (flags & 8) != 0 && flags >= 0 ? pos + 12 : pos;
  }

  /** The local header at {@code pos} as an entry, or null when there is none. */
  private static ZipEntry local(Blob b, long pos) throws IOException {
    byte[] l = b.bytes(pos, 30);
    if (l.length < 30 || l[0] != 'P' || l[1] != 'K' || l[2] != 3 || l[3] != 4) return null;
    int flags = u16(l, 6);
    int method = u16(l, 8);
    long crc = u32(l, 14);
    long csize = u32(l, 18);
    long usize = u32(l, 22);
    int ln = u16(l, 26);
    int lx = u16(l, 28);
    String name = decode(b.bytes(pos + 30, ln), flags);
    byte[] extra = b.bytes(pos + 30 + ln, lx);
    for (int x = 0; x + 4 <= extra.length; ) {
      int id = u16(extra, x);
      int len = u16(extra, x + 2);
      if (id == 1 && x + 4 + 16 <= extra.length) {
        if (usize == 0xffffffffL) usize = u64(extra, x + 4);
        if (csize == 0xffffffffL) csize = u64(extra, x + 12);
      }
      x += 4 + len;
    }
    long data = pos + 30 + ln + lx;
    if ((flags & 8) != 0 && csize == 0) csize = -1;
    if (csize >= 0 && data + csize > b.size()) csize = -1;
    return new ZipEntry(name, name, flags, flags, method, method, crc, csize, usize, pos, data);
  }

  private static String decode(byte[] b, int flags) {
    return (flags & 0x800) != 0
        ? new String(b, StandardCharsets.UTF_8)
        : new String(b, StandardCharsets.ISO_8859_1);
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  static long u32(byte[] b, int i) {
    return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xffffffffL;
  }

  static long u64(byte[] b, int i) {
    return u32(b, i) | u32(b, i + 4) << 32;
  }
}
