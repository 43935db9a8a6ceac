package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fifth blind evaluation ({@code bench/scan/blind5/}, written before its author read the
 * scanner). The files still judged wrongly are listed, so a file that changes its verdict either
 * way fails the test (drop it from the list when fixed).
 */
class Blind5SetTest {

  /**
   * Benign files still not clean (none: scipy qmc PoissonDisk's getattr(engine,
   * '_hypersphere_volume_sample') is a private method class_attrs.py records as plain).
   */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of();

  /** Adversarial files still clean. */
  private static final Set<String> KNOWN_FALSE_NEGATIVES = Set.of();

  @Test
  void benignFilesAreCleanExceptTheKnownOnes() throws Exception {
    assertThat(BlindSets.judged("blind5", "benign", false, 240))
        .containsExactlyInAnyOrderElementsOf(KNOWN_FALSE_POSITIVES);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    assertThat(BlindSets.judged("blind5", "adversarial", true, 130))
        .containsExactlyInAnyOrderElementsOf(KNOWN_FALSE_NEGATIVES);
  }

  /** The classes fixed after the scan, each reported by its rule. */
  @Test
  void theFixedClassesAreFlaggedByTheirRule() throws Exception {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("f_training_info_external.onnx", "onnx.external-data-escape"),
            Map.entry("k_onnx_training_only_algorithm.onnx", "onnx.external-data-escape"),
            Map.entry("h_indirect_format/tokenizer_config.json", "chat-template.injection"),
            Map.entry("k_format_via_dict_lookup/tokenizer_config.json", "chat-template.injection"),
            Map.entry("j_hubconf/hubconf.py", "torch.hub-code"),
            Map.entry("k_hubconf_subdir/repo/hubconf.py", "torch.hub-code"),
            Map.entry("j_custom_generate/custom_generate/generate.py", "hf.remote-code"),
            Map.entry("j_peft_auto_mapping/adapter_config.json", "hf.remote-code"),
            Map.entry("j_peft_auto_mapping/mlsec_local_module.py", "hf.remote-code"));
    Scanner s = new Scanner();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      FileReport r = s.scan(BlindSets.dir("blind5", "adversarial").resolve(e.getKey()));
      assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isNotEqualTo(Verdict.CLEAN);
      assertThat(r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet()))
          .as(e.getKey())
          .contains(e.getValue());
    }
  }
}
