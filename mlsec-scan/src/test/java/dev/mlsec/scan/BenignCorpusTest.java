package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every real benign model file of the shared corpus must be clean, alone and as a directory. Tagged
 * {@code corpus}: skipped, with a message, where ../shared/corpus is absent.
 */
@Tag("corpus")
class BenignCorpusTest {

  static Path benign() {
    String shared = System.getProperty("mlsec.shared");
    Path dir = shared == null ? null : Path.of(shared, "corpus", "benign");
    assumeTrue(
        dir != null && Files.isDirectory(dir), "skipped: the shared corpus " + dir + " is absent");
    return dir;
  }

  static String describe(FileReport r) {
    return r.path()
        + " "
        + r.verdict()
        + " "
        + r.formats()
        + "\n"
        + r.findings().stream()
            .map(
                f ->
                    "   "
                        + f.level()
                        + " "
                        + f.ruleId()
                        + " @"
                        + f.offset()
                        + " "
                        + f.member()
                        + " "
                        + f.message()
                        + " "
                        + f.callChain())
            .collect(Collectors.joining("\n"));
  }

  @Test
  void everyFileIsCleanOneByOne() throws IOException {
    Path dir = benign();
    Scanner s = new Scanner();
    List<Path> files;
    try (var st = Files.list(dir)) {
      files = st.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    StringBuilder bad = new StringBuilder();
    for (Path f : files) {
      FileReport r = s.scan(f);
      if (r.verdict() != Verdict.CLEAN) bad.append(describe(r)).append('\n');
    }
    assertThat(bad.toString()).isEmpty();
  }

  @Test
  void directoryScanIsCleanAndSorted() throws IOException {
    Path dir = benign();
    List<FileReport> all = new Scanner().scanAll(List.of(dir));
    assertThat(all)
        .allSatisfy(r -> assertThat(r.verdict()).as(describe(r)).isEqualTo(Verdict.CLEAN));
    List<String> paths = all.stream().map(FileReport::path).toList();
    assertThat(paths).isSorted();
  }

  @Test
  void formatsAreFoundByContent() throws IOException {
    Path dir = benign();
    Scanner s = new Scanner();
    assertThat(s.scan(dir.resolve("torch_save_full_model_cnn_zip.pt")).format()).isEqualTo("zip");
    assertThat(s.scan(dir.resolve("torch_save_full_model_cnn_zip.pt")).formats())
        .contains("pytorch-zip", "pickle");
    assertThat(s.scan(dir.resolve("torch_jit_script_mlp.pt")).formats()).contains("torchscript");
    assertThat(s.scan(dir.resolve("torch_save_state_dict_mlp_legacy.pt")).formats())
        .contains("pytorch-legacy");
    assertThat(s.scan(dir.resolve("sklearn_pipeline_scaler_logreg_xz.joblib")).formats())
        .contains("xz", "pickle");
    assertThat(s.scan(dir.resolve("numpy_savez.npz")).formats()).contains("npz", "npy");
    assertThat(s.scan(dir.resolve("onnx_mlp_gemm_relu_softmax.onnx")).format()).isEqualTo("onnx");
    assertThat(s.scan(dir.resolve("handmade_safetensors_two_tensors.safetensors")).format())
        .isEqualTo("safetensors");
    assertThat(s.scan(dir.resolve("handmade_gguf_v3_tiny_llama_chatml_template.gguf")).format())
        .isEqualTo("gguf");
    assertThat(s.scan(dir.resolve("handmade_keras2_sequential_dense.h5")).formats())
        .contains("hdf5");
  }

  @Test
  void customMainClassIsInfoByDefaultAndFlaggedWhenStrict() throws IOException {
    Path f = benign().resolve("torch_save_full_model_custom_main_class_zip.pt");
    FileReport def = new Scanner().scan(f);
    assertThat(def.verdict()).isEqualTo(Verdict.CLEAN);
    assertThat(def.findings())
        .anySatisfy(x -> assertThat(x.ruleId()).isEqualTo("pickle.unknown-class"));
    FileReport strict = new Scanner(ScanPolicy.STRICT, ScanLimits.defaults()).scan(f);
    assertThat(strict.verdict()).isEqualTo(Verdict.SUSPICIOUS);
  }

  @Test
  void torchZipIsJudgedWithoutReadingTensors() throws IOException {
    Path f = benign().resolve("torch_save_full_model_cnn_zip.pt");
    FileReport r = new Scanner().scan(f);
    assertThat(r.bytesRead()).isLessThanOrEqualTo(r.size());
  }

  @Test
  void bytesReadNeverExceedsTheFileSize() throws IOException {
    Path dir = benign();
    Scanner s = new Scanner();
    for (FileReport r : s.scanAll(List.of(dir)))
      assertThat(r.bytesRead()).as(r.path()).isBetween(0L, r.size());
  }

  @Test
  void torchZipChainListsOnlyRecognizedFormats() throws IOException {
    Path dir = benign();
    Scanner s = new Scanner();
    assertThat(s.scan(dir.resolve("torch_save_full_model_cnn_zip.pt")).formats())
        .containsExactly("zip", "pytorch-zip", "pickle");
    List<FileReport> zips =
        s.scanAll(List.of(dir)).stream().filter(r -> r.formats().contains("zip")).toList();
    assertThat(zips).isNotEmpty();
    for (FileReport r : zips) assertThat(r.formats()).as(r.path()).doesNotContain("unknown");
  }
}
