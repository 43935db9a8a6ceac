package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fifth blind evaluation ({@code bench/scan/blind5/}, written before its author read the
 * scanner). The files still judged wrongly are listed, so a file that changes its verdict either
 * way fails the test (drop it from the list when fixed).
 */
class Blind5SetTest {

  /**
   * Benign files still not clean: scipy qmc PoissonDisk pickles a private bound method as
   * getattr(engine, '_hypersphere_volume_sample'), judged by the getattr rule (private names stay
   * pickle.import; blind4's LatinHypercube is the same class).
   */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of("r2/qmc_poissondisk.pkl");

  /** Adversarial files still clean. */
  private static final Set<String> KNOWN_FALSE_NEGATIVES = Set.of();

  private static Path dir(String set) {
    return BlindSets.dir("blind5", set);
  }

  /** The files of a set whose verdict is (clean) or is not (!clean) clean. */
  private static Set<String> judged(String set, boolean clean) throws IOException {
    Scanner s = new Scanner();
    Set<String> out = new TreeSet<>();
    List<String> rows = BlindSets.files("blind5", set);
    for (String f : rows)
      if ((s.scan(dir(set).resolve(f)).verdict() == Verdict.CLEAN) == clean) out.add(f);
    assertThat(rows).hasSizeGreaterThan(set.equals("benign") ? 240 : 130);
    return out;
  }

  @Test
  void benignFilesAreCleanExceptTheKnownOnes() throws Exception {
    assertThat(judged("benign", false)).containsExactlyInAnyOrderElementsOf(KNOWN_FALSE_POSITIVES);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    assertThat(judged("adversarial", true))
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
      FileReport r = s.scan(dir("adversarial").resolve(e.getKey()));
      assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isNotEqualTo(Verdict.CLEAN);
      assertThat(r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet()))
          .as(e.getKey())
          .contains(e.getValue());
    }
  }
}
