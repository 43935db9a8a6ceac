package dev.mlsec.analysis.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.analysis.Examples;
import dev.mlsec.catalog.Vocabulary;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The facts the engine derives are exactly the vocabulary conditions may read: a fact the catalog
 * names that the engine does not derive would silently turn rules off, and a derived fact missing
 * from the vocabulary could never be used.
 */
class VocabularyTest {

  @Test
  void derivedFactsAreTheVocabulary() {
    for (String example : List.of("card-fraud", "support-assistant", "image-moderation")) {
      Workflow w = WorkflowLoader.load(Examples.file(example + ".yaml"));
      Facts facts = Facts.derive(w);
      for (Mode mode : Mode.values()) {
        for (int v = 0; v < facts.graph().size(); v++)
          assertThat(new TreeSet<>(facts.component(v, mode).keySet()))
              .as("facts of %s in %s", facts.graph().id(v), example)
              .isEqualTo(new TreeSet<>(Vocabulary.COMPONENT_FACTS));
        for (int i = 0; i < w.flows().size(); i++)
          assertThat(new TreeSet<>(facts.flow(i, mode).keySet()))
              .isEqualTo(new TreeSet<>(Vocabulary.FLOW_FACTS));
      }
    }
  }

  /** Every value of an attribute that contributes an influence has its row in the table. */
  @Test
  void everyInfluenceValueIsInTheTable() {
    Map<ComponentKind, Map<String, String>> prefixes =
        Map.of(
            ComponentKind.ACTOR, Map.of("trust", "actor:"),
            ComponentKind.DATA_SOURCE, Map.of("provenance", "provenance:"),
            ComponentKind.LABELING, Map.of("workforce", "workforce:"),
            ComponentKind.PRETRAINED_MODEL, Map.of("source", "pretrained:"),
            ComponentKind.DEPENDENCY, Map.of("index", "dependency:"),
            ComponentKind.RETRIEVAL, Map.of("content", "retrieval:"),
            ComponentKind.AGENT_TOOL, Map.of("source", "tool:"));
    Set<String> missing = new TreeSet<>();
    prefixes.forEach(
        (kind, attrs) ->
            attrs.forEach(
                (attribute, prefix) -> {
                  AttributeSpec spec = kind.attributes().get(attribute);
                  for (String value : spec.values())
                    if (Influence.of(prefix + value).isEmpty()) missing.add(prefix + value);
                }));
    assertThat(missing).as("influence tags without a row in Influence").isEmpty();
  }

  @Test
  void anInfluenceTagTheTableDoesNotKnowFailsLoudly() {
    Position at = new Position("x.yaml", 1, 1);
    Component martian =
        new Component(
            "martian",
            ComponentKind.ACTOR,
            "",
            "",
            List.of(),
            Map.of("trust", new Value.Text("martian")),
            at,
            Map.of());
    Workflow w =
        new Workflow(
            Path.of("x.yaml"),
            "x.yaml",
            1,
            "x",
            "",
            "",
            Map.of(),
            Map.of("martian", martian),
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of());
    assertThatThrownBy(() -> Facts.derive(w))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("actor:martian");
    assertThat(Influence.isInfluence("provenance:sensor")).isTrue();
    assertThat(Influence.of("provenance:sensor").orElseThrow().channel())
        .isEqualTo(Influence.Channel.PHYSICAL);
    assertThat(Influence.of("dependency:public").orElseThrow().untrustedData()).isFalse();
  }
}
