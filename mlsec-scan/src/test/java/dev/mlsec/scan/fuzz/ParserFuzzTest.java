package dev.mlsec.scan.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.LimitReachedException;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.archive.ZipDirectory;
import dev.mlsec.scan.format.Gguf;
import dev.mlsec.scan.format.Hdf5;
import dev.mlsec.scan.format.Hdf5Objects;
import dev.mlsec.scan.format.Hdf5Pipeline;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.format.Npy;
import dev.mlsec.scan.format.Safetensors;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.pickle.PickleScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * Jazzer harnesses for the parsers of untrusted bytes. Under {@code mvn verify} they replay their
 * seed corpora (src/test/resources/.../ParserFuzzTestInputs/&lt;method&gt;); with JAZZER_FUZZ=1
 * they fuzz (see docs/scanning.md). Invariant: every input ends in a report or a limit, never in
 * another exception, a hang or an allocation by a declared length.
 */
class ParserFuzzTest {
  static final ScanLimits LIMITS =
      ScanLimits.defaults()
          .withMaxTime(Duration.ofSeconds(5))
          .withMaxDecompressedBytes(16 << 20)
          .withMaxOpcodes(2_000_000);

  private static ScanContext ctx() {
    return new ScanContext(LIMITS, ScanPolicy.STRICT);
  }

  /** The whole scanner never reports an internal error, whatever the bytes. */
  private static void wholeScan(byte[] data, String name) {
    FileReport r = new Scanner(ScanPolicy.DEFAULT, LIMITS).scan(data, name);
    assertThat(r.verdict()).isNotNull();
    assertThat(r.findings()).noneSatisfy(f -> assertThat(f.message()).startsWith("internal error"));
  }

  @FuzzTest(maxDuration = "30s")
  void pickle(byte[] data) throws IOException {
    try {
      PickleScanner.scan(ctx(), new ByteArrayInputStream(data), data.length, "", true, false);
      PickleScanner.scan(ctx(), new ByteArrayInputStream(data), -1, "", false, true);
    } catch (LimitReachedException expected) {
      // bounded by design
    }
    wholeScan(data, "fuzz.pkl");
  }

  @FuzzTest(maxDuration = "30s")
  void zip(byte[] data) throws IOException {
    ZipDirectory.read(Blob.of(data), 1000);
    wholeScan(data, "fuzz.zip");
  }

  @FuzzTest(maxDuration = "30s")
  void npy(byte[] data) throws IOException {
    try {
      Npy.analyze(ctx(), new ByteArrayInputStream(data), data.length, "");
    } catch (LimitReachedException expected) {
      // bounded by design
    }
    wholeScan(data, "fuzz.npy");
  }

  @FuzzTest(maxDuration = "30s")
  void safetensors(byte[] data) throws IOException {
    if (Safetensors.sniff(data, data.length)) Safetensors.analyze(ctx(), Blob.of(data), "");
    wholeScan(data, "fuzz.safetensors");
  }

  @FuzzTest(maxDuration = "30s")
  void gguf(byte[] data) throws IOException {
    try {
      Gguf.analyze(ctx(), Blob.of(data), "");
    } catch (LimitReachedException expected) {
      // bounded by design
    }
    wholeScan(data, "fuzz.gguf");
  }

  /**
   * 7z, LZ4 frames and joblib's ZF through the whole scanner: seeds are real files and the
   * adversarial ones (truncated, nested, bombs); named .bin so the extension check stays quiet.
   */
  @FuzzTest(maxDuration = "30s")
  void archive(byte[] data) {
    wholeScan(data, "fuzz.bin");
  }

  /**
   * Keras configs: the HDF5 one-pass search (configs, text runs, binary and protocol 0-1 pickle
   * candidates, deflated-chunk inflation), the config walk and the TorchModuleWrapper decode
   * (seeds: legacy .h5, config.json and .keras files with the layer, benign and hostile; filtered
   * HDF5 pickles).
   */
  @FuzzTest(maxDuration = "30s")
  void keras(byte[] data) throws IOException {
    try {
      Hdf5.Candidates c =
          Hdf5.search(ctx(), Blob.of(data), "", new java.util.ArrayList<>(), at -> false);
      assertThat(c.binaryPickles()).hasSizeLessThanOrEqualTo(Hdf5.MAX_BINARY_PICKLES);
      assertThat(c.globalOpcodes()).hasSizeLessThanOrEqualTo(Hdf5.MAX_GLOBAL_CANDIDATES);
      KerasConfig.analyzeJson(ctx(), data, "", 0, new java.util.ArrayList<>());
    } catch (LimitReachedException expected) {
      // bounded by design
    }
    wholeScan(data, "fuzz.h5");
  }

