package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlsec.model.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Loading stays linear: a 10,000-component workflow (the benchmark's largest) loads in about
 * 0.1-0.2 s of CPU once warm; the bound here is only a safety net for a loaded CI machine.
 */
class LoaderScaleTest {

  /** A layered synthetic workflow: sources feed stores, stores feed trainings, and so on. */
  static String synthetic(int components) {
    String[] kinds = {"data-source", "data-store", "training", "model-registry", "serving"};
    StringBuilder y = new StringBuilder("mlsec: 1\nsystem: synthetic\ncomponents:\n");
    for (int i = 0; i < components; i++) {
      String kind = kinds[i % kinds.length];
      y.append("  c").append(i).append(":\n    kind: ").append(kind).append('\n');
      switch (kind) {
        case "data-source" -> y.append("    provenance: [third-party, public-web]\n");
        case "data-store" -> y.append("    access: broad\n    versioned: false\n");
        case "training" -> y.append("    method: fine-tune\n");
        case "model-registry" -> y.append("    artifact-format: pickle\n");
        default -> y.append("    exposure: public\n    rate-limit: 100/min\n");
      }
    }
    y.append("flows:\n");
    for (int i = 1; i < components; i++) {
      y.append("  - c").append(i - 1).append(" -> c").append(i).append('\n');
      if (i >= 7) y.append("  - c").append(i - 7).append(" -> c").append(i).append('\n');
    }
    return y.toString();
  }

  @Test
  void tenThousandComponentsLoadFast() {
    String text = synthetic(10_000);
    WorkflowLoader.parse(synthetic(1_000), "warm-up.yaml", null); // JIT warm-up
    Workflow w =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> WorkflowLoader.parse(text, "big.yaml", null));
    assertThat(w.components()).hasSize(10_000);
    assertThat(w.flows()).hasSize(2 * 10_000 - 8);
  }
}
