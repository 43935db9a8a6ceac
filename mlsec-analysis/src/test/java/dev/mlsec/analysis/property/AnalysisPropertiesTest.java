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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Invariants of the analysis over random valid workflows and the built-in catalog. */
class AnalysisPropertiesTest {
  static final CompiledCatalog CATALOG = CatalogLoader.builtInCompiled();
  static final Analyzer ANALYZER = new Analyzer(CATALOG);
  static final List<String> CONTROLS =
      CATALOG.catalog().controls().stream().map(ControlDef::id).toList();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  static Workflow workflow(long seed) {
    return RandomWorkflows.generate(seed, CONTROLS);
  }

  /** Every id a finding answers to (its own and, when grouped, its aliases) -> the finding. */
  /**
   * The severity of every threat at its target: a grouped finding's variants each have their own
   * (the group shows the strongest, and a variant may move to the group of another entry when the
   * workflow changes, so the group's headline is not the unit a property can follow).
   */
  /**
   * The severity of each threat at the target that heads it: a finding's own id, or each variant's.
   * A grouped finding shows only its strongest member's severity, so the others' ids (aliases, the
   * variants' further targets) are left out: which member heads a group can change when a control
   * or an actor changes, and the rating of a member that does not head is not in the report.
   */
  static Map<String, dev.mlsec.catalog.Severity> severities(Analysis a) {
    Map<String, dev.mlsec.catalog.Severity> out = new java.util.HashMap<>();
    for (Finding f : a.findings())
      if (f.variants().isEmpty()) out.put(f.id(), f.severity());
      else for (dev.mlsec.analysis.Variant v : f.variants()) out.put(v.id(), v.severity());
    return out;
  }

  static Map<String, Finding> byId(Analysis a) {
    Map<String, Finding> out = new java.util.HashMap<>();
    for (Finding f : a.findings()) for (String id : f.ids()) out.put(id, f);
    return out;
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
    Analysis plain = ANALYZER.analyze(w, TODAY);
    Analysis controlled =
        ANALYZER.analyze(RandomWorkflows.with(w, null, List.of(), List.of(added)), TODAY);
    assertThat(byId(plain).keySet()).containsAll(byId(controlled).keySet());
    Map<String, dev.mlsec.catalog.Severity> before = severities(plain);
    for (var e : severities(controlled).entrySet()) {
      if (!before.containsKey(e.getKey())) continue; // another member heads it now
      assertThat(e.getValue().compareTo(before.get(e.getKey())))
          .as("severity of %s with %s on %s", e.getKey(), control, on)
          .isGreaterThanOrEqualTo(0);
    }
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

  private static final List<String> WIDER_TRUST =
      List.of("internal", "partner", "authenticated", "anonymous");

  /**
   * A sample where two targets of one threat were one finding, rated by the stronger, and became
   * two when an actor widened: the weaker's own rating had not changed.
   */
  @Example
  void aFederatedParticipantWideningKeepsItsSeverity() {
    severityNeverFallsWhenExposureWidens(2596941L, 0);
  }

  /** A sample where a control changed which target heads a variant (so its id). */
  @Example
  void aControlThatChangesAVariantsHeadKeepsItsMembers() {
    anImplementedControlNeverAddsAFindingNorRaisesASeverity(1243061800L, 9, 5);
  }

  /** A sample whose group headline fell when one variant moved to another entry's group. */
  @Example
  void aVariantThatMovesGroupKeepsItsSeverity() {
    severityNeverFallsWhenExposureWidens(214L, -1);
  }

  /** A sample that failed before alternative entries were rated (a control on one route only). */
  @Example
  void aControlOnOneOfTwoEntriesDoesNotLowerTheOther() {
    severityNeverFallsWhenExposureWidens(-7304357L, 0);
  }

  /** A sample that failed before: a partner upstream of a public-hub model drew the path. */
  @Example
  void aNarrowerEntryDoesNotHideAWiderOne() {
    severityNeverFallsWhenExposureWidens(-25461L, 0);
  }

  /**
   * A sample that failed before supply entries of equal rank were all rated: a partner actor and an
   * unpinned package of unknown index rank alike, and the partner alone was rated once it appeared.
   */
  @Example
  void aNewPartnerEntryDoesNotHideAPublicPackage() {
    severityNeverFallsWhenExposureWidens(1808L, 0);
  }

  /**
   * A sample that failed before a target could be its own alternative entry: crowd labelers reach
   * label poisoning unhindered when a reviewed, newly anonymous actor upstream draws the path.
   */
  @Example
  void theTargetItselfRemainsAnEntry() {
    severityNeverFallsWhenExposureWidens(1246966L, 0);
  }

  /**
   * A sample that failed while a query path could start at any actor of a querying actor's trust
   * level: a self-registering actor that only reads a store beside the model drew the path.
   */
  @Example
  void onlyAnActorThatQueriesTheModelEntersAQueryPath() {
    severityNeverFallsWhenExposureWidens(297856L, 1);
  }

  @Property(tries = 100)
  void severityNeverFallsWhenExposureWidens(@ForAll long seed, @ForAll int actorPick) {
    Workflow w = workflow(seed);
    List<Component> actors =
        w.components().values().stream().filter(c -> c.kind() == ComponentKind.ACTOR).toList();
    if (actors.isEmpty()) return;
    Component actor = actors.get(Math.floorMod(actorPick, actors.size()));
    String trust = actor.text("trust").orElse("anonymous");
    int i = WIDER_TRUST.indexOf(trust);
    if (i < 0 || i == WIDER_TRUST.size() - 1) return;
    Map<String, Value> attrs = new java.util.LinkedHashMap<>(actor.attributes());
    attrs.put("trust", new Value.Text(WIDER_TRUST.get(i + 1)));
    Component wider =
        new Component(
            actor.id(),
            actor.kind(),
            actor.name(),
            actor.description(),
            actor.contains(),
            attrs,
            actor.position(),
            Map.of());
    Analysis narrow = ANALYZER.analyze(w, TODAY);
    Analysis widened =
        ANALYZER.analyze(RandomWorkflows.with(w, wider, List.of(), List.of()), TODAY);
    Map<String, Finding> before = byId(narrow);
    Map<String, Finding> after = byId(widened);
    Map<String, dev.mlsec.catalog.Severity> was = severities(narrow);
    Map<String, dev.mlsec.catalog.Severity> is = severities(widened);
    for (var e : before.entrySet()) {
      Finding now = after.get(e.getKey());
      if (now == null || !now.status().actionable() || !e.getValue().status().actionable())
        continue;
      if (!was.containsKey(e.getKey()) || !is.containsKey(e.getKey())) continue;
      assertThat(is.get(e.getKey()).compareTo(was.get(e.getKey())))
          .as("severity of %s when %s widens from %s", e.getKey(), actor.id(), trust)
          .isLessThanOrEqualTo(0);
    }
  }
}
