package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.Format;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.io.CountedStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Whole-file compressions (joblib's and {@code to_pickle}'s gzip, bz2, xz, lzma, zlib): the
 * decompressed bytes stream into the dispatcher, counted against the decompressed-size budget.
 */
final class Decompression implements FormatAnalyzer.Streaming {
  /** Decoder memory for xz/lzma dictionaries, in KiB; larger ones are a limit. */
  static final int XZ_MEMORY_KIB = 64 * 1024;

  /** How a compression is recognized and opened. */
  private record Codec(Format format, Predicate<byte[]> sniff, Opener open) {}

  @FunctionalInterface
  private interface Opener {
    InputStream open(InputStream raw) throws IOException;
  }

  private static final List<Codec> CODECS =
      List.of(
          new Codec(
              Format.GZIP,
              h -> h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b,
              raw -> new GZIPInputStream(raw, 64 * 1024)),
          new Codec(
              Format.BZIP2,
              h ->
                  h.length >= 10
                      && h[0] == 'B'
                      && h[1] == 'Z'
                      && h[2] == 'h'
                      && h[3] >= '1'
                      && h[3] <= '9'
                      && h[4] == 0x31
                      && h[5] == 0x41,
              raw -> new BZip2CompressorInputStream(raw, true)),
          new Codec(
              Format.XZ,
              h ->
                  h.length >= 6
                      && (h[0] & 0xff) == 0xfd
                      && h[1] == '7'
                      && h[2] == 'z'
                      && h[3] == 'X'
                      && h[4] == 'Z'
                      && h[5] == 0,
              raw -> new XZInputStream(raw, XZ_MEMORY_KIB)),
          new Codec(
              Format.LZMA,
              h -> h.length >= 13 && (h[0] & 0xff) == 0x5d && h[1] == 0 && h[2] == 0,
              raw -> new LZMAInputStream(raw, XZ_MEMORY_KIB)),
          new Codec(
              Format.ZLIB,
              h ->
                  h.length >= 2
                      && (h[0] & 0xff) == 0x78
                      && (((h[0] & 0xff) << 8) | (h[1] & 0xff)) % 31 == 0
                      && ((h[1] & 0x20) == 0),
              raw -> new InflaterInputStream(raw, new Inflater(), 64 * 1024)));

  @Override
  public Format format() {
    return Format.GZIP;
  }

  private static Codec codec(byte[] head) {
    for (Codec c : CODECS) if (c.sniff().test(head)) return c;
    return null;
  }

  /** The compression the bytes start with, or null. */
  static Format compression(byte[] head) {
    Codec c = codec(head);
    return c == null ? null : c.format();
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return codec(head) != null;
  }

  @Override
  public boolean streams(byte[] head) {
    return codec(head) != null;
  }

  @Override
  public Format analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    return decompress(
        d, codec(b.bytes(0, Dispatcher.HEAD)), b.stream(0, b.size()), member, depth, true);
  }

  @Override
  public Format analyzeStream(Dispatcher d, InputStream in, String member, int depth)
      throws IOException {
    in.mark(Dispatcher.HEAD);
    byte[] h = in.readNBytes(Dispatcher.HEAD);
    in.reset();
    return decompress(d, codec(h), in, member, depth, false);
  }

  /**
   * Decompresses and analyzes. With {@code sniffed}, returns null when the bytes turn out not to be
   * compressed at all (a raw file that merely starts like a zlib header).
   */
  private static Format decompress(
      Dispatcher d, Codec c, InputStream raw, String member, int depth, boolean sniffed)
      throws IOException {
    ScanContext ctx = d.ctx();
    if (d.nestingReached(depth, member, "")) return c.format();
    InputStream in;
    try {
      in =
          new BufferedInputStream(
              new CountedStream(c.open().open(raw), ctx::countDecompressed), 64 * 1024);
      in.mark(16);
      int b0 = in.read();
      if (b0 < 0 && sniffed) return null;
      in.reset();
    } catch (org.tukaani.xz.MemoryLimitException e) {
      ctx.limit(member, 0, c.format().id() + " dictionary exceeds the memory limit");
      return c.format();
    } catch (IOException e) {
      if (sniffed) return null;
      ctx.unreadable(member, 0, c.format().id() + " stream is corrupt: " + e.getMessage());
      return c.format();
    }
    ctx.format(c.format());
    try {
      d.analyzeStream(in, member, "", depth + 1);
    } catch (IOException e) {
      ctx.unreadable(
          member, -1, c.format().id() + " stream is corrupt or truncated: " + e.getMessage());
    }
    return c.format();
  }
}
