package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The third blind evaluation ({@code bench/scan/blind3/}, written before its author read the
 * scanner). Its findings are only partly fixed: the files still judged wrongly are listed, so a
 * file that changes its verdict either way fails the test (drop it from the list when fixed).
 */
class Blind3SetTest {

  /** Benign files still not clean: none since the allowlist knows astropy, nltk, groupby. */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of();

  /** Adversarial files still clean: none since loader configurations are read. */
  private static final Set<String> KNOWN_FALSE_NEGATIVES = Set.of();

  @Test
  void benignFilesAreCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind3", "benign", KNOWN_FALSE_POSITIVES, 280);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind3", "adversarial", KNOWN_FALSE_NEGATIVES, 100);
  }

  /** The classes fixed after the first scan, each by the rule that now reports it. */
  @Test
  void theFixedClassesAreMaliciousByTheirRule() throws Exception {
    Map<String, String> expected =
        Map.of(
            "f09_pandas_pickle.pkl.zst", "pickle.exec",
            "h12_tokenizer_config.json", "chat-template.injection",
            "j01_tokenizer_config_template_list.json", "chat-template.injection",
            "j02_chat_template.jinja", "chat-template.injection",
            "j03_chat_template.json", "chat-template.injection");
    BlindSets.assertFlaggedBy("blind3", Verdict.MALICIOUS, expected);
  }

  /**
   * Model configs that make a loader import shipped code, and that code, are suspicious by the
   * loader's rule (the scanner cannot judge the code, as with an unknown callable).
   */
  @Test
  void loaderConfigurationsAndTheCodeTheyNameAreSuspicious() throws Exception {
    Map<String, String> expected =
        Map.of(
            "k02_mlflow_model/MLmodel", "mlflow.loader-code",
            "k02_mlflow_model/code/blind3_loader.py", "mlflow.loader-code",
            "k03_hf_remote_code/config.json", "hf.remote-code",
            "k03_hf_remote_code/modeling_blind3.py", "hf.remote-code");
    BlindSets.assertFlaggedBy("blind3", Verdict.SUSPICIOUS, expected);
  }

  /** A zstd frame that is corrupt, or asks for a window above the limit, is never clean. */
  @Test
  void zstdFramesTheScannerCannotReadAreInconclusive() {
    byte[] magic = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    byte[] corrupt = new byte[64];
    System.arraycopy(magic, 0, corrupt, 0, 4);
    corrupt[4] = 0x00; // frame header: a window descriptor follows
    corrupt[5] = 0x50; // a 1 MiB window
    for (int i = 6; i < corrupt.length; i++) corrupt[i] = (byte) (0x5a ^ i);
    byte[] huge = corrupt.clone();
    huge[5] = (byte) 0xa0; // a 1 GiB window
    Scanner s = new Scanner();
    for (byte[] b : List.of(corrupt, huge)) {
      FileReport r = s.scan(b, "model.pkl.zst");
      assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.INCONCLUSIVE);
    }
  }
}
