package dev.mlsec.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.doc.CatalogDocument;
import dev.mlsec.catalog.doc.CatalogDocument.Entry;
import dev.mlsec.catalog.doc.CoverageMarkdown;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validation against reality: each file under fixtures/atlas-cases describes the victim of a MITRE
 * ATLAS case study as its engineers would have before the attack, and lists in a {@code #
 * techniques:} comment the techniques the attack used. Recall is the share of those techniques that
 * appear among the ATLAS references of the findings (a finding that cites a sub-technique of a used
 * technique counts). It is measured over the techniques of the tactics the catalog covers (see
 * docs/coverage.md), where a workflow description can decide them; reconnaissance, resource
 * development and similar preparation are reported but not required.
 */
class AtlasCaseStudyTest {

  /** The recall the catalog must keep on the in-scope techniques of all cases together. */
  static final double IN_SCOPE_FLOOR = 0.85;

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  private static final CatalogDocument DOC = CatalogDocument.builtIn();

  record CaseResult(String id, Set<String> used, Set<String> found, Set<String> inScope) {

    Set<String> hits(Set<String> of) {
      return of.stream().filter(found::contains).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static List<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(AtlasCaseStudyTest.class.getResource("/fixtures/atlas-cases").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  static Set<String> techniquesComment(Path file) throws IOException {
    List<String> lines =
        Files.readAllLines(file).stream().filter(l -> l.startsWith("# techniques:")).toList();
    assertThat(lines).as(file.getFileName() + " has one '# techniques:' line").hasSize(1);
    return Arrays.stream(lines.get(0).substring("# techniques:".length()).split(","))
        .map(String::strip)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static CaseResult run(Analyzer analyzer, Path file) throws IOException {
    String id = file.getFileName().toString().replace(".yaml", "");
    Set<String> used = techniquesComment(file);
    Analysis analysis = analyzer.analyze(WorkflowLoader.load(file), TODAY);
    Set<String> refs = new TreeSet<>();
    for (Finding f : analysis.findings()) {
      if (f.status().actionable()) {
        refs.addAll(f.refs().atlas());
      }
    }
    Set<String> found =
        used.stream()
            .filter(t -> refs.contains(t) || refs.stream().anyMatch(r -> r.startsWith(t + ".")))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> inScope =
        used.stream()
            .filter(AtlasCaseStudyTest::inScope)
            .collect(Collectors.toCollection(TreeSet::new));
    return new CaseResult(id, used, found, inScope);
  }

  static boolean inScope(String technique) {
    return DOC.references().entries("atlas").stream()
        .filter(e -> e.text("id").equals(technique))
        .findFirst()
        .map(
            e ->
                e.strings("tactics").stream().anyMatch(CoverageMarkdown.ATLAS_TACTICS::containsKey))
        .orElse(false);
  }

  @Test
  void atLeastEightCaseStudies() throws Exception {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void techniqueCommentsMatchTheAtlasCaseStudies() throws Exception {
    Map<String, Map<String, Object>> studies =
        AtlasData.caseStudies().stream()
            .collect(Collectors.toMap(c -> (String) c.get("id"), c -> c));
    for (Path file : cases()) {
      String id = file.getFileName().toString().replace(".yaml", "");
      assertThat(studies).as("case study " + id + " exists in ATLAS 5.6.0").containsKey(id);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> procedure =
          (List<Map<String, Object>>) studies.get(id).get("procedure");
      Set<String> used =
          procedure.stream()
              .map(s -> (String) s.get("technique"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(techniquesComment(file)).as(id).isEqualTo(used);
      assertThat(Files.readString(file)).contains((String) studies.get(id).get("name"));
    }
  }

  @Test
  void findingsRecallTheTechniquesUsed() throws Exception {
    Analyzer analyzer = new Analyzer(CatalogLoader.builtInCompiled());
    List<CaseResult> results = new ArrayList<>();
    for (Path file : cases()) {
      results.add(run(analyzer, file));
    }
    int used = 0;
    int found = 0;
    int scoped = 0;
    int scopedFound = 0;
    StringBuilder report = new StringBuilder("ATLAS case-study recall\n");
    for (CaseResult r : results) {
      used += r.used().size();
      found += r.found().size();
      scoped += r.inScope().size();
      scopedFound += r.hits(r.inScope()).size();
      Set<String> missed = new TreeSet<>(r.inScope());
      missed.removeAll(r.found());
      report.append(
          "  %s  in scope %d/%d  all %d/%d  missed in scope: %s%n"
              .formatted(
                  r.id(),
                  r.hits(r.inScope()).size(),
                  r.inScope().size(),
                  r.found().size(),
                  r.used().size(),
                  missed));
      assertThat(r.hits(r.inScope())).as(r.id() + " recalls at least one technique").isNotEmpty();
    }
    double inScopeRecall = (double) scopedFound / scoped;
    report.append(
        "  total: in scope %d/%d = %.2f, all techniques %d/%d = %.2f%n"
            .formatted(scopedFound, scoped, inScopeRecall, found, used, (double) found / used));
    System.out.print(report);
    assertThat(inScopeRecall).as(report.toString()).isGreaterThanOrEqualTo(IN_SCOPE_FLOOR);
  }

  @Test
  void inScopeMatchesTheCoverageTactics() {
    List<Entry> atlas = DOC.references().entries("atlas");
    assertThat(atlas).isNotEmpty();
    assertThat(inScope("AML.T0051.001")).isTrue();
    assertThat(inScope("AML.T0000")).isFalse();
  }
}
