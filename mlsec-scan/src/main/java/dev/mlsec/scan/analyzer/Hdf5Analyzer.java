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
    return keras ? FileFormat.KERAS_H5 : FileFormat.HDF5;
  }
}
