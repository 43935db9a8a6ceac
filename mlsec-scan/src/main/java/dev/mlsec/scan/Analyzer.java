package dev.mlsec.scan;

import dev.mlsec.scan.archive.TarDirectory;
import dev.mlsec.scan.archive.TarEntry;
import dev.mlsec.scan.archive.ZipDirectory;
import dev.mlsec.scan.archive.ZipEntry;
import dev.mlsec.scan.format.Gguf;
import dev.mlsec.scan.format.Hdf5;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.format.Npy;
import dev.mlsec.scan.format.Protobuf;
import dev.mlsec.scan.format.Safetensors;
import dev.mlsec.scan.format.TorchScriptCode;
import dev.mlsec.scan.io.ArrayBlob;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.deflate64.Deflate64CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/** Sniffs bytes by content and hands them to the matching format analysis, recursively. */
final class Analyzer {
  private static final Pattern TORCH_STORAGE = Pattern.compile("^(.*/)?(data|constants)/\\d+$");
  private static final int XZ_MEMORY_KIB = 64 * 1024;
  private final ScanContext ctx;

  Analyzer(ScanContext ctx) {
    this.ctx = ctx;
  }

  // ---------------------------------------------------------------- sniffing

  static boolean isPickleStart(byte[] h) {
    return h.length >= 2 && (h[0] & 0xff) == 0x80 && (h[1] & 0xff) <= 5;
  }

  static Format compression(byte[] h) {
    if (h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) return Format.GZIP;
    if (h.length >= 10
        && h[0] == 'B'
        && h[1] == 'Z'
        && h[2] == 'h'
        && h[3] >= '1'
        && h[3] <= '9'
        && h[4] == 0x31
        && h[5] == 0x41) return Format.BZIP2;
    if (h.length >= 6
        && (h[0] & 0xff) == 0xfd
        && h[1] == '7'
        && h[2] == 'z'
        && h[3] == 'X'
        && h[4] == 'Z'
        && h[5] == 0) return Format.XZ;
    if (h.length >= 13 && (h[0] & 0xff) == 0x5d && h[1] == 0 && h[2] == 0) return Format.LZMA;
    if (h.length >= 2
        && (h[0] & 0xff) == 0x78
        && (((h[0] & 0xff) << 8) | (h[1] & 0xff)) % 31 == 0
        && ((h[1] & 0x20) == 0)) return Format.ZLIB;
    return null;
  }

  static boolean startsWith(byte[] h, byte[] magic) {
    if (h.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if (h[i] != magic[i]) return false;
    return true;
  }

  private static final byte[] NPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] GGUF = {'G', 'G', 'U', 'F'};

  // ---------------------------------------------------------------- random access

  /** Analyzes a random-access blob; returns the format found. */
  Format analyze(Blob b, String member, String name, int depth) throws IOException {
    ctx.checkTime();
    Format f = sniffAndScan(b, member, depth);
    checkName(name, f, member);
    return f;
  }

