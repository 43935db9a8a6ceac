package dev.mlsec.catalog.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDocumentTest {

  private static final CatalogDocument DOC = CatalogDocument.builtIn();

  @Test
  void readsEveryFileOfTheIndex() {
    assertThat(DOC.families()).extracting(f -> f.text("id")).contains("evasion", "data-poisoning");
    assertThat(DOC.threats()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(DOC.controls()).extracting(c -> c.text("id")).contains("tls", "content-filter");
    assertThat(DOC.referenceTitle("owasp-llm", "LLM01:2025")).contains("Prompt Injection");
    assertThat(DOC.referenceTitle("owasp-llm", "LLM99:2025")).isEmpty();
  }

  @Test
  void namesResolveToThreatsOrFamilies() {
    assertThat(DOC.threatsNamedBy("model-extraction")).isNotEmpty();
    assertThat(DOC.threatsNamedBy("evasion"))
        .allMatch(t -> t.text("family").equals("evasion"))
        .hasSizeGreaterThan(3);
    assertThat(DOC.threatsNamedBy("no-such-thing")).isEmpty();
  }

  @Test
  void entriesReadLeniently() {
    CatalogDocument.Entry t = DOC.threat("evasion-black-box").orElseThrow();
    assertThat(t.text("missing")).isEmpty();
    assertThat(t.strings("missing")).isEmpty();
    assertThat(t.strings("title")).hasSize(1);
    assertThat(t.entries("title")).isEmpty();
    assertThat(t.entry("refs").strings("atlas")).contains("AML.T0015");
  }

  @Test
  void markdownKeepsTablesAndCodeIntact() {
    Markdown md = new Markdown();
    md.row("a|b", "c");
    md.line("x\ny  ");
    md.block("one\n  two\n");
    assertThat(md.toString()).isEqualTo("| a\\|b | c |\nx y\none\n  two\n");
  }

  @Test
  void coverageListsTheSevenTacticsAndNoGap() {
    String coverage = CoverageMarkdown.render(DOC);
    CoverageMarkdown.ATLAS_TACTICS.forEach(
        (id, name) -> assertThat(coverage).contains("### " + name + " (" + id + ")"));
    assertThat(coverage).doesNotContain("not covered");
  }

  @Test
  void mainWritesBothDocuments(@TempDir Path dir) throws Exception {
    CatalogDocs.main(new String[] {dir.toString()});
    assertThat(Files.readString(dir.resolve(CatalogDocs.CATALOG_FILE)))
        .isEqualTo(CatalogMarkdown.render(DOC));
    assertThat(Files.readString(dir.resolve(CatalogDocs.COVERAGE_FILE)))
        .isEqualTo(CoverageMarkdown.render(DOC));
    assertThat(CatalogDocs.command()).contains("-Dmlsec.regenerate=true");
  }
}
