package dev.mlsec.scan.format;

import dev.mlsec.scan.format.Hdf5Objects.Filter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes an HDF5 filter pipeline on one chunk's stored bytes: fletcher32, deflate, shuffle and lzf
 * (h5py's and PyTables' filter 32000: raw LZF blocks as liblzf writes them). Filters run in
 * pipeline order when a chunk is written, so they are undone last to first, leaving out those the
 * chunk's mask says were skipped. Every stage stops at a byte budget.
 */
public final class Hdf5Pipeline {
  public static final int DEFLATE = 1;
  public static final int SHUFFLE = 2;
  public static final int FLETCHER32 = 3;
  public static final int LZF = 32000;
  public static final int BLOSC = 32001;
  public static final int LZ4 = 32004;
  public static final int BZIP2 = 307;
  public static final int LZO = 305;

  /** A filter, or a variant of one (a blosc codec), that is not decoded. */
  public static final class Undecoded extends Exception {
    private static final long serialVersionUID = 1L;

    Undecoded(String message) {
      super(message, null, false, false);
    }
  }

  private static boolean decoded(int id) {
    return id == DEFLATE
        || id == SHUFFLE
        || id == FLETCHER32
        || id == LZF
        || id == BLOSC
        || id == LZ4
        || id == BZIP2
        || id == LZO;
  }

  private Hdf5Pipeline() {}

  /** The first filter that is not decoded here, or null when all are. */
  public static Filter undecoded(List<Filter> filters) {
    for (Filter f : filters) if (!decoded(f.id())) return f;
    return null;
  }

  /**
   * Whether the whole-file search already reads these chunks as they are: zlib streams are found by
   * their header wherever they are, fletcher32 only appends a checksum, and shuffling 1-byte
   * elements moves nothing.
   */
  public static boolean searchedAsIs(List<Filter> filters, int elementSize) {
    for (Filter f : filters) {
      boolean asIs =
          f.id() == DEFLATE
              || f.id() == FLETCHER32
              || f.id() == SHUFFLE && shuffleSize(f, elementSize) <= 1;
      if (!asIs) return false;
    }
    return true;
  }

  /** Whether the pipeline shuffles elements wider than a byte (undone on the whole chunk only). */
  public static boolean shufflesWide(List<Filter> filters, int elementSize) {
    for (Filter f : filters) if (f.id() == SHUFFLE && shuffleSize(f, elementSize) > 1) return true;
    return false;
  }

  private static int shuffleSize(Filter f, int elementSize) {
    return f.value(0) > 0 ? f.value(0) : elementSize;
  }

  /**
   * The chunk's data, at most {@code max} bytes of it (a longer chunk is cut there). Corrupt
   * compressed data ends the output where it breaks: the library would fail there too.
   */
  public static byte[] decode(
      List<Filter> filters, Hdf5Objects.Chunk chunk, int elementSize, byte[] stored, int max)
      throws Undecoded {
    byte[] data = stored;
    for (int i = filters.size() - 1; i >= 0; i--) {
      if (chunk.skips(i)) continue;
      Filter f = filters.get(i);
      data =
          switch (f.id()) {
            case FLETCHER32 -> Arrays.copyOf(data, Math.max(0, data.length - 4));
            case DEFLATE -> inflate(data, max);
            case LZF -> lzf(data, max);
            case SHUFFLE -> unshuffle(data, shuffleSize(f, elementSize));
            case BLOSC -> blosc(data, max);
            case LZ4 -> lz4(data, max);
            case BZIP2 -> stream(new ByteArrayInputStream(data), max, true);
            case LZO -> lzo1x(data, max);
            default -> throw new Undecoded("filter " + f.id());
          };
    }
    return data.length > max ? Arrays.copyOf(data, max) : data;
  }

  static byte[] inflate(byte[] in, int max) {
    Inflater inf = new Inflater();
    try {
      inf.setInput(in);
      byte[] out = new byte[Math.min(max, Math.max(64, in.length * 4))];
      int len = 0;
      while (len < max && !inf.finished()) {
        if (len == out.length) out = Arrays.copyOf(out, (int) Math.min(max, out.length * 2L));
        int got = inf.inflate(out, len, out.length - len);
        if (got == 0 && (inf.needsInput() || inf.needsDictionary())) break;
        len += got;
      }
      return Arrays.copyOf(out, len);
    } catch (DataFormatException e) {
      return new byte[0];
    } finally {
      inf.end();
    }
  }

