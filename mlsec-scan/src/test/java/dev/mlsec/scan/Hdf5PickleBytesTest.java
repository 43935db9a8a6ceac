package dev.mlsec.scan;

import static dev.mlsec.scan.TestReports.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

  /**
   * Pickles in chunks behind the filters the scanner decodes (fixtures of {@code
   * hdf5-pickle/make_pipelines.py}): lzf (uint8 and opaque), shuffle of 16-byte strings then
   * deflate, and PyTables' blosc (blosclz, lz4, snappy, zlib, stored as it is), lzo and bzip2; lzf
   * in a group whose links are in a fractal heap (track_order=True) and in a fixed array chunk
   * index (libver='latest'). Each is malicious once, from the decoded chunk, not from the pieces
   * its compressed bytes keep; a vlen dataset's pickle is in the global heap, read as it is.
   */
  @Test
  void picklesBehindDecodedFiltersAreMaliciousOnce() throws Exception {
    for (String f :
        new String[] {
          "pipeline_hostile_lzf_u8_p4.h5",
          "pipeline_hostile_lzf_opaque_p0.h5",
          "pipeline_hostile_shuffle_wide_p4.h5",
          "pipeline_hostile_tables_blosc_u8.h5",
          "pipeline_hostile_tables_blosc_blosclz_u8.h5",
          "pipeline_hostile_tables_blosc_lz4_u8.h5",
          "pipeline_hostile_tables_blosc_snappy_u8.h5",
          "pipeline_hostile_tables_blosc_zlib_u8.h5",
          "pipeline_hostile_tables_lzo_u8.h5",
          "pipeline_hostile_tables_bzip2_u8.h5",
          "pipeline_hostile_dense_links_lzf_p4.h5",
          "pipeline_hostile_latest_fixed_array_lzf_p4.h5"
        }) {
      assertMaliciousOnce(f);
      assertThat(scan(f).findings())
          .as(f)
          .anySatisfy(
              x -> {
                assertThat(x.ruleId()).isEqualTo("pickle.exec");
                assertThat(x.member()).startsWith("<chunk@");
              });
    }
    assertMaliciousOnce("pipeline_hostile_lzf_vlen_p4.h5");
  }

  /**
   * A filter nothing decodes (an unregistered id, blosc's zstd codec) on a dataset that can hold a
   * pickle: inconclusive, the finding naming the filter; the same unknown filter on float32 data is
   * clean (no loader unpickles a float array).
   */
  @Test
  void undecodedFiltersOnByteDataAreInconclusive() throws Exception {
    FileReport unknown = scan("pipeline_hostile_unknown_filter.h5");
    assertThat(unknown.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(unknown.findings())
        .anySatisfy(
            x -> {
              assertThat(x.ruleId()).isEqualTo("hdf5.unread-filter");
              assertThat(x.message()).contains("(id 32777)", "int8");
            });
    FileReport zstd = scan("pipeline_hostile_tables_blosc_zstd_u8.h5");
    assertThat(zstd.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(zstd.findings())
        .anySatisfy(x -> assertThat(x.message()).contains("blosc with codec zstd"));
    FileReport floats = scan("pipeline_benign_unknown_filter_floats.h5");
    assertThat(floats.verdict()).as(floats.findings().toString()).isEqualTo(Verdict.CLEAN);
  }

  /**
   * Benign files behind those filters: Keras-like weights, noise and a plain-data pickle in lzf;
   * pandas HDFStore files (fixed and table formats, column names and a string data column in string
   * arrays and compound rows) with {@code complib='blosc'} and {@code 'lzo'}: clean.
   */
  @Test
  void benignFilesBehindOtherFiltersAreClean() throws Exception {
    for (String f :
        new String[] {
          "pipeline_benign_lzf_weights.h5",
          "pipeline_benign_lzf_noise_and_plain_pickle.h5",
          "pipeline_benign_pandas_blosc_fixed.h5",
          "pipeline_benign_pandas_blosc_table.h5",
          "pipeline_benign_pandas_lzo_fixed.h5",
          "pipeline_benign_pandas_lzo_table.h5",
          "pipeline_benign_latest_dense_lzf_noise.h5"
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
