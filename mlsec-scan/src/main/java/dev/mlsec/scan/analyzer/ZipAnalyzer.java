package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.archive.ZipDirectory;
import dev.mlsec.scan.archive.ZipEntry;
import dev.mlsec.scan.format.EmbeddedPickles;
import dev.mlsec.scan.format.TorchScriptCode;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.io.CountedStream;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * Zip and its flavors (PyTorch, TorchScript, npz, .keras): our own directory reader keeps what
 * other readers silently reconcile, every member is analyzed, tensor storages are skipped.
 */
final class ZipAnalyzer implements FormatAnalyzer {
  private static final Pattern TORCH_STORAGE = Pattern.compile("^(.*/)?(data|constants)/\\d+$");

  @Override
  public FileFormat format() {
    return FileFormat.ZIP;
  }

  @Override
  public boolean sniff(byte[] h, Blob b) throws IOException {
    return (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4)
        || ZipDirectory.findEnd(b) >= 0;
  }

  /** The end record's comment, which no loader reads, judged if it opens like a pickle. */
  private static void comment(ScanContext ctx, Blob b, String member) throws IOException {
    long end = ZipDirectory.findEnd(b);
    if (end < 0 || end + 22 > b.size()) return;
    byte[] rec = b.bytes(end + 20, 4);
    if (rec.length < 4) return;
    int len = (rec[0] & 0xff) | (rec[1] & 0xff) << 8;
    len = (int) Math.min(len, b.size() - end - 22);
    if (len < 2 || (rec[2] & 0xff) != 0x80) return;
    byte[] x = b.bytes(end + 22, len);
    EmbeddedPickles.judge(ctx, x, 0, x.length, member, end + 22, "the zip end record's comment");
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    ScanContext ctx = d.ctx();
    ctx.format(FileFormat.ZIP);
    if (d.nestingReached(depth, member, "archive ")) return FileFormat.ZIP;
    ZipDirectory dir = ZipDirectory.read(b, ctx.limits().maxEntries());
    if (dir == null) {
      ctx.report(
          ScanRule.ZIP_MALFORMED, 0, member, List.of(), "zip local header without directory");
      ctx.unreadable(member, 0, "zip without end of central directory");
      return FileFormat.ZIP;
    }
    for (String p : dir.problems()) ctx.report(ScanRule.ZIP_MALFORMED, -1, member, List.of(), p);
    if (!dir.problems().isEmpty()) ctx.markInconclusive();
    if (dir.truncatedEntries())
      ctx.limit(member, -1, "entry limit of " + ctx.limits().maxEntries() + " reached");
    comment(ctx, b, member);
    List<ZipEntry> entries = dir.entries();
    FileFormat flavor = flavor(entries);
    if (flavor != FileFormat.ZIP) ctx.format(flavor);
    if (dir.firstHeader() > 0) {
      ctx.report(
          ScanRule.ZIP_PREFIX,
          0,
          member,
          List.of(),
          dir.firstHeader() + " bytes precede the first zip entry; they are analyzed as well");
      if (PickleAnalyzer.isPickleStart(b.bytes(0, 2)))
        // torch.load takes a file that does not start with a local header for a legacy pickle,
        // which it reads from offset 0 through the zip bytes to its STOP
        PickleScanner.scan(
            ctx,
            b.stream(0, b.size()),
            b.size(),
            Dispatcher.join(member, "<prefix>"),
            true,
            false,
            " (read as a legacy pickle from offset 0)");
      else if (depth + 1 <= ctx.limits().maxNesting())
        d.analyze(
            b.slice(0, dir.firstHeader()), Dispatcher.join(member, "<prefix>"), "", depth + 1);
    }
    Set<String> names = new HashSet<>();
    Map<Long, String> starts = new HashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (ZipEntry e : entries) {
      ctx.checkTime();
      String path = Dispatcher.join(member, e.name());
      if (!names.add(e.name()))
        ctx.report(
            ScanRule.ZIP_DUPLICATE,
            e.headerOffset(),
            member,
            List.of(),
            "entry name '" + e.name() + "' appears more than once; readers pick different ones");
      EntryNames.traversal(ctx, e.name(), e.headerOffset(), member);
      if (e.dataStart() < 0) {
        ctx.report(
            ScanRule.ZIP_MALFORMED,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "' has no readable local header");
        ctx.markInconclusive();
        continue;
      }
      if (!e.name().equals(e.localName())) {
        ctx.report(
            ScanRule.ZIP_NAME_MISMATCH,
            e.headerOffset(),
            member,
            List.of(),
            "central directory says '" + e.name() + "', local header says '" + e.localName() + "'");
        EntryNames.traversal(ctx, e.localName(), e.headerOffset(), member);
      }
      if (e.method() != e.localMethod() || (e.flags() & 0xfff1) != (e.localFlags() & 0xfff1))
        ctx.report(
            ScanRule.ZIP_FLAGS,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "': local and central method/flags differ");
      if (starts.putIfAbsent(e.dataStart(), e.name()) != null)
        ctx.report(
            ScanRule.ZIP_BOMB,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "' shares its data with '" + starts.get(e.dataStart()) + "'");
      else ranges.add(new long[] {e.headerOffset(), e.dataStart() + e.compressedSize()});
      if (e.compressedSize() < 0 || e.size() < 0) {
        ctx.report(ScanRule.ZIP_MALFORMED, e.headerOffset(), member, List.of(), "negative size");
        ctx.markInconclusive();
        continue;
      }
      if (e.method() != 0
          && e.compressedSize() > 0
          && e.size() / Math.max(1, e.compressedSize()) > 1000
          && e.size() > (64L << 20))
        ctx.report(
            ScanRule.ZIP_BOMB,
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
            ScanRule.ZIP_FLAGS,
            e.headerOffset(),
            member,
            List.of(),
            "entry '" + e.name() + "' is encrypted and cannot be analyzed");
        ctx.markInconclusive();
        continue;
      }
      if ((flavor == FileFormat.PYTORCH_ZIP || flavor == FileFormat.TORCHSCRIPT)
          && TORCH_STORAGE.matcher(e.name()).matches()) {
        storage(ctx, b, e, path);
        continue;
      }
      member(
          d,
          b,
          e,
          path,
          depth,
          flavor == FileFormat.TORCHSCRIPT && TorchScriptCode.isCode(e.name()));
    }
    torchPackageSource(ctx, entries, member);
    overlaps(ctx, ranges, member);
    hidden(d, b, dir, member, depth);
    otherDirectories(d, b, dir, member, depth);
    return flavor;
  }

  /** Entries a streaming reader finds between the listed ones: reported and analyzed. */
  private static void hidden(Dispatcher d, Blob b, ZipDirectory dir, String member, int depth)
      throws IOException {
    ScanContext ctx = d.ctx();
    for (ZipEntry h : ZipDirectory.hidden(b, dir, ctx.limits().maxEntries())) {
      ctx.report(
          ScanRule.ZIP_HIDDEN_ENTRY,
          h.headerOffset(),
          member,
          List.of(),
          "local header '"
              + h.name()
              + "' at "
              + h.headerOffset()
              + " is not in the central directory; a streaming reader extracts it");
      EntryNames.traversal(ctx, h.name(), h.headerOffset(), member);
      if (h.compressedSize() < 0) {
        ctx.unreadable(
            Dispatcher.join(member, h.name()), -1, "size of the unlisted entry is unknown");
        continue;
      }
      content(d, b, h, Dispatcher.join(member, h.name()), depth);
    }
  }

  /**
   * Other end records in the last 64 KB (outside the data of a listed entry, where a stored inner
   * zip has its own) and a zip64 record that disagrees with the classic one: each directory they
   * describe is what some reader sees, so its entries are analyzed too.
   */
  private static void otherDirectories(
      Dispatcher d, Blob b, ZipDirectory dir, String member, int depth) throws IOException {
    ScanContext ctx = d.ctx();
    long primary = ZipDirectory.findEnd(b);
    Set<Long> analyzed = new HashSet<>();
    for (ZipEntry e : dir.entries()) analyzed.add(e.headerOffset());
    List<ZipDirectory> others = new ArrayList<>();
    for (long end : ZipDirectory.endRecords(b, 16)) {
      if (end == primary || insideEntryData(end, dir)) continue;
      ctx.report(
          ScanRule.ZIP_SECOND_DIRECTORY,
          end,
          member,
          List.of(),
          "a second end-of-central-directory record at "
              + end
              + " (the one used is at "
              + primary
              + "); readers that pick it see another archive");
      others.add(ZipDirectory.read(b, end, ctx.limits().maxEntries(), true));
    }
    if (dir.zip64Disagrees()) {
      ctx.report(
          ScanRule.ZIP_SECOND_DIRECTORY,
          primary,
          member,
          List.of(),
          "the zip64 end record and the classic end record describe different directories");
      others.add(ZipDirectory.read(b, primary, ctx.limits().maxEntries(), false));
    }
    for (ZipDirectory o : others)
      for (ZipEntry e : o.entries()) {
        ctx.checkTime();
        if (e.dataStart() < 0 || e.compressedSize() < 0 || e.size() < 0 || e.isDirectory())
          continue;
        if (!analyzed.add(e.headerOffset())) continue;
        EntryNames.traversal(ctx, e.name(), e.headerOffset(), member);
        content(d, b, e, Dispatcher.join(member, e.name()), depth);
      }
  }

  private static boolean insideEntryData(long pos, ZipDirectory dir) {
    for (ZipEntry e : dir.entries())
      if (e.dataStart() >= 0 && pos >= e.dataStart() && pos < e.dataStart() + e.compressedSize())
        return true;
    return false;
  }

  /** An entry found outside the directory: encrypted ones cannot be read, others are analyzed. */
  private static void content(Dispatcher d, Blob b, ZipEntry e, String path, int depth)
      throws IOException {
    if (e.encrypted()) {
      d.ctx()
          .report(
              ScanRule.ZIP_FLAGS,
              e.headerOffset(),
              path,
              List.of(),
              "entry '" + e.name() + "' is encrypted and cannot be analyzed");
      d.ctx().markInconclusive();
      return;
    }
    member(d, b, e, path, depth, false);
  }

  /**
   * Tensor storages are raw data torch never unpickles; only a storage that starts like a pickle is
   * read (speculatively: random floats must not raise false alarms).
   */
  private static void storage(ScanContext ctx, Blob b, ZipEntry e, String path) throws IOException {
    if (e.method() != 0 || e.compressedSize() < 2) return;
    byte[] h = b.bytes(e.dataStart(), 2);
    if (!PickleAnalyzer.isPickleStart(h)) return;
    PickleScanner.scan(
        ctx,
        b.stream(e.dataStart(), e.compressedSize()),
        e.compressedSize(),
        path,
        false,
        true,
        " (in a tensor storage entry)");
  }

  private static void overlaps(ScanContext ctx, List<long[]> ranges, String member) {
    ranges.sort((x, y) -> Long.compare(x[0], y[0]));
    for (int i = 1; i < ranges.size(); i++)
      if (ranges.get(i)[0] < ranges.get(i - 1)[1]) {
        ctx.report(
            ScanRule.ZIP_BOMB,
            ranges.get(i)[0],
            member,
            List.of(),
            "zip entries overlap (entry at " + ranges.get(i)[0] + ")");
        return;
      }
  }

  private static final Pattern TORCH_PACKAGE =
      Pattern.compile("^(.*/)?\\.data/(version|extern_modules)$");

  /**
   * torch.package archives (PackageExporter) carry the Python source of the modules their pickles
   * name; PackageImporter.load_pickle imports them from the archive, running their top level.
   */
  private static void torchPackageSource(ScanContext ctx, List<ZipEntry> entries, String member) {
    if (entries.stream().noneMatch(e -> TORCH_PACKAGE.matcher(e.name()).matches())) return;
    for (ZipEntry e : entries)
      if (e.name().endsWith(".py") && !e.name().contains(".data/"))
        ctx.report(
            ScanRule.TORCH_PACKAGE_SOURCE,
            e.headerOffset(),
            member,
            List.of(e.name()),
            "torch.package archive ships Python source '"
                + e.name()
                + "': PackageImporter imports it (module-level code runs) when a pickle names"
                + " its module");
  }

  /** Which kind of zip the entry names make it. */
  static FileFormat flavor(List<ZipEntry> entries) {
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
    if (torchScript && dataPkl) return FileFormat.TORCHSCRIPT;
    if (dataPkl) return FileFormat.PYTORCH_ZIP;
    if (allNpy) return FileFormat.NUMPY_ZIP;
    if (kerasConfig && kerasWeights) return FileFormat.KERAS_ZIP;
    return FileFormat.ZIP;
  }

  private static void member(Dispatcher d, Blob b, ZipEntry e, String path, int depth, boolean code)
      throws IOException {
    ScanContext ctx = d.ctx();
    long max = ctx.limits().maxBufferedBytes();
    if (e.method() == 0) {
      Blob data = b.slice(e.dataStart(), e.compressedSize());
      if (data.size() <= (16 << 20)) crc(ctx, data.stream(0, data.size()), e, path);
      if (code)
        torchScriptCode(ctx, data.size() <= max ? data.bytes(0, (int) data.size()) : null, path);
      d.analyze(data, path, e.name(), depth + 1);
      return;
    }
    String method = ZipMethods.name(e.method());
    if (method == null) {
      ctx.unreadable(path, -1, "compression method " + e.method() + " is not supported");
      return;
    }
    InputStream raw = b.stream(e.dataStart(), e.compressedSize());
    Inflater inf = e.method() == 8 ? new Inflater(true) : null;
    byte[] all = null;
    try {
      InputStream in = ZipMethods.decoder(e, raw, inf);
      if (e.size() > max) {
        // too large to buffer: decoding errors surface while the stream is analyzed
        if (code) torchScriptCode(ctx, null, path);
        d.analyzeStream(new CountedStream(in, ctx::countDecompressed), path, e.name(), depth + 1);
        return;
      }
      // the declared size only chooses the path: inflate() bounds what it really buffers
      all = inflate(ctx, in, path);
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
    if (c.getValue() != e.crc()) crcMismatch(ctx, e, path);
    if (code) torchScriptCode(ctx, all, path);
    d.analyze(Blob.of(all), path, e.name(), depth + 1);
  }

  private static void torchScriptCode(ScanContext ctx, byte[] text, String path) {
    if (text == null) ctx.limit(path, -1, "TorchScript code member exceeds the buffer limit");
    else TorchScriptCode.scan(ctx, text, path);
  }

  private static byte[] inflate(ScanContext ctx, InputStream in, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      ctx.countDecompressed(n);
      if (out.size() + n > ctx.limits().maxBufferedBytes()) {
        ctx.report(
            ScanRule.ZIP_BOMB,
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

  private static void crc(ScanContext ctx, InputStream in, ZipEntry e, String path)
      throws IOException {
    CRC32 c = new CRC32();
    // sized by the entry (a lie only makes the loop take more turns): most members are small
    byte[] buf = new byte[(int) Math.max(8 * 1024, Math.min(64 * 1024, e.size()))];
    int n;
    while ((n = in.read(buf)) > 0) c.update(buf, 0, n);
    if (c.getValue() != e.crc()) crcMismatch(ctx, e, path);
  }

  private static void crcMismatch(ScanContext ctx, ZipEntry e, String path) {
    ctx.report(
        ScanRule.ZIP_CRC,
        e.headerOffset(),
        path,
        List.of(),
        String.format(
            "entry '%s' has CRC-32 %08x in the directory but its data differs", e.name(), e.crc()));
  }
}
