package dev.mlsec.scan;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fourth blind evaluation ({@code bench/scan/blind4/}, written before its author read the
 * scanner). The files still judged wrongly are listed, so a file that changes its verdict either
 * way fails the test (drop it from the list when fixed).
 */
class Blind4SetTest {

  /**
   * Benign files still not clean: a torch.fx GraphModule execs its stored source (flagged by
   * decision, torch.fx-code). The bound methods pickled as getattr (scipy qmc LatinHypercube, a
   * lazy torch module's hooks, SWALR's getattr(SWALR, '_cosine_anneal')) are private plain methods
   * class_attrs.py records.
   */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of("pt_fx_graphmodule.pt");

  /** Adversarial files still clean. */
  private static final Set<String> KNOWN_FALSE_NEGATIVES = Set.of();

  @Test
  void benignFilesAreCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind4", "benign", KNOWN_FALSE_POSITIVES, 400);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind4", "adversarial", KNOWN_FALSE_NEGATIVES, 200);
  }

  /** The classes fixed after the scan, each reported by its rule. */
  @Test
  void theFixedClassesAreFlaggedByTheirRule() throws Exception {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("j_diffusers_custom_component/model_index.json", "hf.remote-code"),
            Map.entry("j_diffusers_custom_component/unet_evil.py", "hf.remote-code"),
            Map.entry("j_sentence_transformers_custom/modules.json", "hf.remote-code"),
            Map.entry("j_sentence_transformers_custom/custom_st.py", "hf.remote-code"),
            Map.entry("j_mlflow_extra_index/conda.yaml", "env.package-index"),
            Map.entry("j_mlflow_extra_index/MLmodel", "env.package-index"),
            Map.entry("l_yaml_python_apply.yaml", "yaml.python-tag"),
            Map.entry("m_hydra_config/config.yaml", "config.dangerous-target"),
            Map.entry("m_hydra_config/model_config.yaml", "config.dangerous-target"),
            Map.entry("m_nemo_hydra_target.nemo", "config.dangerous-target"),
            Map.entry("m_onnx_symlink/model.onnx", "onnx.external-data-link"),
            Map.entry("h_onnx_pyop_contrib.onnx", "onnx.custom-domain"),
            Map.entry("h_onnx_custom_domain_library.onnx", "onnx.custom-domain"),
            Map.entry("m_torchserve.mar", "torchserve.handler-code"),
            Map.entry("m_skops_function_node.skops", "skops.untrusted-type"),
            Map.entry("m_bytearray_huge.pkl", "pickle.resource-exhaustion"),
            Map.entry("m_reconstruct_huge_shape.pkl", "pickle.resource-exhaustion"));
    BlindSets.assertFlaggedBy("blind4", expected);
  }
}
