package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
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
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Whole-file compressions (joblib's and {@code to_pickle}'s gzip, bz2, xz, lzma, zlib, zstd): the
 * decompressed bytes stream into the dispatcher, counted against the decompressed-size budget.
 */
final class Decompression implements FormatAnalyzer.Streaming {
  /**
   * Decoder memory for xz/lzma dictionaries, in KiB; larger ones are a limit. The highest preset
   * (xz/lzma -9, what joblib's compress=('xz', 9) writes) has a 64 MiB dictionary and needs about
   * 65 MiB to decode: 66 MiB admits every standard preset and nothing much larger.
   */
  static final int XZ_MEMORY_KIB = 66 * 1024;

  private static final byte[] LZ4_FRAME = {0x04, 0x22, 0x4d, 0x18};

  /** A zstd frame's magic number, little endian (RFC 8878 section 3.1.1). */
  private static final byte[] ZSTD_FRAME = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

  /** How a compression is recognized and opened. */
  private record Codec(FileFormat format, Predicate<byte[]> sniff, Opener open) {}

  @FunctionalInterface
  private interface Opener {
    InputStream open(InputStream raw) throws IOException;
  }

  private static final List<Codec> CODECS =
      List.of(
          new Codec(
              FileFormat.GZIP,
              h -> h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b,
              raw -> new GZIPInputStream(raw, 64 * 1024)),
          new Codec(
              FileFormat.BZIP2,
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
              FileFormat.XZ,
              h ->
                  h.length >= 6
                      && (h[0] & 0xff) == 0xfd
                      && h[1] == '7'
                      && h[2] == 'z'
                      && h[3] == 'X'
                      && h[4] == 'Z'
                      && h[5] == 0,
              raw -> new XZInputStream(raw, XZ_MEMORY_KIB, true, Decompression.ARRAYS)),
          new Codec(
              FileFormat.LZMA,
              h -> h.length >= 13 && (h[0] & 0xff) == 0x5d && h[1] == 0 && h[2] == 0,
              raw -> new LZMAInputStream(raw, XZ_MEMORY_KIB, Decompression.ARRAYS)),
          new Codec(
              FileFormat.ZLIB,
              h ->
                  h.length >= 2
                      && (h[0] & 0xff) == 0x78
                      && (((h[0] & 0xff) << 8) | (h[1] & 0xff)) % 31 == 0
                      && ((h[1] & 0x20) == 0),
              raw -> new InflaterInputStream(raw, new Inflater(), 64 * 1024)),
          // joblib's lz4 (lz4.frame): commons-compress's pure-Java decoder, concatenated frames
          new Codec(
              FileFormat.LZ4,
              h -> FormatAnalyzer.startsWith(h, LZ4_FRAME),
              raw -> new FramedLZ4CompressorInputStream(raw, true)),
          // pandas' .zst (read_pickle infers zstd from the name): aircompressor's pure-Java decoder
          new Codec(
              FileFormat.ZSTD, h -> FormatAnalyzer.startsWith(h, ZSTD_FRAME), Decompression::zstd),
          new Codec(FileFormat.JOBLIB_ZF, Decompression::isZfile, Decompression::zfile));

  /**
   * The largest zstd window admitted, as the reference decoder's default limit (window log 27): the
   * decoder allocates the window the frame header asks for, up to 3.75 TiB.
   */
  static final long ZSTD_MAX_WINDOW = 1L << 27;

