package dev.mlsec.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.doc.CatalogDocument;
import dev.mlsec.catalog.doc.CatalogDocument.Entry;
import dev.mlsec.catalog.doc.CoverageMarkdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every reference in the catalog exists, and every framework entry is covered. */
class CatalogReferencesTest {

  private static final CatalogDocument DOC = CatalogDocument.builtIn();
  private static final List<String> LISTS =
      List.of("owasp-ml", "owasp-llm", "nist-aml", "eu-ai-act");

  @Test
  void atlasIdsExistInAtlas560() {
    Set<String> known = AtlasData.techniques().keySet();
    Set<String> listed =
        DOC.references().entries("atlas").stream()
            .map(e -> e.text("id"))
            .collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    for (Entry t : DOC.threats()) {
      for (String id : t.entry("refs").strings("atlas")) {
        if (!known.contains(id) || !listed.contains(id)) {
          unknown.add(t.text("id") + ": " + id);
        }
      }
    }
    assertThat(unknown).as("ATLAS ids not in ATLAS 5.6.0").isEmpty();
  }

  @Test
  void atlasListIsACopyOfAtlasData() {
    Map<String, Map<String, Object>> techniques = AtlasData.techniques();
    List<Entry> copy = DOC.references().entries("atlas");
    assertThat(copy)
        .extracting(e -> e.text("id"))
        .containsExactlyInAnyOrderElementsOf(techniques.keySet());
    for (Entry e : copy) {
      String id = e.text("id");
      assertThat(e.text("title")).as(id).isEqualTo(techniques.get(id).get("name"));
      assertThat(e.strings("tactics")).as(id).isEqualTo(AtlasData.tacticsOf(id));
    }
    Map<String, String> tactics = AtlasData.tactics();
    CoverageMarkdown.ATLAS_TACTICS.forEach(
        (id, name) -> assertThat(tactics.get(id)).isEqualTo(name));
    assertThat(DOC.references().text("atlas-version")).isEqualTo("5.6.0");
  }