  private Format sniffAndScan(Blob b, String member, int depth) throws IOException {
    byte[] h = b.bytes(0, 1024);
    if (h.length == 0) return Format.UNKNOWN;
    long eocd = ZipDirectory.findEnd(b);
    if (eocd >= 0 || (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4))
      return zip(b, member, depth, eocd);
    if (startsWith(h, NPY)) {
      ctx.format(Format.NUMPY);
      Npy.analyze(ctx, b.stream(0, b.size()), b.size(), member);
      return Format.NUMPY;
    }
    if (startsWith(h, GGUF)) {
      ctx.format(Format.GGUF);
      Gguf.analyze(ctx, b, member);
      return Format.GGUF;
    }
    if (startsWith(h, HDF5) || hdf5AtUserBlock(b)) {
      ctx.format(Format.HDF5);
      return Hdf5.analyze(ctx, b, member) ? Format.KERAS_H5 : Format.HDF5;
    }
    Format c = compression(h);
    if (c != null) {
      Format r = decompress(c, b.stream(0, b.size()), member, depth, true);
      if (r != null) return r;
    }
    if (TarDirectory.sniff(h)) return tar(b, member, depth);
    if (Safetensors.sniff(h, b.size())) {
      ctx.format(Format.SAFETENSORS);
      Safetensors.analyze(ctx, b, member);
      return Format.SAFETENSORS;
    }
    if (isPickleStart(h)) {
      boolean joblibBefore = ctx.formats().contains(Format.JOBLIB.id());
      Format f = pickle(b.stream(0, b.size()), b.size(), member, false);
      if (!joblibBefore && ctx.formats().contains(Format.JOBLIB.id())) {
        // pickle.load reads joblib's raw array bytes as opcodes: judge that reading too
        PickleScanner.scan(
            ctx, b.stream(0, b.size()), b.size(), member, false, true, " (read as a plain pickle)");
      }
      return f;
    }
    int first = firstNonSpace(h);
    if (first == '{') {
      if (b.size() <= ctx.limits().maxHeaderBytes()) {
        ctx.format(Format.JSON);
        KerasConfig.analyzeJson(ctx, b.bytes(0, (int) b.size()), member, 0);
        return Format.JSON;
      }
    }
    Format pb = Protobuf.analyze(ctx, b, member);
    if (pb != null) {
      if (b.size() <= ctx.limits().maxHeaderBytes()) Hdf5.analyze(ctx, b, member);
      return pb;
    }
    // Keras configs also hide in other containers (keras_metadata.pb, custom formats)
    if (b.size() <= ctx.limits().maxHeaderBytes() && Hdf5.analyze(ctx, b, member)) {
      ctx.format(Format.JSON);
      return Format.JSON;
    }
    // protocol 0/1 pickles have no header: try, and keep only what a real pickle would show
    PickleScanner.Result r =
        PickleScanner.scan(ctx, b.stream(0, b.size()), b.size(), member, true, true);
    if (r.pickles() > 0) {
      ctx.format(Format.PICKLE);
      return Format.PICKLE;
    }
    return Format.UNKNOWN;
  }

  private static boolean hdf5AtUserBlock(Blob b) throws IOException {
    for (long off = 512; off <= 8192 && off + 8 <= b.size(); off *= 2)
      if (startsWith(b.bytes(off, 8), HDF5)) return true;
    return false;
  }

  private static int firstNonSpace(byte[] h) {
    for (byte x : h) if (x != ' ' && x != '\n' && x != '\r' && x != '\t') return x;
    return -1;
  }

  private Format pickle(InputStream in, long length, String member, boolean speculative)
      throws IOException {
    PickleScanner.Result r = PickleScanner.scan(ctx, in, length, member, true, speculative);
    Format f = r.legacyTorch() ? Format.PYTORCH_LEGACY : Format.PICKLE;
    ctx.format(f);
    return f;
  }

  // ---------------------------------------------------------------- streams

