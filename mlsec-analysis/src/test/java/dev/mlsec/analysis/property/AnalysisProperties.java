package dev.mlsec.analysis.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Control;
import dev.mlsec.model.ControlStatus;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Invariants of the analysis over random valid workflows and the built-in catalog. */
class AnalysisProperties {
  static final CompiledCatalog CATALOG = CatalogLoader.builtInCompiled();
  static final Analyzer ANALYZER = new Analyzer(CATALOG);
  static final List<String> CONTROLS =
      CATALOG.catalog().controls().stream().map(ControlDef::id).toList();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  static Workflow workflow(long seed) {
    return RandomWorkflows.generate(seed, CONTROLS);
  }

  static Map<String, Finding> byId(Analysis a) {
    return a.findings().stream().collect(Collectors.toMap(Finding::id, Function.identity()));
  }

  @Property(tries = 100)
  void neverCrashesAndIsDeterministic(@ForAll long seed) {
    Workflow w = workflow(seed);
    Analysis first = ANALYZER.analyze(w, TODAY);
    Analysis second = new Analyzer(CATALOG).analyze(workflow(seed), TODAY);
    assertThat(second).isEqualTo(first);
    for (Finding f : first.findings())
      assertThat(f.dependsOn().isEmpty())
          .isEqualTo(f.status() != dev.mlsec.analysis.FindingStatus.CONDITIONAL);
  }

  @Property(tries = 100)
  void anImplementedControlNeverAddsAFindingNorRaisesASeverity(
      @ForAll long seed, @ForAll int controlPick, @ForAll int componentPick) {
    Workflow w = workflow(seed);
    List<String> ids = List.copyOf(w.components().keySet());
    String control = CONTROLS.get(Math.floorMod(controlPick, CONTROLS.size()));
    String on = ids.get(Math.floorMod(componentPick, ids.size()));
    Control added =
        new Control(
            control,
            List.of(on),
            ControlStatus.IMPLEMENTED,
            List.of(),
            "",
            new Position("gen.yaml", 999, 5));
    Map<String, Finding> before = byId(ANALYZER.analyze(w, TODAY));
    Map<String, Finding> after =
        byId(ANALYZER.analyze(RandomWorkflows.with(w, null, List.of(), List.of(added)), TODAY));
    assertThat(before.keySet()).containsAll(after.keySet());
    for (var e : after.entrySet())
      assertThat(e.getValue().severity().compareTo(before.get(e.getKey()).severity()))
          .as("severity of %s with %s on %s", e.getKey(), control, on)
          .isGreaterThanOrEqualTo(0);
  }

  @Property(tries = 100)
  void anUntrustedSourceFeedingTrainingNeverRemovesAFinding(
      @ForAll long seed, @ForAll boolean userGenerated) {
    Workflow w = workflow(seed);
    String training =
        w.components().values().stream()
            .filter(c -> c.kind() == ComponentKind.TRAINING)
            .map(Component::id)
            .findFirst()
            .orElse(w.components().keySet().iterator().next());
    Component source =
        new Component(
            "untrusted-source",
            ComponentKind.DATA_SOURCE,
            "",
            "",
            List.of(),
            Map.of(
                "provenance",
                    new Value.Texts(List.of(userGenerated ? "user-generated" : "public-web")),
                "pinned", new Value.Bool(false)),
            new Position("gen.yaml", 998, 3),
            Map.of());
    Flow flow =
        new Flow(
            "untrusted-source",
            training,
            false,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            new Position("gen.yaml", 997, 5));
    Map<String, Finding> before = byId(ANALYZER.analyze(w, TODAY));
    Map<String, Finding> after =
        byId(ANALYZER.analyze(RandomWorkflows.with(w, source, List.of(flow), List.of()), TODAY));
    assertThat(after.keySet()).containsAll(before.keySet());
  }
}
