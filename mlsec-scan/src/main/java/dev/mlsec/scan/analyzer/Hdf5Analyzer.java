package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.format.Hdf5;
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
    List<KerasConfig.Payload> payloads = new ArrayList<>();
    boolean keras = Hdf5.analyze(d.ctx(), b, member, payloads);
    d.analyzeEmbedded(payloads, member, depth);
    List<long[]> runs = Hdf5.textPickles(d.ctx(), b);
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
    Found found = new Found();
    // text runs and binary pickles already scanned: their GLOBAL opcodes are not scanned again
    List<long[]> scanned = new ArrayList<>(runs);
    for (long[] cand : Hdf5.binaryPickles(d.ctx(), b)) {
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
        scanned.add(new long[] {at, r.consumed()});
        found.add(at, r);
      }
    }
    scanned.sort(java.util.Comparator.comparingLong((long[] x) -> x[0]));
    // protocol 0-1 pickles kept as bytes: binary (protocol 1) or outside a text run
    for (long at : Hdf5.globalOpcodes(d.ctx(), b, scanned, Hdf5.MAX_BINARY_PICKLES))
      found.add(
          at,
          scanAt(d, b, member, at, "protocol 0-1 pickle bytes in an HDF5 attribute or dataset"));
    // deflate-filtered chunks (h5py compression="gzip") whose data opens like a pickle
    for (Hdf5.Chunk c : Hdf5.deflatedPickles(d.ctx(), b, Hdf5.MAX_BINARY_PICKLES))
      found.add(
          c.offset(),
          PickleScanner.scanAsPlainPickle(
              d.ctx(),
              new java.io.ByteArrayInputStream(c.data()),
              c.data().length,
              Dispatcher.join(member, "<deflate@" + c.offset() + ">"),
              " (a pickle in a deflate-filtered HDF5 chunk, which the loading code unpickles)"));
    if (found.count > 0)
      d.ctx()
          .report(
              ScanRule.HDF5_ATTRIBUTE_PICKLE,
              found.first,
              member,
              List.of(),
              found.count
                  + " binary pickle(s) (protocols 0-5, deflate-filtered chunks included) in HDF5"
                  + " attribute or dataset bytes; each is scanned");
    return keras ? FileFormat.KERAS_H5 : FileFormat.HDF5;
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
