package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keras models holding a TorchModuleWrapper layer (keras-torch/make_keras_torch.py, in the .keras
 * zip and the legacy HDF5 layouts of the Keras source): the base64 torch.save in the layer config
 * is decoded and scanned, so a benign module is clean and a hostile one is caught in both
 * containers.
 */
class KerasTorchModuleTest {
  private static final Map<String, Verdict> EXPECTED =
      Map.ofEntries(
          Map.entry("benign_torch_module_wrapper.keras", Verdict.CLEAN),
          Map.entry("benign_torch_module_wrapper.h5", Verdict.CLEAN),
          Map.entry("torch_module_wrapper_system.keras", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_system.h5", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_wrapped_base64.keras", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_legacy_torch.keras", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_in_timedistributed.h5", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_module_key_first.h5", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_bytes_value.keras", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_bytes_value.h5", Verdict.MALICIOUS),
          Map.entry("torch_module_wrapper_not_base64.keras", Verdict.INCONCLUSIVE));

  private static Path dir() throws URISyntaxException {
    return Path.of(KerasTorchModuleTest.class.getResource("keras-torch").toURI());
  }

  @Test
  void everyFixtureHasItsVerdict() throws IOException, URISyntaxException {
    List<String> files;
    try (Stream<Path> s = Files.list(dir())) {
      files =
          s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".py")).sorted().toList();
    }
    assertThat(files).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    for (String f : files) {
      FileReport r = new Scanner().scan(dir().resolve(f));
      assertThat(r.verdict()).as(f + " " + r.findings()).isEqualTo(EXPECTED.get(f));
      assertThat(r.findings()).as(f).anyMatch(x -> x.ruleId().equals("keras.torch-module"));
    }
  }

  @Test
  void theHostileModuleIsFoundInsideTheDecodedTorchSave() throws Exception {
    for (String f :
        List.of("torch_module_wrapper_system.keras", "torch_module_wrapper_system.h5")) {
      FileReport r = new Scanner().scan(dir().resolve(f));
      assertThat(r.findings())
          .as(f)
          .anyMatch(
              x ->
                  x.ruleId().equals("pickle.exec")
                      && x.member()
                          .endsWith("TorchModuleWrapper:torch_module_wrapper!/archive/data.pkl"));
      assertThat(r.formats()).as(f).contains("pytorch-zip", "pickle");
    }
  }

  /**
   * SavedModel metadata carries Keras configs as protobuf strings: the module is scanned there too.
   */
  @Test
  void aSavedModelsKerasMetadataIsSearchedToo() throws Exception {
    byte[] json;
    try (var z =
        new java.util.zip.ZipFile(dir().resolve("torch_module_wrapper_system.keras").toFile())) {
      json = z.getInputStream(z.getEntry("config.json")).readAllBytes();
    }
    // SavedModel: field 1 (schema version, varint 1), field 2 (a meta graph) holding the JSON
    var pb = new java.io.ByteArrayOutputStream();
    pb.write(new byte[] {0x08, 0x01, 0x12});
    for (int n = json.length; ; n >>>= 7) {
      if (n < 0x80) {
        pb.write(n);
        break;
      }
      pb.write((n & 0x7f) | 0x80);
    }
    pb.write(json);
    FileReport r = new Scanner().scan(pb.toByteArray(), "saved_model.pb");
    assertThat(r.verdict()).as(r.findings().toString()).isEqualTo(Verdict.MALICIOUS);
    assertThat(r.findings()).anyMatch(x -> x.ruleId().equals("pickle.exec"));
  }

  @Test
  void aBenignModuleLeavesOnlyTheNote() throws Exception {
    for (String f :
        List.of("benign_torch_module_wrapper.keras", "benign_torch_module_wrapper.h5")) {
      FileReport r = new Scanner().scan(dir().resolve(f));
      assertThat(r.findings())
          .as(f)
          .extracting(ScanFinding::ruleId)
          .containsExactly("keras.torch-module");
    }
  }
}