  @Test
  void everyInScopeAtlasTechniqueIsReferencedOrExplained() {
    List<String> problems = new ArrayList<>();
    for (Entry tech : DOC.references().entries("atlas")) {
      String id = tech.text("id");
      boolean inScope =
          tech.strings("tactics").stream().anyMatch(CoverageMarkdown.ATLAS_TACTICS::containsKey);
      boolean referenced = !CoverageMarkdown.referencing(DOC, "atlas", id).isEmpty();
      boolean explained = CoverageMarkdown.outOfScope(DOC, id).isPresent();
      if (explained && (referenced || !inScope)) {
        problems.add(id + " has an out-of-scope reason but is referenced or not in scope");
      }
      if (inScope && !referenced && !explained) {
        problems.add(id + " is neither referenced nor explained");
      }
      if (explained) {
        assertThat(CoverageMarkdown.outOfScope(DOC, id).orElseThrow())
            .as(id)
            .hasSizeGreaterThan(40);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void otherIdsAreInTheCatalogsLists() {
    List<String> unknown = new ArrayList<>();
    for (Entry t : DOC.threats()) {
      for (String list : LISTS) {
        for (String id : t.entry("refs").strings(list)) {
          if (DOC.referenceTitle(list, id).isEmpty()) {
            unknown.add(t.text("id") + ": " + list + " " + id);
          }
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void referenceListsAreTheKnownOnes() {
    assertThat(ids("owasp-ml"))
        .containsExactly(
            "ML01:2023",
            "ML02:2023",
            "ML03:2023",
            "ML04:2023",
            "ML05:2023",
            "ML06:2023",
            "ML07:2023",
            "ML08:2023",
            "ML09:2023",
            "ML10:2023");
    assertThat(ids("owasp-llm"))
        .containsExactly(
            "LLM01:2025",
            "LLM02:2025",
            "LLM03:2025",
            "LLM04:2025",
            "LLM05:2025",
            "LLM06:2025",
            "LLM07:2025",
            "LLM08:2025",
            "LLM09:2025",
            "LLM10:2025");
    assertThat(ids("nist-aml")).allMatch(id -> id.matches("NISTAML\\.0[1-5][0-9]?"));
    assertThat(ids("eu-ai-act")).contains("Art. 15(5)").allMatch(id -> id.startsWith("Art. "));
  }

  @Test
  void everyFrameworkEntryIsCoveredByAThreat() {
    for (String list : List.of("owasp-ml", "owasp-llm", "nist-aml")) {
      for (String id : ids(list)) {
        assertThat(CoverageMarkdown.referencing(DOC, list, id)).as(list + " " + id).isNotEmpty();
      }
    }
  }

  @Test
  void euArticle15FiveKindsAreEachCovered() {
    List<Entry> kinds = DOC.references().entries("eu-ai-act-15-5-kinds");
    assertThat(kinds)
        .extracting(k -> k.text("id"))
        .containsExactly(
            "data-poisoning",
            "model-poisoning",
            "adversarial-examples",
            "confidentiality-attacks",
            "model-flaws");
    for (Entry kind : kinds) {
      kind.strings("families")
          .forEach(f -> assertThat(DOC.family(f)).as("family " + f).isPresent());
      kind.strings("threats").forEach(t -> assertThat(DOC.threat(t)).as("threat " + t).isPresent());
      List<Entry> threats = CoverageMarkdown.euKindThreats(DOC, kind);
      assertThat(threats).as(kind.text("id")).isNotEmpty();
      assertThat(threats)
          .as(kind.text("id") + " threats cite Art. 15(5)")
          .anyMatch(t -> t.entry("refs").strings("eu-ai-act").contains("Art. 15(5)"));
    }
  }

  @Test
  void controlsNameOnlyKnownThreatsAndNeverContradictThemselves() {
    for (Entry c : DOC.controls()) {
      Entry m = c.entry("mitigates");
      List<String> stops = new ArrayList<>(m.strings("full"));
      stops.addAll(m.strings("partial"));
      for (String id : stops) {
        assertThat(DOC.threatsNamedBy(id)).as(c.text("id") + " mitigates " + id).isNotEmpty();
      }
      for (Entry n : c.entries("not-stopped")) {
        String id = n.text("threat");
        assertThat(DOC.threatsNamedBy(id)).as(c.text("id") + " not-stopped " + id).isNotEmpty();
        assertThat(stops)
            .as(c.text("id") + " both stops and does not stop " + id)
            .doesNotContain(id);
        assertThat(n.text("reason"))
            .as(c.text("id") + " vs " + id)
            .endsWith(".")
            .hasSizeGreaterThan(40);
      }
    }
  }

  @Test
  void everyThreatIsCompleteAndUnique() {
    Set<String> seen = new TreeSet<>();
    for (Entry t : DOC.threats()) {
      String id = t.text("id");
      assertThat(seen.add(id)).as("duplicate " + id).isTrue();
      assertThat(id).matches("[a-z0-9][a-z0-9-]*");
      assertThat(DOC.family(t.text("family"))).as(id + " family").isPresent();
      for (String field :
          List.of(
              "title",
              "summary",
              "detail",
              "attacker-needs",
              "business-impact",
              "first-step",
              "false-positive",
              "when")) {
        assertThat(t.text(field)).as(id + " " + field).isNotBlank();
      }
      assertThat(t.text("detail").length()).as(id + " detail is a paragraph").isGreaterThan(250);
      assertThat(t.strings("keywords")).as(id + " keywords").hasSizeGreaterThanOrEqualTo(3);
      assertThat(t.strings("why")).as(id + " why").isNotEmpty();
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(60);
    assertThat(DOC.controls()).hasSizeGreaterThanOrEqualTo(40);
    for (String cls : List.of("ml-specific", "ml-amplified", "conventional")) {
      assertThat(DOC.threats()).anyMatch(t -> t.text("class").equals(cls));
    }
  }

  private static List<String> ids(String list) {
    return DOC.references().entries(list).stream().map(e -> e.text("id")).toList();
  }
}