  /**
   * Analyzes sequential bytes (a decompressed stream): pickles and npy stream through, other
   * formats are buffered up to the limit.
   */
  Format analyzeStream(InputStream raw, String member, String name, int depth) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(1024);
    byte[] h = in.readNBytes(1024);
    in.reset();
    Format f;
    if (h.length == 0) f = Format.UNKNOWN;
    else if (isPickleStart(h)) f = pickle(in, -1, member, false);
    else if (startsWith(h, NPY)) {
      ctx.format(Format.NUMPY);
      Npy.analyze(ctx, in, -1, member);
      f = Format.NUMPY;
    } else if (compression(h) != null) {
      Format r = decompress(compression(h), in, member, depth, false);
      f = r == null ? Format.UNKNOWN : r;
    } else {
      byte[] all = bounded(in, member);
      if (all == null) return Format.UNKNOWN;
      return analyze(new ArrayBlob(all), member, name, depth);
    }
    checkName(name, f, member);
    return f;
  }

  private byte[] bounded(InputStream in, String member) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > ctx.limits().maxBufferedBytes()) {
        ctx.limit(
            member,
            -1,
            "member needs random access and is larger than the buffer limit of "
                + ctx.limits().maxBufferedBytes()
                + " bytes");
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Counts decompressed bytes against the budget as they are produced. */
  private final class Counted extends java.io.FilterInputStream {
    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) ctx.countDecompressed(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) ctx.countDecompressed(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r <= 0) break;
        done += r;
      }
      return done;
    }
  }

  /**
   * Decompresses and analyzes. With {@code sniffed}, returns null when the bytes turn out not to be
   * compressed at all (a raw file that merely starts like a zlib header).
   */
  private Format decompress(Format c, InputStream raw, String member, int depth, boolean sniffed)
      throws IOException {
    if (depth >= ctx.limits().maxNesting()) {
      ctx.limit(member, 0, "nesting limit of " + ctx.limits().maxNesting() + " reached");
      return c;
    }
    InputStream in;
    try {
      in =
          switch (c) {
            case GZIP -> new GZIPInputStream(raw, 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case XZ -> new XZInputStream(raw, XZ_MEMORY_KIB);
            case LZMA -> new LZMAInputStream(raw, XZ_MEMORY_KIB);
            default -> new InflaterInputStream(raw, new Inflater(), 64 * 1024);
          };
      in = new BufferedInputStream(new Counted(in), 64 * 1024);
      in.mark(16);
      int b0 = in.read();
      if (b0 < 0) {
        if (sniffed) return null;
      }
      in.reset();
    } catch (org.tukaani.xz.MemoryLimitException e) {
      ctx.limit(member, 0, c.id() + " dictionary exceeds the memory limit");
      return c;
    } catch (IOException e) {
      if (sniffed) return null;
      ctx.unreadable(member, 0, c.id() + " stream is corrupt: " + e.getMessage());
      return c;
    }
    ctx.format(c);
    String inner = member;
    try {
      analyzeStream(in, inner, "", depth + 1);
    } catch (IOException e) {
      ctx.unreadable(member, -1, c.id() + " stream is corrupt or truncated: " + e.getMessage());
    }
    return c;
  }

  // ---------------------------------------------------------------- zip

  private Format zip(Blob b, String member, int depth, long eocd) throws IOException {
    ctx.format(Format.ZIP);
    if (depth >= ctx.limits().maxNesting()) {
      ctx.limit(member, 0, "archive nesting limit of " + ctx.limits().maxNesting() + " reached");
      return Format.ZIP;
    }
    ZipDirectory dir = eocd < 0 ? null : ZipDirectory.read(b, ctx.limits().maxEntries());
    if (dir == null) {
      ctx.report(Rule.ZIP_MALFORMED, 0, member, List.of(), "zip local header without directory");
      ctx.unreadable(member, 0, "zip without end of central directory");
      return Format.ZIP;
    }
    for (String p : dir.problems()) ctx.report(Rule.ZIP_MALFORMED, -1, member, List.of(), p);
    if (!dir.problems().isEmpty()) ctx.markInconclusive();
    if (dir.truncatedEntries())
      ctx.limit(member, -1, "entry limit of " + ctx.limits().maxEntries() + " reached");
    List<ZipEntry> entries = dir.entries();
    Format flavor = zipFlavor(entries);
    if (flavor != Format.ZIP) ctx.format(flavor);
    if (dir.firstHeader() > 0) {
      ctx.report(
          Rule.ZIP_PREFIX,
          0,
          member,
          List.of(),
          dir.firstHeader() + " bytes precede the first zip entry; they are analyzed as well");
      if (depth + 1 <= ctx.limits().maxNesting())
        analyze(b.slice(0, dir.firstHeader()), join(member, "<prefix>"), "", depth + 1);
    }
    Set<String> names = new HashSet<>();
    Map<Long, String> starts = new HashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (ZipEntry e : entries) {
      ctx.checkTime();
      String path = join(member, e.name());
      if (!names.add(e.name()))
        ctx.report(
            Rule.ZIP_DUPLICATE,
            e.headerOffset(),
            member,
            List.of(),
            "entry name '" + e.name() + "' appears more than once; readers pick different ones");
      traversal(e.name(), e.headerOffset(), member);
      if (e.dataStart() < 0) {
        ctx.report(
            Rule.ZIP_MALFORMED,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "' has no readable local header");
        ctx.markInconclusive();
        continue;
      }
      if (!e.name().equals(e.localName())) {
        ctx.report(
            Rule.ZIP_NAME_MISMATCH,
            e.headerOffset(),
            member,
            List.of(),
            "central directory says '" + e.name() + "', local header says '" + e.localName() + "'");
        traversal(e.localName(), e.headerOffset(), member);
      }
      if (e.method() != e.localMethod() || (e.flags() & 0xfff1) != (e.localFlags() & 0xfff1))
        ctx.report(
            Rule.ZIP_FLAGS,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "': local and central method/flags differ");
      if (starts.putIfAbsent(e.dataStart(), e.name()) != null)
        ctx.report(
            Rule.ZIP_BOMB,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "' shares its data with '" + starts.get(e.dataStart()) + "'");
      else ranges.add(new long[] {e.headerOffset(), e.dataStart() + e.compressedSize()});
      if (e.compressedSize() < 0 || e.size() < 0) {
        ctx.report(Rule.ZIP_MALFORMED, e.headerOffset(), member, List.of(), "negative size");
        ctx.markInconclusive();
        continue;
      }
      if (e.method() != 0
          && e.compressedSize() > 0
          && e.size() / Math.max(1, e.compressedSize()) > 1000
          && e.size() > (64L << 20))
        ctx.report(
            Rule.ZIP_BOMB,
            e.headerOffset(),
            member,
            List.of(),
            "entry '"
                + e.name()
                + "' declares a compression ratio of "
                + e.size() / e.compressedSize()
                + ":1");
      if (e.isDirectory()) continue;
      if (e.encrypted()) {
        ctx.report(
            Rule.ZIP_FLAGS,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "' is encrypted and cannot be analyzed");
        ctx.markInconclusive();
        continue;
      }
      if ((flavor == Format.PYTORCH_ZIP || flavor == Format.TORCHSCRIPT)
          && TORCH_STORAGE.matcher(e.name()).matches()) {
        storage(b, e, path);
        continue;
      }
      member(b, e, path, depth, flavor == Format.TORCHSCRIPT && TorchScriptCode.isCode(e.name()));
    }
    overlaps(ranges, member);
    return flavor;
  }

  /**
   * Tensor storages are raw data torch never unpickles; only a storage that starts like a pickle is
   * read (speculatively: random floats must not raise false alarms).
   */
  private void storage(Blob b, ZipEntry e, String path) throws IOException {
    if (e.method() != 0 || e.compressedSize() < 2) return;
    byte[] h = b.bytes(e.dataStart(), 2);
    if (!isPickleStart(h)) return;
    PickleScanner.scan(
        ctx,
        b.stream(e.dataStart(), e.compressedSize()),
        e.compressedSize(),
        path,
        false,
        true,
        " (in a tensor storage entry)");
  }

  private void overlaps(List<long[]> ranges, String member) {
    ranges.sort((x, y) -> Long.compare(x[0], y[0]));
    for (int i = 1; i < ranges.size(); i++)
      if (ranges.get(i)[0] < ranges.get(i - 1)[1]) {
        ctx.report(
            Rule.ZIP_BOMB,
            ranges.get(i)[0],
            member,
            List.of(),
            "zip entries overlap (entry at " + ranges.get(i)[0] + ")");
        return;
      }
  }

  private void traversal(String name, long off, String member) {
    String n = name.replace('\\', '/');
    boolean abs = n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':');
    boolean up = false;
    for (String s : n.split("/")) if (s.equals("..")) up = true;
    if (abs || up)
      ctx.report(
          Rule.ZIP_PATH_TRAVERSAL,
          off,
          member,
          List.of(),
          "entry name '" + name + "' is " + (abs ? "absolute" : "escaping with '..'"));
  }

  static Format zipFlavor(List<ZipEntry> entries) {
    boolean dataPkl = false;
    boolean torchScript = false;
    boolean allNpy = !entries.isEmpty();
    boolean kerasConfig = false;
    boolean kerasWeights = false;
    for (ZipEntry e : entries) {
      String n = e.name();
      if (n.equals("data.pkl") || n.endsWith("/data.pkl")) dataPkl = true;
      if (n.endsWith("/constants.pkl") || n.contains("/code/__torch__/")) torchScript = true;
      if (!n.endsWith(".npy")) allNpy = false;
      if (n.equals("config.json")) kerasConfig = true;
      if (n.equals("model.weights.h5") || n.equals("metadata.json")) kerasWeights = true;
    }
    if (torchScript && dataPkl) return Format.TORCHSCRIPT;
    if (dataPkl) return Format.PYTORCH_ZIP;
    if (allNpy) return Format.NUMPY_ZIP;
    if (kerasConfig && kerasWeights) return Format.KERAS_ZIP;
    return Format.ZIP;
  }

  private void member(Blob b, ZipEntry e, String path, int depth, boolean code) throws IOException {
    long max = ctx.limits().maxBufferedBytes();
    if (e.method() == 0) {
      Blob data = b.slice(e.dataStart(), e.compressedSize());
      if (data.size() <= (16 << 20)) crc(data.stream(0, data.size()), e, path);
      if (code) torchScriptCode(data.size() <= max ? data.bytes(0, (int) data.size()) : null, path);
      analyze(data, path, e.name(), depth + 1);
      return;
    }
    String method = ZIP_METHODS.get(e.method());
    if (method == null) {
      ctx.unreadable(path, -1, "compression method " + e.method() + " is not supported");
      return;
    }
    InputStream raw = b.stream(e.dataStart(), e.compressedSize());
    Inflater inf = e.method() == 8 ? new Inflater(true) : null;
    byte[] all = null;
    try {
      InputStream in = zipDecoder(e, raw, inf);
      if (e.size() > max) {
        // too large to buffer: decoding errors surface while the stream is analyzed
        if (code) torchScriptCode(null, path);
        analyzeStream(new Counted(in), path, e.name(), depth + 1);
        return;
      }
      // the declared size only chooses the path: inflate() bounds what it really buffers
      all = inflate(in, path);
    } catch (org.tukaani.xz.MemoryLimitException ex) {
      ctx.limit(path, -1, method + " dictionary exceeds the memory limit");
    } catch (IOException ex) {
      ctx.unreadable(path, -1, method + " data is corrupt: " + ex.getMessage());
    } finally {
      if (inf != null) inf.end();
    }
    if (all == null) return;
    CRC32 c = new CRC32();
    c.update(all);
    if (c.getValue() != e.crc()) crcMismatch(e, path);
    if (code) torchScriptCode(all, path);
    analyze(new ArrayBlob(all), path, e.name(), depth + 1);
  }

  /** Zip compression methods we decode, by method number. */
  private static final Map<Integer, String> ZIP_METHODS =
      Map.of(8, "deflate", 9, "deflate64", 12, "bzip2", 14, "lzma");

  private static InputStream zipDecoder(ZipEntry e, InputStream raw, Inflater inf)
      throws IOException {
    return switch (e.method()) {
      case 8 -> new InflaterInputStream(raw, inf, 64 * 1024);
      case 9 -> new Deflate64CompressorInputStream(raw);
      case 12 -> new BZip2CompressorInputStream(raw, false);
      default -> zipLzma(e, raw);
    };
  }

  /**
   * Zip's LZMA: version (2 bytes), properties size (2), properties (props byte + dictionary size),
   * then a raw LZMA stream; flag bit 1 says it ends with an end marker instead of a known size.
   */
  private static InputStream zipLzma(ZipEntry e, InputStream raw) throws IOException {
    byte[] h = raw.readNBytes(4);
    if (h.length < 4) throw new IOException("lzma header is truncated");
    int propsLen = (h[2] & 0xff) | (h[3] & 0xff) << 8;
    if (propsLen != 5) throw new IOException("lzma properties have " + propsLen + " bytes");
    byte[] p = raw.readNBytes(5);
    if (p.length < 5) throw new IOException("lzma properties are truncated");
    int dict = (p[1] & 0xff) | (p[2] & 0xff) << 8 | (p[3] & 0xff) << 16 | (p[4] & 0xff) << 24;
    if (dict < 0) throw new org.tukaani.xz.MemoryLimitException(Integer.MAX_VALUE, XZ_MEMORY_KIB);
    int need = LZMAInputStream.getMemoryUsage(dict, p[0]);
    if (need > XZ_MEMORY_KIB) throw new org.tukaani.xz.MemoryLimitException(need, XZ_MEMORY_KIB);
    long size = (e.flags() & 2) != 0 ? -1 : e.size();
    return new LZMAInputStream(raw, size, p[0], dict);
  }

  private void torchScriptCode(byte[] text, String path) {
    if (text == null) ctx.limit(path, -1, "TorchScript code member exceeds the buffer limit");
    else TorchScriptCode.scan(ctx, text, path);
  }

  private byte[] inflate(InputStream in, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      ctx.countDecompressed(n);
      if (out.size() + n > ctx.limits().maxBufferedBytes()) {
        ctx.report(
            Rule.ZIP_BOMB,
            -1,
            path,
            List.of(),
            "entry inflates beyond its declared size and the buffer limit");
        ctx.limit(path, -1, "decompressed member exceeds the buffer limit");
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private void crc(InputStream in, ZipEntry e, String path) throws IOException {
    CRC32 c = new CRC32();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) c.update(buf, 0, n);
    if (c.getValue() != e.crc()) crcMismatch(e, path);
  }

  private void crcMismatch(ZipEntry e, String path) {
    ctx.report(
        Rule.ZIP_CRC,
        e.headerOffset(),
        path,
        List.of(),
        String.format(
            "entry '%s' has CRC-32 %08x in the directory but its data differs", e.name(), e.crc()));
  }

  // ---------------------------------------------------------------- tar

  private Format tar(Blob b, String member, int depth) throws IOException {
    ctx.format(Format.TAR);
    if (depth >= ctx.limits().maxNesting()) {
      ctx.limit(member, 0, "archive nesting limit of " + ctx.limits().maxNesting() + " reached");
      return Format.TAR;
    }
    List<String> problems = new ArrayList<>();
    List<TarEntry> entries = TarDirectory.read(b, ctx.limits().maxEntries(), problems);
    for (String p : problems) {
      if (p.equals("entry limit"))
        ctx.limit(member, -1, "entry limit of " + ctx.limits().maxEntries() + " reached");
      else {
        ctx.report(Rule.ZIP_MALFORMED, -1, member, List.of(), p);
        ctx.markInconclusive();
      }
    }
    for (TarEntry e : entries) {
      traversal(e.name(), e.dataStart() - 512, member);
      if (e.type() == '1' || e.type() == '2') {
        ctx.report(
            Rule.TAR_LINK,
            e.dataStart() - 512,
            member,
            List.of(),
            "entry '" + e.name() + "' links to '" + e.linkName() + "'");
        traversal(e.linkName(), e.dataStart() - 512, member);
        continue;
      }
      if (!e.isFile()) continue;
      analyze(b.slice(e.dataStart(), e.size()), join(member, e.name()), e.name(), depth + 1);
    }
    return Format.TAR;
  }

  // ---------------------------------------------------------------- names

  static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "!/" + child;
  }

  private static final Map<String, Set<Format>> EXPECTED = new HashMap<>();
  private static final Set<String> NO_CODE =
      Set.of("safetensors", "npy", "gguf", "onnx", "h5", "hdf5", "json", "txt", "csv", "png");
  private static final Set<Format> CODE =
      Set.of(Format.PICKLE, Format.PYTORCH_LEGACY, Format.PYTORCH_ZIP, Format.TORCHSCRIPT);

  private static void expect(String exts, Format... formats) {
    for (String x : exts.split(",")) EXPECTED.put(x, Set.of(formats));
  }

  static {
    Format[] compressed = {
      Format.PICKLE, Format.GZIP, Format.BZIP2, Format.XZ, Format.LZMA, Format.ZLIB
    };
    expect("pkl,pickle,joblib", compressed);
    expect(
        "pt,pth,ckpt",
        Format.PICKLE,
        Format.PYTORCH_ZIP,
        Format.PYTORCH_LEGACY,
        Format.TORCHSCRIPT,
        Format.ZIP);
    expect("npy", Format.NUMPY);
    expect("npz", Format.NUMPY_ZIP, Format.ZIP);
    expect("safetensors", Format.SAFETENSORS);
    expect("gguf", Format.GGUF);
    expect("onnx", Format.ONNX);
    expect("h5,hdf5", Format.HDF5, Format.KERAS_H5);
    expect("keras", Format.KERAS_ZIP, Format.ZIP);
    expect("tar", Format.TAR);
    expect("zip", Format.ZIP, Format.NUMPY_ZIP, Format.KERAS_ZIP, Format.PYTORCH_ZIP);
    expect("gz", Format.GZIP);
    expect("json", Format.JSON, Format.UNKNOWN);
  }

  private void checkName(String name, Format found, String member) {
    if (name == null || name.isEmpty()) return;
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    int slash = n.lastIndexOf('/');
    if (dot <= slash + 1) return;
    String ext = n.substring(dot + 1);
    Set<Format> ok = EXPECTED.get(ext);
    if (ok == null || ok.contains(found)) return;
    Level level =
        NO_CODE.contains(ext) && CODE.contains(found)
            ? Level.HIGH
            : found == Format.UNKNOWN ? Level.MEDIUM : Level.LOW;
    ctx.report(
        Rule.NAME_MISMATCH,
        level,
        -1,
        member,
        List.of(),
        "the name says ." + ext + " but the content is " + found.id());
  }
}
