package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.format.Hdf5;
import dev.mlsec.scan.format.Hdf5Objects;
import dev.mlsec.scan.format.Hdf5Pipeline;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** HDF5, at offset 0 or after a user block (512, 1024, ... 8192): Keras configs inside. */
final class Hdf5Analyzer implements FormatAnalyzer {
  private static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  @Override
  public FileFormat format() {
    return FileFormat.HDF5;
  }

  @Override
  public boolean sniff(byte[] head, Blob b) throws IOException {
    if (FormatAnalyzer.startsWith(head, MAGIC)) return true;
    for (long off = 512; off <= 8192 && off + 8 <= b.size(); off *= 2)
      if (FormatAnalyzer.startsWith(b.bytes(off, 8), MAGIC)) return true;
    return false;
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    d.ctx().format(FileFormat.HDF5);
    Found found = new Found();
    // chunks decoded through their pipeline: the raw bytes there are compressed data, whose
    // literal pieces of a pickle are not searched again
    Ranges decoded = filteredChunks(d, b, member, found);
    // one pass over the file finds every candidate; they are judged in this order afterwards
    List<KerasConfig.Payload> payloads = new ArrayList<>();
    Hdf5.Candidates cands = Hdf5.search(d.ctx(), b, member, payloads, decoded::contains);
    d.analyzeEmbedded(payloads, member, depth);
    List<long[]> runs = cands.textRuns();
    if (!runs.isEmpty())
      d.ctx()
          .report(
              ScanRule.HDF5_ATTRIBUTE_PICKLE,
              runs.get(0)[0],
              member,
              List.of(),
              runs.size()
                  + " string attribute(s) look like protocol-0 pickles, which PyTables unpickles"
                  + " when they are read; each is scanned");
    for (long[] run : runs) {
      String where = Dispatcher.join(member, "<attribute@" + run[0] + ">");
      PickleScanner.scanAsPlainPickle(
          d.ctx(),
          b.stream(run[0], run[1]),
          run[1],
          where,
          " (an HDF5 string attribute, which PyTables unpickles when it is read)");
    }
    // binary pickles kept as raw bytes in attributes and small opaque/bytes datasets
    // decoded chunks and binary pickles already scanned: their GLOBAL opcodes are not scanned
    // again (those of text runs are no candidates)
    Ranges scanned = new Ranges();
    scanned.list.addAll(decoded.list);
    for (long[] cand : cands.binaryPickles()) {
      long at = cand[0];
      if (cand[1] != 0) {
        // a framed pickle cut by the end of the file: what the loader would read is not here
        d.ctx()
            .limit(
                member,
                at,
                "a framed binary pickle in HDF5 bytes runs past the end of the file (truncated)");
        continue;
      }
      PickleScanner.Result r =
          scanAt(d, b, member, at, "binary pickle bytes in an HDF5 attribute or dataset");
      if (r.pickles() > 0) {
        scanned.add(at, r.consumed());
        found.add(at, r);
      }
    }
    scanned.sort();
    // protocol 0-1 pickles kept as bytes: binary (protocol 1) or outside a text run
    int globals = 0;
    for (long[] g : cands.globalOpcodes()) {
      if (globals >= Hdf5.MAX_BINARY_PICKLES) break;
      if (scanned.contains(g[0])) continue;
      globals++;
      found.add(
          g[1],
          scanAt(d, b, member, g[1], "protocol 0-1 pickle bytes in an HDF5 attribute or dataset"));
    }
    // deflate-filtered chunks (h5py compression="gzip") whose data opens like a pickle
    for (Hdf5.Chunk c : cands.deflatedPickles()) {
      d.ctx().countDecompressed(c.data().length);
      found.add(
          c.offset(),
          PickleScanner.scanAsPlainPickle(
              d.ctx(),
              new java.io.ByteArrayInputStream(c.data()),
              c.data().length,
              Dispatcher.join(member, "<deflate@" + c.offset() + ">"),
              " (a pickle in a deflate-filtered HDF5 chunk, which the loading code unpickles)"));
    }
    if (found.count > 0)
      d.ctx()
          .report(
              ScanRule.HDF5_ATTRIBUTE_PICKLE,
              found.first,
              member,
              List.of(),
              found.count
                  + " binary pickle(s) (protocols 0-5, filtered chunks included) in HDF5"
                  + " attribute or dataset bytes; each is scanned");
    return cands.keras() ? FileFormat.KERAS_H5 : FileFormat.HDF5;
  }

