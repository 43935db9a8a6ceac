package dev.mlsec.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.analysis.Claim;
import dev.mlsec.analysis.ConcernMatch;
import dev.mlsec.analysis.Examples;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.load.WorkflowLoader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the catalog teaches about the three contract examples beyond issue 2's list: the claims a
 * practitioner would get wrong, the team's concerns mapped to the right threats, and the paths that
 * explain the findings.
 */
class ExampleCatalogTest {

  private static final Analyzer ANALYZER = new Analyzer(CatalogLoader.builtInCompiled());

  static Analysis analyze(String name) {
    return ANALYZER.analyze(WorkflowLoader.load(Examples.file(name)), LocalDate.of(2026, 11, 28));
  }

  /** The finding that stands for id: its own id or one of its aliases (a grouped variant). */
  static Finding finding(Analysis a, String id) {
    return a.findings().stream()
        .filter(f -> f.ids().contains(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding " + id + " in " + ids(a)));
  }

  /** The path of the attack id names: its variant's path in a grouped finding, else the path. */
  static List<String> path(Analysis a, String id) {
    Finding f = finding(a, id);
    return f.variants().stream()
        .filter(v -> v.id().equals(id))
        .map(dev.mlsec.analysis.Variant::path)
        .findFirst()
        .orElse(f.path());
  }

  static List<String> ids(Analysis a) {
    return a.findings().stream().map(Finding::id).toList();
  }

  static List<String> matched(Analysis a, String concern) {
    return a.concerns().stream()
        .filter(c -> c.text().equals(concern))
        .findFirst()
        .map(ConcernMatch::matched)
        .orElseThrow();
  }

  static Claim claim(Analysis a, String control, String belief) {
    return a.claims().stream()
        .filter(c -> c.control().equals(control) && c.believedToStop().equals(belief))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void cardFraud() {
    Analysis a = analyze("card-fraud.yaml");
    assertThat(claim(a, "tls", "evasion").reason()).contains("adversarial input");
    assertThat(claim(a, "encryption-at-rest", "data-poisoning").reason()).contains("Poisoned data");
    assertThat(path(a, "feedback-loop-poisoning@weekly-training"))
        .containsExactly("merchants", "scoring-api", "lake", "features", "weekly-training");
    assertThat(finding(a, "evasion-black-box@scoring-api").status().actionable()).isTrue();
    assertThat(finding(a, "unsafe-deserialization@registry").status().actionable()).isTrue();
    assertThat(finding(a, "training-data-exposure@lake").status().actionable()).isTrue();
    assertThat(ids(a)).doesNotContain("evasion-decision-based@scoring-api");
    assertThat(matched(a, "a breach of cardholder data")).contains("training-data-exposure");
    assertThat(matched(a, "fraudsters learning to slip under the score"))
        .contains("evasion-black-box");
  }

  @Test
  void supportAssistant() {
    Analysis a = analyze("support-assistant.yaml");
    assertThat(path(a, "agent-hijacking@assistant-llm"))
        .containsExactly("tickets", "help-index", "assistant-llm", "refund");
    assertThat(finding(a, "rag-poisoning@help-index").status().actionable()).isTrue();
    assertThat(finding(a, "system-prompt-leakage@assistant-llm").status().actionable()).isTrue();
    Claim filter = claim(a, "content-filter", "prompt-injection");
    assertThat(filter.verdict()).isEqualTo("partly");
    assertThat(filter.reason()).contains("indirect-prompt-injection");
    assertThat(matched(a, "the bot saying something offensive")).contains("jailbreak");
    assertThat(matched(a, "leaking other customers' orders"))
        .contains("sensitive-information-disclosure", "cross-user-retrieval-leak");
  }

  @Test
  void imageModeration() {
    Analysis a = analyze("image-moderation.yaml");
    assertThat(path(a, "feedback-poisoning@appeals")).containsExactly("uploaders", "appeals");
    assertThat(finding(a, "unpinned-artifact@base-model").status().actionable()).isTrue();
    assertThat(finding(a, "evasion-transfer@classifier").status().actionable()).isTrue();
    assertThat(claim(a, "access-control", "backdoor").verdict()).isEqualTo("does-not-hold");
    assertThat(claim(a, "input-validation", "evasion").reason()).contains("valid inputs");
    assertThat(matched(a, "the model being fooled by edited images")).contains("evasion-transfer");
    assertThat(matched(a, "someone stealing the training images"))
        .contains("training-data-exposure");
  }
}