  /**
   * HDF5's object headers (superblock, groups, datatype, layout and filter pipeline messages, chunk
   * B-trees) and the chunk decoders (lzf, lzo, blosc, lz4, bzip2, deflate, shuffle) on every chunk
   * found (seeds: lzf, blosc, lzo, wide-shuffle and unknown-filter files of
   * hdf5-pickle/make_pipelines.py).
   */
  @FuzzTest(maxDuration = "30s")
  void hdf5Pipeline(byte[] data) throws IOException {
    try {
      for (Hdf5Objects.Dataset ds : Hdf5Objects.read(ctx(), Blob.of(data), 0).datasets())
        for (Hdf5Objects.Chunk c : ds.chunks()) {
          if (c.address() < 0 || c.address() >= data.length) continue;
          byte[] stored =
              java.util.Arrays.copyOfRange(
                  data, (int) c.address(), (int) Math.min(data.length, c.address() + c.size()));
          try {
            assertThat(Hdf5Pipeline.decode(ds.filters(), c, ds.elementSize(), stored, 1 << 16))
                .hasSizeLessThanOrEqualTo(1 << 16);
          } catch (Hdf5Pipeline.Undecoded expected) {
            // reported as inconclusive by the analyzer
          }
        }
    } catch (Hdf5Objects.Malformed | LimitReachedException expected) {
      // unreadable structure or bounded by design
    }
    wholeScan(data, "fuzz.h5");
  }

  /**
   * Loader configurations: the MLmodel block-mapping reader and the auto_map / custom_pipelines
   * walk of JSON configs, directly and through the whole scanner by their names (seeds: MLflow
   * MLmodel files, HF configs with auto_map).
   */
  @FuzzTest(maxDuration = "30s")
  void loaderConfig(byte[] data) {
    dev.mlsec.scan.format.LoaderConfigs.judgeMlmodel(ctx(), "", data);
    wholeScan(data, "MLmodel");
    wholeScan(data, "config.json");
  }

  /**
   * The text readers of bench/scan/blind4: YAML tags and Hydra targets, environment files, and the
   * JSON of pipelines (model_index.json, modules.json), TorchServe manifests and skops schemas,
   * directly and through the whole scanner by their names (seeds: one of each).
   */
  @FuzzTest(maxDuration = "30s")
  void modelDescription(byte[] data) {
    dev.mlsec.scan.format.YamlConfigs.judge(ctx(), "", "config.yaml", data);
    dev.mlsec.scan.format.YamlConfigs.judge(ctx(), "", "requirements.txt", data);
    wholeScan(data, "conda.yaml");
    wholeScan(data, "modules.json");
    wholeScan(data, "model_index.json");
    wholeScan(data, "schema.json");
  }

  /**
   * Pickles carried as data (embedded.pickle): raw bytes, latin-1 strings and base64 text tried as
   * one pickle in a context of their own, which only ever adds one medium finding; then the whole
   * scanner by the names of the formats that carry them (seeds: bench/scan/blind7's C and E files
   * of safetensors, GGUF, ONNX and a torch zip's comment).
   */
  @FuzzTest(maxDuration = "30s")
  void embeddedPickle(byte[] data) {
    ScanContext c = ctx();
    dev.mlsec.scan.format.EmbeddedPickles.judge(c, data, 0, data.length, "", 0, "fuzz");
    dev.mlsec.scan.format.EmbeddedPickles.judge(
        c, new String(data, java.nio.charset.StandardCharsets.ISO_8859_1), "", 0, "fuzz");
    dev.mlsec.scan.format.EmbeddedPickles.judge(
        c, new String(data, java.nio.charset.StandardCharsets.UTF_8), "", 0, "fuzz");
    assertThat(c.findings())
        .allSatisfy(f -> assertThat(f.ruleId()).isEqualTo("embedded.pickle"))
        .allSatisfy(f -> assertThat(f.level()).isEqualTo(dev.mlsec.scan.Level.MEDIUM));
    wholeScan(data, "fuzz.safetensors");
    wholeScan(data, "fuzz.onnx");
    wholeScan(data, "fuzz.pt");
  }

  /** The Jinja lexer, parser and judge: any text ends in problems or a syntax error. */
  @FuzzTest(maxDuration = "30s")
  void jinja(byte[] data) {
    String template = new String(data, java.nio.charset.StandardCharsets.UTF_8);
    try {
      assertThat(dev.mlsec.scan.format.jinja.TemplateJudge.judge(template)).isNotNull();
    } catch (dev.mlsec.scan.format.jinja.JinjaSyntaxException expected) {
      // Jinja would reject it too
    }
  }
}
