package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The concern index opened ahead ({@link Analyzer#prepareConcerns}) answers as one opened late. */
class PreparedConcernsTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  static final List<String> EXAMPLES =
      List.of(
          "card-fraud.yaml",
          "coding-agent.yaml",
          "image-moderation.yaml",
          "keyboard-federated.yaml",
          "support-assistant.yaml");

  @Test
  void theBuiltInCatalogIsTheSameObjectBeforeItsConditionsAreLoaded() {
    assertThat(CatalogLoader.builtInCatalog()).isSameAs(CatalogLoader.builtIn());
  }

  @Test
  void everyExampleHasTheSameAnalysisWithAnIndexOpenedAhead() throws Exception {
    List<Workflow> workflows = new ArrayList<>();
    for (String name : EXAMPLES) workflows.add(WorkflowLoader.load(Examples.file(name)));
    List<Analysis> late = new ArrayList<>();
    Analyzer opensItsOwn = new Analyzer(CatalogLoader.builtInCompiled());
    for (Workflow w : workflows) late.add(opensItsOwn.analyze(w, TODAY));

    Thread ahead =
        new Thread(() -> Analyzer.prepareConcerns(CatalogLoader.builtInCatalog()), "ahead");
    ahead.start();
    // an analyzer made while the index is still opening waits for it
    Analyzer waits = new Analyzer(CatalogLoader.builtInCompiled());
    List<Analysis> early = new ArrayList<>();
    for (Workflow w : workflows) early.add(waits.analyze(w, TODAY));
    ahead.join();

    assertThat(late.stream().mapToInt(a -> a.concerns().size()).sum()).isPositive();
    for (int i = 0; i < workflows.size(); i++) {
      assertThat(early.get(i).concerns()).as(EXAMPLES.get(i)).isEqualTo(late.get(i).concerns());
      assertThat(early.get(i)).as(EXAMPLES.get(i)).isEqualTo(late.get(i));
    }
  }

  @Test
  void anotherCatalogOpensItsOwnIndex() {
    Analyzer.prepareConcerns(CatalogLoader.builtInCatalog());
    Analysis a =
        new Analyzer(TestCatalog.CATALOG)
            .analyze(
                TestCatalog.workflow(
                    "mlsec: 1\nsystem: t\n"
                        + AnalyzerTest.api("none", "concerns:\n  - Someone STEALING the model!\n")),
                TODAY);
    assertThat(a.concerns().get(0).matched()).containsExactly("steal-model");
  }
}