  /**
   * liblzf's format: a control byte below 32 copies that many plus one literal bytes; above, its
   * top three bits are a length (7: plus the next byte) and the rest with the next byte a distance
   * back into the output, copied byte by byte (it may overlap).
   */
  static byte[] lzf(byte[] in, int max) {
    byte[] out = new byte[Math.min(max, Math.max(64, in.length * 2))];
    int op = 0;
    int ip = 0;
    while (ip < in.length && op < max) {
      int ctrl = in[ip++] & 0xff;
      if (ctrl < 32) {
        int n = ctrl + 1;
        if (ip + n > in.length) break;
        n = Math.min(n, max - op);
        out = room(out, op + n, max);
        System.arraycopy(in, ip, out, op, n);
        ip += n;
        op += n;
      } else {
        int len = ctrl >> 5;
        int ref = op - ((ctrl & 0x1f) << 8) - 1;
        if (len == 7) {
          if (ip >= in.length) break;
          len += in[ip++] & 0xff;
        }
        if (ip >= in.length) break;
        ref -= in[ip++] & 0xff;
        len += 2;
        if (ref < 0) break; // points before the output: corrupt
        len = Math.min(len, max - op);
        out = room(out, op + len, max);
        for (int k = 0; k < len; k++) out[op++] = out[ref++];
      }
    }
    return Arrays.copyOf(out, op);
  }

  /**
   * One blosc 1.x buffer: a 16-byte header (version, codec version, flags, type size, sizes), then
   * either the data as it is (flag 2) or the offsets of its blocks, each block in one or type-size
   * streams (a length, then the codec's bytes, or the bytes as they are when the length is the
   * stream's size), byte-shuffled by type size when flag 1 is set.
   */
  static byte[] blosc(byte[] in, int max) throws Undecoded {
    if (in.length < 16) return new byte[0];
    int flags = in[2] & 0xff;
    int typesize = Math.max(1, in[3] & 0xff);
    long nbytes = le32(in, 4);
    long blocksize = le32(in, 8);
    int out = (int) Math.min(nbytes, max);
    if ((flags & 0x02) != 0) return Arrays.copyOfRange(in, 16, Math.min(in.length, 16 + out));
    int codec = flags >> 5;
    if ((flags & 0x04) != 0) throw new Undecoded("blosc with bit shuffle");
    if (codec > 3) throw new Undecoded("blosc with codec " + (codec == 4 ? "zstd" : "" + codec));
    if (blocksize <= 0 || nbytes <= 0) return new byte[0];
    long blocks = (nbytes + blocksize - 1) / blocksize;
    if (16 + 4 * blocks > in.length) return new byte[0];
    byte[] res = new byte[out];
    int done = 0;
    if (blocksize > MAX_BLOSC_BLOCK) return new byte[0]; // c-blosc's blocks are far smaller
    for (int j = 0; j < blocks && done < out; j++) {
      boolean leftover = j == blocks - 1 && nbytes % blocksize != 0;
      int bsize = (int) (leftover ? nbytes % blocksize : blocksize);
      boolean split = (flags & 0x10) == 0 && typesize <= 16 && bsize / typesize >= 128 && !leftover;
      int streams = split ? typesize : 1;
      int ssize = bsize / streams;
      byte[] block = new byte[bsize];
      long at = le32(in, 16 + 4 * j);
      for (int k = 0; k < streams; k++) {
        if (at < 0 || at + 4 > in.length) return Arrays.copyOf(res, done);
        long clen = le32(in, (int) at);
        at += 4;
        if (clen < 0 || at + clen > in.length) return Arrays.copyOf(res, done);
        byte[] part =
            clen == ssize
                ? Arrays.copyOfRange(in, (int) at, (int) (at + clen))
                : switch (codec) {
                  case 0 -> blosclz(in, (int) at, (int) clen, ssize);
                  case 1 -> stream(lz4Block(in, (int) at, (int) clen), ssize, false);
                  case 2 -> stream(snappy(in, (int) at, (int) clen), ssize, false);
                  default -> inflate(Arrays.copyOfRange(in, (int) at, (int) (at + clen)), ssize);
                };
        System.arraycopy(part, 0, block, k * ssize, Math.min(part.length, ssize));
        at += clen;
      }
      if ((flags & 0x01) != 0) block = unshuffle(block, typesize);
      int n = Math.min(bsize, out - done);
      System.arraycopy(block, 0, res, done, n);
      done += n;
    }
    return res;
  }