  /**
   * Chunks of datasets that can hold a pickle, behind filters the whole-file search cannot see
   * through (lzf, shuffle of wide elements, anything else): lzf, deflate, shuffle and fletcher32
   * are undone and each chunk that opens like a pickle is scanned; any other filter, or a chunk
   * index that is not read, leaves the file inconclusive, naming the filter. Datasets of numbers
   * are not searched (no loader unpickles a float array), filtered or not.
   */
  private static Ranges filteredChunks(Dispatcher d, Blob b, String member, Found found)
      throws IOException {
    Ranges decoded = new Ranges();
    long sb = superblock(b);
    Hdf5Objects.Walk walk;
    try {
      walk = Hdf5Objects.read(d.ctx(), b, sb);
    } catch (Hdf5Objects.Malformed e) {
      if (e.noSuperblock()) {
        // the library cannot open it either, but what the scanner cannot read is never clean
        d.ctx().unreadable(member, sb, "HDF5 superblock cannot be read (" + e.getMessage() + ")");
        return decoded;
      }
      d.ctx()
          .unreadable(
              member,
              sb,
              "HDF5 object headers cannot be read ("
                  + e.getMessage()
                  + "): datasets behind filters other than deflate are not searched");
      return decoded;
    }
    if (walk.limitReached())
      d.ctx()
          .limit(
              member,
              sb,
              "more than "
                  + Hdf5Objects.MAX_OBJECTS
                  + " HDF5 objects or "
                  + Hdf5Objects.MAX_CHUNKS
                  + " chunks: the rest are not searched");
    for (Hdf5Objects.Dataset ds : walk.datasets()) {
      if (!ds.holdsPickle()
          || ds.filters().isEmpty()
          || Hdf5Pipeline.searchedAsIs(ds.filters(), ds.elementSize())) continue;
      Hdf5Objects.Filter unread = Hdf5Pipeline.undecoded(ds.filters());
      String why =
          unread != null
              ? "passes through filter "
                  + (unread.label().isEmpty() ? "" : "'" + unread.label() + "' ")
                  + "(id "
                  + unread.id()
                  + "), which the scanner does not decode"
              : ds.unlisted() != null
                  ? "lists its chunks in " + ds.unlisted() + ", which is not read"
                  : null;
      if (why != null) {
        unreadFilter(d, member, ds, why);
        continue;
      }
      String names = ds.filters().stream().map(Hdf5Objects.Filter::label).toList().toString();
      // un-shuffling wide elements needs the whole chunk; otherwise a prefix tells
      int first =
          Hdf5Pipeline.shufflesWide(ds.filters(), ds.elementSize()) ? Hdf5.MAX_CHUNK : Hdf5.PREFIX;
      try {
        for (Hdf5Objects.Chunk c : ds.chunks()) {
          d.ctx().checkTime();
          decoded.add(c.address(), c.size());
          byte[] stored =
              b.bytes(
                  c.address(), (int) Math.min(c.size(), Hdf5.MAX_CHUNK + (Hdf5.MAX_CHUNK >> 3)));
          byte[] head = Hdf5Pipeline.decode(ds.filters(), c, ds.elementSize(), stored, first);
          if (!Hdf5.opensLikePickle(head)) continue;
          byte[] all =
              first < Hdf5.MAX_CHUNK
                  ? Hdf5Pipeline.decode(ds.filters(), c, ds.elementSize(), stored, Hdf5.MAX_CHUNK)
                  : head;
          d.ctx().countDecompressed(all.length);
          found.add(
              c.address(),
              PickleScanner.scanAsPlainPickle(
                  d.ctx(),
                  new java.io.ByteArrayInputStream(all),
                  all.length,
                  Dispatcher.join(member, "<chunk@" + c.address() + ">"),
                  " (a pickle in an HDF5 chunk filtered by "
                      + names
                      + ", which the loading code unpickles)"));
        }
      } catch (Hdf5Pipeline.Undecoded e) {
        unreadFilter(
            d,
            member,
            ds,
            "has chunks in " + e.getMessage() + ", which the scanner does not decode");
      }
    }
    decoded.sort();
    return decoded;
  }

  /** File ranges {start, length} (decoded chunks, scanned pickles), sorted once filled. */
  private static final class Ranges {
    final List<long[]> list = new ArrayList<>();

    void add(long at, long length) {
      list.add(new long[] {at, length});
    }

    /** Sorts and merges overlapping ranges, so that one binary search answers {@link #contains}. */
    void sort() {
      list.sort(java.util.Comparator.comparingLong((long[] x) -> x[0]));
      List<long[]> merged = new ArrayList<>();
      for (long[] r : list) {
        long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (last != null && r[0] <= last[0] + last[1])
          last[1] = Math.max(last[1], r[0] + r[1] - last[0]);
        else merged.add(new long[] {r[0], r[1]});
      }
      list.clear();
      list.addAll(merged);
    }

    boolean contains(long at) {
      int lo = 0;
      int hi = list.size() - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        long[] r = list.get(mid);
        if (at < r[0]) hi = mid - 1;
        else if (at >= r[0] + r[1]) lo = mid + 1;
        else return true;
      }
      return false;
    }
  }

  private static void unreadFilter(
      Dispatcher d, String member, Hdf5Objects.Dataset ds, String why) {
    d.ctx().markInconclusive();
    d.ctx()
        .report(
            ScanRule.HDF5_UNREAD_FILTER,
            ds.header(),
            member,
            List.of(),
            "the chunked HDF5 dataset at "
                + ds.header()
                + " ("
                + ds.type()
                + ", which can hold a pickle) "
                + why
                + ": a pickle in its chunks would not be seen");
  }

  /** Offset of the superblock: 0, or the first of 512, 1024, ... 8192 holding the signature. */
  private static long superblock(Blob b) throws IOException {
    if (FormatAnalyzer.startsWith(b.bytes(0, 8), MAGIC)) return 0;
    for (long off = 512; off <= 8192 && off + 8 <= b.size(); off *= 2)
      if (FormatAnalyzer.startsWith(b.bytes(off, 8), MAGIC)) return off;
    return 0;
  }

  /** One candidate pickle at {@code at}, read as the code that unpickles those bytes would. */
  private static PickleScanner.Result scanAt(
      Dispatcher d, Blob b, String member, long at, String what) throws IOException {
    long span = Math.min(Hdf5.BINARY_PICKLE_SPAN, b.size() - at);
    return PickleScanner.scanAsPlainPickle(
        d.ctx(),
        b.stream(at, span),
        span,
        Dispatcher.join(member, "<bytes@" + at + ">"),
        " (" + what + ", which the loading code unpickles)");
  }

  /** Candidates that were pickles with globals: how many, and the first offset. */
  private static final class Found {
    long first = -1;
    int count;

    void add(long at, PickleScanner.Result r) {
      if (!r.sawNames()) return;
      if (first < 0 || at < first) first = at;
      count++;
    }
  }
}
