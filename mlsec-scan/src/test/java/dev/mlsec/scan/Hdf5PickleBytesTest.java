package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Binary pickles kept as raw bytes in HDF5 attributes and vlen/opaque datasets (fixtures made with
 * h5py by {@code hdf5-pickle/make_fixtures.py}): scanned as pickles, so a hostile one is malicious
 * and numeric attributes (every byte value, 0x80 included) stay clean.
 */
class Hdf5PickleBytesTest {

  private static FileReport scan(String name) throws Exception {
    Path dir = Path.of(Hdf5PickleBytesTest.class.getResource("hdf5-pickle").toURI());
    return new Scanner().scan(dir.resolve(name));
  }

  private static Set<String> rules(FileReport r) {
    return r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet());
  }

  @Test
  void numericAttributesAndPlainDataPicklesAreClean() throws Exception {
    assertThat(scan("benign_numeric.h5").verdict()).isEqualTo(Verdict.CLEAN);
    assertThat(scan("benign_pickle_attr.h5").verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void hostilePicklesInAttributesAndDatasetsAreMalicious() throws Exception {
    for (String f :
        new String[] {
          "hostile_opaque_attr_p4.h5", "hostile_bytes_attr_p2.h5", "hostile_vlen_dataset_p5.h5"
        }) {
      FileReport r = scan(f);
      assertThat(r.verdict()).as(f).isEqualTo(Verdict.MALICIOUS);
      assertThat(rules(r)).as(f).contains("pickle.exec", "hdf5.attribute-pickle");
    }
  }

  /** A truncated file: whatever is left is judged, nothing throws, never clean on the pickle. */
  @Test
  void truncatedHostileFileIsNotClean() throws Exception {
    Path dir = Path.of(Hdf5PickleBytesTest.class.getResource("hdf5-pickle").toURI());
    byte[] all = java.nio.file.Files.readAllBytes(dir.resolve("hostile_opaque_attr_p4.h5"));
    byte[] cut = java.util.Arrays.copyOf(all, 320);
    FileReport r = new Scanner().scan(cut, "cut.h5");
    assertThat(r.verdict()).isNotEqualTo(Verdict.CLEAN);
  }
}
