package dev.mlsec.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.model.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  static final String FAMILY = "families:\n  - {id: extraction, title: Extraction}\n";

  static String threat(String when, String extra) {
    return FAMILY
        + """
        threats:
          - id: steal
            title: Steal
            class: ml-specific
            family: extraction
            stage: inference
            applies-to: [serving, llm]
            when: %s
            impact: high
            summary: s
        %s"""
            .formatted(when, extra);
  }

  static CompiledCatalog load(String text) {
    return CatalogLoader.fromTexts("t", Map.of("c.yaml", text), REFS);
  }

  static final Map<String, Map<String, String>> REFS =
      CatalogLoader.readReferences(
          "refs.yaml",
          """
          atlas-version: 5.6.0
          owasp-ml:
            - {id: "ML05:2023", title: Model Theft}
          nist-aml:
            - {id: NISTAML.031, title: Model Extraction, category: NISTAML.03}
          eu-ai-act:
            "Art. 15(5)": attacks
          """);

  static InputException error(String text) {
    try {
      load(text);
    } catch (InputException e) {
      return e;
    }
    throw new AssertionError("no error for:\n" + text);
  }

  @Test
  void loadsAValidCatalogAndReadsWhatTheConditionUses() {
    CompiledCatalog c =
        load(
            threat(
                "\"f.queried_by.exists(t, t != 'internal') && has(c.rate_limit) && c['rate_limit'] == 'none'\"",
                """
                    refs:
                      owasp-ml: ["ML05:2023"]
                      nist-aml: [NISTAML.031]
                      atlas: [AML.T0024.002]
                      eu-ai-act: ["Art. 15(5)"]
                controls:
                  - id: limit
                    title: Limit
                    mitigates: {partial: [steal]}
                    not-stopped: [{threat: extraction, reason: r}]
                """));
    Rule r = c.rule("steal").orElseThrow();
    assertThat(r.readsC()).containsExactly("rate_limit");
    assertThat(r.readsF()).containsExactly("queried_by");
    Threat t = c.catalog().threat("steal").orElseThrow();
    assertThat(t.refs().owaspMl()).containsExactly("ML05:2023");
    assertThat(t.path()).isEqualTo("none");
    assertThat(t.position()).isEqualTo(new dev.mlsec.model.Position("c.yaml", 4, 9));
    assertThat(c.catalog().control("limit").orElseThrow().notStopped().get(0).reason())
        .isEqualTo("r");
  }

  @Test
  void unknownKeysGetADidYouMean() {
    InputException e = error(threat("f.trains", "    sumary: x\n"));
    assertThat(e.getMessage()).contains("unknown key 'sumary'");
    assertThat(e.hint()).isEqualTo("did you mean 'summary'?");
    assertThat(e.position().line()).isEqualTo(13);
    assertThat(e.position().column()).isEqualTo(5);
  }

  @Test
  void aContentPathEndsAtAToolEffect() {
    assertThat(
            load(threat("f.trains", "    path: content:external-communication\n"))
                .catalog()
                .threat("steal")
                .orElseThrow()
                .path())
        .isEqualTo("content:external-communication");
    InputException e = error(threat("f.trains", "    path: content:write\n"));
    assertThat(e.getMessage()).contains("'content:write', an effect a tool path cannot end at");
    assertThat(e.hint()).isEqualTo("did you mean 'writes'?");
  }

  @Test
  void badEnumsAndReferences() {
    assertThat(error(threat("f.trains", "").replace("ml-specific", "ml-specfic")).hint())
        .contains("ml-specific");
    assertThat(error(threat("f.trains", "").replace("impact: high", "impact: hgh")).hint())
        .contains("high");
    assertThat(error(threat("f.trains", "").replace("stage: inference", "stage: infer")).hint())
        .contains("inference");
    assertThat(error(threat("f.trains", "").replace("[serving, llm]", "[servng]")).hint())
        .contains("serving");
    assertThat(
            error(threat("f.trains", "").replace("family: extraction", "family: extractoin"))
                .hint())
        .contains("extraction");
    assertThat(error(threat("f.trains", "    refs: {owasp-ml: [ML5]}\n")).getMessage())
        .contains("not a valid owasp-ml id");
    assertThat(error(threat("f.trains", "    refs: {owasp-ml: [\"ML06:2023\"]}\n")).getMessage())
        .contains("unknown owasp-ml reference");
    assertThat(error(threat("f.trains", "    path: querry\n")).hint()).contains("query");
  }

  @Test
  void duplicateIdsAndDanglingControlTargets() {
    String twice =
        threat("f.trains", "")
            + threat("f.trains", "").substring(FAMILY.length()).replace("threats:\n", "");
    assertThat(error(twice).getMessage()).contains("duplicate threat id 'steal'");
    InputException e =
        error(
            threat(
                "f.trains",
                "controls:\n  - id: limit\n    title: L\n    mitigates: {full: [stael]}\n"));
    assertThat(e.getMessage()).contains("unknown threat or family 'stael'");
    assertThat(e.hint()).contains("steal");
    assertThat(e.position().line()).isEqualTo(16);
  }

  @Test
  void conditionsMustCompileToBoolWithKnownNames() {
    InputException syntax = error(threat("\"f.trains &&\"", ""));
    assertThat(syntax.getMessage()).contains("does not compile");
    assertThat(syntax.position().line()).isEqualTo(10);
    assertThat(error(threat("\"size(f.influences)\"", "")).getMessage())
        .contains("does not compile");
    InputException fact = error(threat("f.queried_byy == []", ""));
    assertThat(fact.getMessage()).contains("f.queried_byy");
    assertThat(fact.hint()).contains("queried_by");
    assertThat(fact.position()).isEqualTo(new dev.mlsec.model.Position("c.yaml", 10, 11));
    InputException attr = error(threat("c.workforce == 'crowd'", ""));
    assertThat(attr.getMessage()).contains("c.workforce");
  }

  @Test
  void blockScalarConditionsReportTheLineInside() {
    InputException e = error(threat(">\n      f.trains\n      && f.nope", ""));
    assertThat(e.getMessage()).contains("f.nope");
    assertThat(e.position().line()).isEqualTo(12);
    assertThat(e.position().column()).isEqualTo(10);
  }

  @Test
  void yamlErrorsHaveAPosition() {
    InputException e = error("threats: [\n");
    assertThat(e.position().file()).isEqualTo("c.yaml");
    assertThat(e.position().line()).isPositive();
    assertThat(error("threats:\n  - id: a\n    id: b\n").getMessage())
        .contains("duplicate key 'id'");
  }

  @Test
  void builtInCatalogLoadsAndUserFilesAreCheckedAsStrictly(@TempDir Path dir) throws Exception {
    Catalog builtIn = CatalogLoader.builtIn();
    assertThat(builtIn.threats()).isNotEmpty();
    assertThat(CatalogLoader.builtInCompiled().rules()).hasSameSizeAs(builtIn.threats());
    String family = builtIn.families().get(0).id();
    Path user = dir.resolve("mine.yaml");
    Files.writeString(
        user,
        """
        threats:
          - id: my-own-threat
            title: Mine
            class: conventional
            family: %s
            stage: platform
            applies-to: [compute]
            when: c.authentication == 'none'
            impact: low
            summary: s
        """
            .formatted(family));
    Catalog both = CatalogLoader.load(List.of(user));
    assertThat(both.threats()).hasSize(builtIn.threats().size() + 1);
    assertThat(both.version()).endsWith("+custom");
    Files.writeString(user, Files.readString(user).replace("impact: low", "impact: lowest"));
    assertThatThrownBy(() -> CatalogLoader.load(List.of(user)))
        .isInstanceOf(InputException.class)
        .satisfies(
            e -> assertThat(((InputException) e).position().file()).isEqualTo(user.toString()))
        .satisfies(e -> assertThat(((InputException) e).position().line()).isEqualTo(9));
  }
}
