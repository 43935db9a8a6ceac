package dev.mlsec.scan;

import java.util.Map;
import java.util.Set;
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
    BlindSets.assertWrongOnly("blind5", "benign", KNOWN_FALSE_POSITIVES, 240);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind5", "adversarial", KNOWN_FALSE_NEGATIVES, 130);
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
    BlindSets.assertFlaggedBy("blind5", expected);
  }
}
