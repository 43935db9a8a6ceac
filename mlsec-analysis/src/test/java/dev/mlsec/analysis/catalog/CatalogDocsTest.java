package dev.mlsec.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.doc.CatalogDocs;
import dev.mlsec.catalog.doc.CatalogDocument;
import dev.mlsec.catalog.doc.CatalogMarkdown;
import dev.mlsec.catalog.doc.CoverageMarkdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed docs/catalog.md and docs/coverage.md must be what the catalog generates today. Run
 * with {@code -Dmlsec.regenerate=true} to rewrite them.
 */
class CatalogDocsTest {

  private static final Path DOCS =
      Path.of(System.getProperty("user.dir")).getParent().resolve("docs");

  @Test
  void committedDocsAreUpToDate() throws IOException {
    if (Boolean.getBoolean("mlsec.regenerate")) {
      CatalogDocs.write(DOCS);
    }
    CatalogDocument doc = CatalogDocument.builtIn();
    assertSame(CatalogDocs.CATALOG_FILE, CatalogMarkdown.render(doc));
    assertSame(CatalogDocs.COVERAGE_FILE, CoverageMarkdown.render(doc));
  }

  @Test
  void generationIsDeterministic() {
    assertThat(CatalogMarkdown.render(CatalogDocument.builtIn()))
        .isEqualTo(CatalogMarkdown.render(CatalogDocument.builtIn()));
    assertThat(CoverageMarkdown.render(CatalogDocument.builtIn()))
        .isEqualTo(CoverageMarkdown.render(CatalogDocument.builtIn()));
  }

  @Test
  void coverageHasNoGaps() {
    assertThat(CoverageMarkdown.render(CatalogDocument.builtIn())).doesNotContain("not covered");
  }

  @Test
  void everyThreatAndControlIsDocumented() {
    CatalogDocument doc = CatalogDocument.builtIn();
    String md = CatalogMarkdown.render(doc);
    doc.threats().forEach(t -> assertThat(md).contains("### " + t.text("id") + "\n"));
    doc.controls().forEach(c -> assertThat(md).contains("### " + c.text("id") + "\n"));
  }

  private static void assertSame(String file, String generated) throws IOException {
    Path path = DOCS.resolve(file);
    String committed =
        Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "(missing)";
    assertThat(committed)
        .as(
            "docs/%s is out of date with the catalog; regenerate it with: %s",
            file, CatalogDocs.command())
        .isEqualTo(generated);
  }
}
