package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "What must hold" list of issue 2, on the contract examples (see {@link Examples}). */
class ContractExamplesTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  static Analysis analyze(String name) {
    Workflow w = WorkflowLoader.load(Examples.file(name));
    return new Analyzer(CatalogLoader.builtInCompiled()).analyze(w, TODAY);
  }

  /** The finding that stands for id: its own id or an alias (a grouped variant or target). */
  static Optional<Finding> finding(Analysis a, String id) {
    return a.findings().stream().filter(f -> f.ids().contains(id)).findFirst();
  }

  /** The path of the attack id names: its variant's path in a grouped finding, else the path. */
  static List<String> path(Finding f, String id) {
    return f.variants().stream()
        .filter(v -> v.id().equals(id))
        .map(Variant::path)
        .findFirst()
        .orElse(f.path());
  }

  /** The paths of a finding's data-poisoning attacks: its own and each variant's. */
  static List<List<String>> poisoningPaths(Analysis a, Finding f) {
    List<List<String>> out = new java.util.ArrayList<>();
    if (f.variants().isEmpty()) {
      if (a.catalog().threat(f.threat()).orElseThrow().family().equals("data-poisoning"))
        out.add(f.path());
      return out;
    }
    for (Variant v : f.variants())
      if (a.catalog().threat(v.threat()).orElseThrow().family().equals("data-poisoning"))
        out.add(v.path());
    return out;
  }

  static List<Finding> actionable(Analysis a, String threatPrefix) {
    return a.findings().stream()
        .filter(f -> f.status().actionable() && f.threat().startsWith(threatPrefix))
        .toList();
  }

  static Claim claim(Analysis a, String control, String belief) {
    return a.claims().stream()
        .filter(c -> c.control().equals(control) && c.believedToStop().equals(belief))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no claim " + control + " vs " + belief));
  }

  @Test
  void cardFraud() {
    Analysis a = analyze("card-fraud.yaml");
    dump(a);
    Claim tls = claim(a, "tls", "evasion");
    assertThat(tls.holds()).isFalse();
    assertThat(tls.verdict()).isEqualTo("does-not-hold");
    assertThat(tls.reason()).isNotBlank();
    Claim enc = claim(a, "encryption-at-rest", "data-poisoning");
    assertThat(enc.holds()).isFalse();
    assertThat(enc.verdict()).isEqualTo("does-not-hold");
    List<String> poisoningPath =
        List.of("merchants", "scoring-api", "lake", "features", "weekly-training");
    assertThat(a.findings())
        .as("a poisoning finding on the training path from the partners")
        .anySatisfy(
            f -> {
              assertThat(f.status().actionable()).isTrue();
              assertThat(poisoningPaths(a, f)).contains(poisoningPath);
            });
    Finding extraction = finding(a, "model-extraction@scoring-api").orElseThrow();
    assertThat(extraction.status().actionable()).isTrue();
  }

  @Test
  void supportAssistant() {
    Analysis a = analyze("support-assistant.yaml");
    dump(a);
    Finding ipi = finding(a, "indirect-prompt-injection@assistant-llm").orElseThrow();
    assertThat(ipi.status().actionable()).isTrue();
    List<String> ipiPath = path(ipi, "indirect-prompt-injection@assistant-llm");
    assertThat(ipiPath).containsSubsequence("tickets", "help-index", "assistant-llm");
    assertThat(ipiPath).last().isEqualTo("refund");
    Claim filter = claim(a, "content-filter", "prompt-injection");
    assertThat(filter.holds()).isFalse();
    assertThat(filter.verdict()).isIn("partly", "does-not-hold");
  }

  @Test
  void imageModeration() {
    Analysis a = analyze("image-moderation.yaml");
    dump(a);
    for (String id :
        List.of(
            "unsafe-deserialization@base-model",
            "poisoned-pretrained-model@base-model",
            "label-poisoning@crowd",
            "unauthenticated-ml-compute@gpu-notebooks"))
      assertThat(finding(a, id))
          .as(id)
          .hasValueSatisfying(f -> assertThat(f.status().actionable()).isTrue());
    assertThat(a.findings())
        .as("poisoning through the appeals feedback loop")
        .anySatisfy(
            f -> {
              assertThat(f.threats()).contains("feedback-loop-poisoning");
              assertThat(f.status().actionable()).isTrue();
            });
    assertThat(a.findings())
        .as("a poisoning finding whose path runs through the appeals")
        .anySatisfy(
            f -> {
              assertThat(f.status().actionable()).isTrue();
              assertThat(poisoningPaths(a, f)).anySatisfy(p -> assertThat(p).contains("appeals"));
            });
    OpenQuestion format =
        a.openQuestions().stream()
            .filter(q -> q.attribute().equals("registry.artifact-format"))
            .findFirst()
            .orElseThrow();
    assertThat(format.decides()).contains("unsafe-deserialization@registry");
    assertThat(format.question()).contains("artifact-format").contains("registry");
  }

  static void dump(Analysis a) {
    if (!Boolean.getBoolean("mlsec.dump")) return;
    System.out.println("== " + a.workflow().system());
    for (Finding f : a.findings())
      System.out.println(
          f.id()
              + " "
              + f.severity().id()
              + " "
              + f.status().id()
              + " path="
              + f.path()
              + " dep="
              + f.dependsOn()
              + "\n    "
              + f.why());
    a.claims().forEach(c -> System.out.println("claim " + c));
    a.concerns().forEach(c -> System.out.println("concern " + c.text() + " -> " + c.matched()));
    System.out.println("unmatched " + a.unmatchedThreats());
    a.openQuestions()
        .forEach(
            q ->
                System.out.println(
                    "question " + q.attribute() + ": " + q.question() + " " + q.decides()));
  }
}