  // a block is decoded whole (its streams and shuffle span it)
  private static final int MAX_BLOSC_BLOCK = 16 << 20;

  private static long le32(byte[] b, int at) {
    if (at < 0 || at + 4 > b.length) return -1;
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  private static long be(byte[] b, int at, int n) {
    if (at < 0 || at + n > b.length) return -1;
    long v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | (b[at + i] & 0xff);
    return v;
  }

  /**
   * c-blosc's blosclz (a FastLZ variant): a control byte below 32 copies that many plus one
   * literals; above, its top three bits less one are a length (6: plus bytes up to one below 255)
   * plus 3, its low five bits with the next byte a distance (31, 255: a 16-bit distance follows,
   * plus 8191), copied from one byte further back.
   */
  static byte[] blosclz(byte[] in, int from, int length, int max) {
    byte[] out = new byte[max];
    int ip = from;
    int end = from + length;
    int op = 0;
    if (length == 0) return out;
    int ctrl = in[ip++] & 31;
    while (true) {
      if (ctrl >= 32) {
        int len = (ctrl >> 5) - 1;
        int ofs = (ctrl & 31) << 8;
        int code;
        if (len == 6) {
          do {
            if (ip + 1 >= end) return Arrays.copyOf(out, op);
            code = in[ip++] & 0xff;
            len += code;
          } while (code == 255);
        } else if (ip + 1 >= end) return Arrays.copyOf(out, op);
        code = in[ip++] & 0xff;
        len += 3;
        int ref = op - ofs - code;
        if (code == 255 && ofs == 31 << 8) {
          if (ip + 1 >= end) return Arrays.copyOf(out, op);
          ofs = (in[ip++] & 0xff) << 8;
          ofs += in[ip++] & 0xff;
          ref = op - ofs - 8191;
        }
        ref--;
        if (op + len > max || ref < 0) return Arrays.copyOf(out, op);
        for (int k = 0; k < len; k++) out[op++] = out[ref++];
      } else {
        ctrl++;
        if (op + ctrl > max || ip + ctrl > end) return Arrays.copyOf(out, op);
        System.arraycopy(in, ip, out, op, ctrl);
        op += ctrl;
        ip += ctrl;
      }
      if (ip >= end) break;
      ctrl = in[ip++] & 0xff;
    }
    return Arrays.copyOf(out, op);
  }

  /**
   * LZO1X (minilzo's lzo1x_decompress_safe): literal runs and four kinds of matches (M1-M4) told
   * apart by the instruction byte; an M4 of distance 0 ends the stream (PyTables may append a
   * checksum after it, which is not read). Reads past the input or before the output end it.
   */
  static byte[] lzo1x(byte[] in, int max) {
    Lzo z = new Lzo(in, max);
    try {
      z.run();
    } catch (IndexOutOfBoundsException e) {
      // cut or corrupt: what was decoded stands
    }
    return Arrays.copyOf(z.out, z.op);
  }

  private static final class Lzo {
    final byte[] in;
    final byte[] out;
    int ip;
    int op;

    Lzo(byte[] in, int max) {
      this.in = in;
      this.out = new byte[max];
    }

    int next() {
      return in[ip++] & 0xff;
    }

    int count(int t, int bias) {
      if (t != 0) return t;
      while (in[ip] == 0) {
        t += 255;
        ip++;
        if (t > out.length) throw new IndexOutOfBoundsException("run longer than the output");
      }
      return t + bias + next();
    }

    void literals(int n) {
      if (op + n > out.length) throw new IndexOutOfBoundsException("output full");
      System.arraycopy(in, ip, out, op, n);
      ip += n;
      op += n;
    }

    void copy(int from, int n) {
      if (from < 0 || op + n > out.length) throw new IndexOutOfBoundsException("bad match");
      for (int k = 0; k < n; k++) out[op++] = out[from++];
    }

    /** minilzo's gotos as states: a literal run, the match after it, matches and their tails. */
    void run() {
      final int outer = 0;
      final int afterLiterals = 1;
      final int match = 2;
      final int done = 3;
      final int tail = 4;
      int state = outer;
      int t = 0;
      if ((in[0] & 0xff) > 17) {
        t = next() - 17;
        if (t < 4) state = tail;
        else {
          literals(t);
          state = afterLiterals;
        }
      }
      while (true) {
        switch (state) {
          case outer -> {
            t = next();
            if (t >= 16) state = match;
            else {
              literals(count(t, 15) + 3);
              state = afterLiterals;
            }
          }
          case afterLiterals -> {
            t = next();
            if (t >= 16) state = match;
            else {
              copy(op - (1 + 0x0800) - (t >> 2) - (next() << 2), 3);
              state = done;
            }
          }
          case match -> {
            if (!match(t)) return;
            state = done;
          }
          case done -> {
            t = in[ip - 2] & 3;
            state = t == 0 ? outer : tail;
          }
          default -> {
            literals(t);
            t = next();
            state = match;
          }
        }
      }
    }

    /** One match (M1-M4) of instruction {@code t}; false at the end-of-stream marker. */
    boolean match(int t) {
      int from;
      int len;
      if (t >= 64) {
        from = op - 1 - ((t >> 2) & 7) - (next() << 3);
        len = (t >> 5) + 1;
      } else if (t >= 32) {
        len = count(t & 31, 31) + 2;
        from = op - 1 - ((in[ip] & 0xff) >> 2) - ((in[ip + 1] & 0xff) << 6);
        ip += 2;
      } else if (t >= 16) {
        int far = (t & 8) << 11;
        len = count(t & 7, 7) + 2;
        int dist = far + ((in[ip] & 0xff) >> 2) + ((in[ip + 1] & 0xff) << 6);
        ip += 2;
        if (dist == 0) return false;
        from = op - dist - 0x4000;
      } else {
        from = op - 1 - (t >> 2) - (next() << 2);
        len = 2;
      }
      copy(from, len);
      return true;
    }
  }

  private static InputStream lz4Block(byte[] in, int at, int len) {
    return new org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream(
        new ByteArrayInputStream(in, at, len));
  }

  private static InputStream snappy(byte[] in, int at, int len) {
    try {
      return new org.apache.commons.compress.compressors.snappy.SnappyCompressorInputStream(
          new ByteArrayInputStream(in, at, len), 1 << 16);
    } catch (IOException e) {
      return new ByteArrayInputStream(new byte[0]);
    }
  }

  /**
   * The lz4 filter (32004): the original size (8 bytes, big-endian), a block size (4), then per
   * block its stored length (4) and an LZ4 block, or the bytes as they are when that length is the
   * block's size.
   */
  static byte[] lz4(byte[] in, int max) throws Undecoded {
    long total = be(in, 0, 8);
    long block = be(in, 8, 4);
    if (total <= 0 || block <= 0) return new byte[0];
    int out = (int) Math.min(total, max);
    byte[] res = new byte[out];
    int done = 0;
    int at = 12;
    while (done < out) {
      long clen = be(in, at, 4);
      at += 4;
      if (clen < 0 || at + clen > in.length) break;
      int bsize = (int) Math.min(block, total - done);
      byte[] part =
          clen == bsize
              ? Arrays.copyOfRange(in, at, (int) (at + clen))
              : stream(lz4Block(in, at, (int) clen), Math.min(bsize, out - done), false);
      int n = Math.min(part.length, out - done);
      System.arraycopy(part, 0, res, done, n);
      done += n;
      at += (int) clen;
      if (part.length < bsize) break;
    }
    return Arrays.copyOf(res, done);
  }

  /** Reads a decompressing stream up to {@code max} bytes; corrupt data ends it. */
  private static byte[] stream(InputStream s, int max, boolean bzip2) {
    byte[] out = new byte[Math.min(max, 64 * 1024)];
    int len = 0;
    try (InputStream in =
        bzip2
            ? new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(s)
            : s) {
      while (len < max) {
        if (len == out.length) out = Arrays.copyOf(out, (int) Math.min(max, out.length * 2L));
        int n = in.read(out, len, out.length - len);
        if (n < 0) break;
        len += n;
      }
    } catch (IOException | RuntimeException e) {
      // commons-compress reports some corrupt data as unchecked exceptions: the data ends there
    }
    return Arrays.copyOf(out, len);
  }

  private static byte[] room(byte[] out, int need, int max) {
    if (need <= out.length) return out;
    return Arrays.copyOf(out, (int) Math.min(max, Math.max(need, out.length * 2L)));
  }

  /** H5Z_filter_shuffle undone: byte k of every element was stored in the k-th plane. */
  static byte[] unshuffle(byte[] in, int size) {
    if (size <= 1 || in.length < size) return in;
    int n = in.length / size;
    byte[] out = new byte[in.length];
    for (int k = 0; k < size; k++) for (int j = 0; j < n; j++) out[j * size + k] = in[k * n + j];
    System.arraycopy(in, n * size, out, n * size, in.length - n * size);
    return out;
  }
}
