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

  /** Malicious by its pickle, and that pickle judged once, not once per way of finding it. */
  private static void assertMaliciousOnce(String f) throws Exception {
    FileReport r = scan(f);
    assertThat(r.verdict()).as(f).isEqualTo(Verdict.MALICIOUS);
    assertThat(rules(r)).as(f).contains("pickle.exec", "hdf5.attribute-pickle");
    assertThat(r.findings().stream().filter(x -> x.ruleId().equals("pickle.exec")))
        .as(f)
        .hasSize(1);
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
      assertMaliciousOnce(f);
    }
  }

  /**
   * Protocol 0-1 pickles kept as bytes (opaque, str and uint8 attributes, a uint8 dataset whose
   * GLOBAL is not its first opcode) and pickles in deflate-filtered chunked datasets, with and
   * without shuffle, protocols 0, 1 and 4 (fixtures of {@code hdf5-pickle/make_filtered.py}).
   */
  @Test
  void protocolZeroOnePicklesAndDeflatedChunksAreMalicious() throws Exception {
    for (String f :
        new String[] {
          "filtered_hostile_p0_opaque_attr.h5",
          "filtered_hostile_p0_str_attr.h5",
          "filtered_hostile_p1_u8_attr.h5",
          "filtered_hostile_p1_list_dataset.h5",
          "filtered_hostile_gzip_p0.h5",
          "filtered_hostile_gzip_p1.h5",
          "filtered_hostile_gzip_p4.h5",
          "filtered_hostile_gzip_shuffle_p4.h5"
        }) {
      assertMaliciousOnce(f);
    }
    FileReport deflated = scan("filtered_hostile_gzip_shuffle_p4.h5");
    assertThat(deflated.findings()).anySatisfy(x -> assertThat(x.member()).startsWith("<deflate@"));
  }

  /** gzip+shuffle weights, plain-data pickles in filtered chunks and compressed noise: clean. */
  @Test
  void filteredBenignFilesAreClean() throws Exception {
    for (String f :
        new String[] {
          "filtered_benign_gzip_weights.h5",
          "filtered_benign_gzip_plain_pickles.h5",
          "filtered_benign_gzip_random_bytes.h5"
        }) {
      FileReport r = scan(f);
      assertThat(r.verdict()).as(f + " " + r.findings()).isEqualTo(Verdict.CLEAN);
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