  private static InputStream zstd(InputStream raw) throws IOException {
    InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 64);
    in.mark(32);
    byte[] h = in.readNBytes(18);
    in.reset();
    long window = zstdWindow(h);
    if (window < 0) throw new IOException("zstd frame header is truncated");
    if (window > ZSTD_MAX_WINDOW)
      throw new LimitException("zstd window of " + window + " bytes exceeds the memory limit");
    return new io.airlift.compress.zstd.ZstdInputStream(in);
  }

  /** The window size a zstd frame header declares (RFC 8878 3.1.1.1), or -1 when truncated. */
  static long zstdWindow(byte[] h) {
    if (h.length < 6) return -1;
    int fhd = h[4] & 0xff;
    if ((fhd & 0x20) == 0) {
      int wd = h[5] & 0xff;
      long base = 1L << (10 + (wd >>> 3));
      return base + (base / 8) * (wd & 7);
    }
    // single segment: the window is the frame content size
    int dictBytes = new int[] {0, 1, 2, 4}[fhd & 3];
    int fcsBytes = new int[] {1, 2, 4, 8}[fhd >>> 6];
    int at = 5 + dictBytes;
    if (h.length < at + fcsBytes) return -1;
    long size = 0;
    for (int i = fcsBytes - 1; i >= 0; i--) size = (size << 8) | (h[at + i] & 0xff);
    if (fcsBytes == 2) size += 256;
    return size < 0 ? Long.MAX_VALUE : size;
  }

  /** A decoder that would need more memory than the scan admits. */
  private static final class LimitException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitException(String message) {
      super(message);
    }
  }

  /** joblib &lt; 0.10: {@code ZF}, the data length as {@code 0x...} padded to 19, zlib data. */
  private static final int ZF_HEADER = 2 + 19;

  private static boolean isZfile(byte[] h) {
    if (h.length < ZF_HEADER + 2 || h[0] != 'Z' || h[1] != 'F' || h[2] != '0' || h[3] != 'x')
      return false;
    int i = 4;
    while (i < ZF_HEADER && Character.digit(h[i], 16) >= 0) i++;
    if (i == 4) return false;
    while (i < ZF_HEADER && h[i] == ' ') i++;
    if (i < ZF_HEADER) return false;
    // joblib <= 0.8.4 wrote one more space; the zlib data never starts with one
    if (h[i] == ' ') i++;
    return i + 1 < h.length && (h[i] & 0xff) == 0x78;
  }

  private static InputStream zfile(InputStream raw) throws IOException {
    byte[] h = raw.readNBytes(ZF_HEADER);
    if (h.length < ZF_HEADER) throw new IOException("ZF header is truncated");
    InputStream in = new java.io.PushbackInputStream(raw, 1);
    int next = in.read();
    if (next != ' ' && next >= 0) ((java.io.PushbackInputStream) in).unread(next);
    return new InflaterInputStream(in, new Inflater(), 64 * 1024);
  }

  @Override
  public FileFormat format() {
    return FileFormat.GZIP;
  }

  private static Codec codec(byte[] head) {
    for (Codec c : CODECS) if (c.sniff().test(head)) return c;
    return null;
  }

  /** The compression the bytes start with, or null. */
  static FileFormat compression(byte[] head) {
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
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    return decompress(
        d, codec(b.bytes(0, Dispatcher.HEAD)), b.stream(0, b.size()), member, depth, true);
  }

  @Override
  public FileFormat analyzeStream(Dispatcher d, InputStream in, String member, int depth)
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
  private static FileFormat decompress(
      Dispatcher d, Codec c, InputStream raw, String member, int depth, boolean sniffed)
      throws IOException {
    ScanContext ctx = d.ctx();
    if (d.nestingReached(depth, member, "")) return c.format();
    InputStream in;
    // closing the decoder returns its buffers (xz dictionaries, inflaters), never the source
    InputStream shielded =
        new java.io.FilterInputStream(raw) {
          @Override
          public void close() {}
        };
    try {
      in =
          new BufferedInputStream(
              new CountedStream(c.open().open(shielded), ctx::countDecompressed), 8 * 1024);
      in.mark(16);
      int b0 = in.read();
      if (b0 < 0 && sniffed) return null;
      in.reset();
    } catch (org.tukaani.xz.MemoryLimitException e) {
      ctx.limit(member, 0, c.format().id() + " dictionary exceeds the memory limit");
      return c.format();
    } catch (LimitException e) {
      ctx.limit(member, 0, e.getMessage());
      return c.format();
    } catch (IOException | io.airlift.compress.MalformedInputException e) {
      // aircompressor reports a corrupt zstd frame as an unchecked MalformedInputException; a
      // 4-byte zstd magic is never a raw file's accident, so a corrupt frame is unreadable
      if (sniffed && c.format() != FileFormat.ZSTD) return null;
      ctx.unreadable(member, 0, c.format().id() + " stream is corrupt: " + e.getMessage());
      return c.format();
    }
    ctx.format(c.format());
    try (InputStream decoded = in) {
      d.analyzeStream(decoded, member, "", depth + 1);
    } catch (IOException | io.airlift.compress.MalformedInputException e) {
      ctx.unreadable(
          member, -1, c.format().id() + " stream is corrupt or truncated: " + e.getMessage());
    }
    return c.format();
  }

  /**
   * xz and lzma decoders allocate their dictionary (8 MiB for the default preset) per stream;
   * reusing freed ones saves zeroing megabytes for every small compressed file of a directory.
   * Thread-safe, and its arrays are soft references the collector may take back.
   */
  private static final org.tukaani.xz.ArrayCache ARRAYS =
      org.tukaani.xz.BasicArrayCache.getInstance();
}
