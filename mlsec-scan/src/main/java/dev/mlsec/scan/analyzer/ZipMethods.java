package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.archive.ZipEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.MemoryLimitException;

/** Decoders of the zip compression methods the loaders (Python's zipfile, torch) accept. */
final class ZipMethods {
  /** Zip compression methods we decode, by method number. */
  private static final Map<Integer, String> NAMES =
      Map.of(8, "deflate", 9, "deflate64", 12, "bzip2", 14, "lzma");

  private ZipMethods() {}

  /** The method's name, or null when it is not decoded. */
  static String name(int method) {
    return NAMES.get(method);
  }

  /** A decoder for the entry; {@code inf} is the inflater for method 8 (ended by the caller). */
  static InputStream decoder(ZipEntry e, InputStream raw, Inflater inf) throws IOException {
    return switch (e.method()) {
      case 8 -> new InflaterInputStream(raw, inf, 64 * 1024);
      case 9 -> new Deflate64CompressorInputStream(raw);
      case 12 -> new BZip2CompressorInputStream(raw, false);
      default -> lzma(e, raw);
    };
  }

  /**
   * Zip's LZMA: version (2 bytes), properties size (2), properties (props byte + dictionary size),
   * then a raw LZMA stream; flag bit 1 says it ends with an end marker instead of a known size.
   */
  private static InputStream lzma(ZipEntry e, InputStream raw) throws IOException {
    byte[] h = raw.readNBytes(4);
    if (h.length < 4) throw new IOException("lzma header is truncated");
    int propsLen = (h[2] & 0xff) | (h[3] & 0xff) << 8;
    if (propsLen != 5) throw new IOException("lzma properties have " + propsLen + " bytes");
    byte[] p = raw.readNBytes(5);
    if (p.length < 5) throw new IOException("lzma properties are truncated");
    int dict = (p[1] & 0xff) | (p[2] & 0xff) << 8 | (p[3] & 0xff) << 16 | (p[4] & 0xff) << 24;
    int max = Decompression.XZ_MEMORY_KIB;
    if (dict < 0) throw new MemoryLimitException(Integer.MAX_VALUE, max);
    int need = LZMAInputStream.getMemoryUsage(dict, p[0]);
    if (need > max) throw new MemoryLimitException(need, max);
    long size = (e.flags() & 2) != 0 ? -1 : e.size();
    return new LZMAInputStream(raw, size, p[0], dict);
  }
}
