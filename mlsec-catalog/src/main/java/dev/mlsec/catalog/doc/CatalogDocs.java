package dev.mlsec.catalog.doc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes docs/catalog.md and docs/coverage.md from the built-in catalog. Usage: {@code CatalogDocs
 * DOCS_DIR}; the build checks the committed documents with CatalogDocsTest, which also writes them
 * when run with {@code -Dmlsec.regenerate=true} (see {@link #command()}).
 */
public final class CatalogDocs {

  public static final String CATALOG_FILE = "catalog.md";
  public static final String COVERAGE_FILE = "coverage.md";

  private CatalogDocs() {}

  /** The command that regenerates the documents, for messages. */
  public static String command() {
    return GeneratedNotice.COMMAND;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CatalogDocs DOCS_DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    write(dir);
    System.out.println("wrote " + dir.resolve(CATALOG_FILE) + " and " + dir.resolve(COVERAGE_FILE));
  }

  /** Writes both documents into {@code dir}, creating it if needed. */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    CatalogDocument doc = CatalogDocument.builtIn();
    Files.writeString(
        dir.resolve(CATALOG_FILE), CatalogMarkdown.render(doc), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(COVERAGE_FILE), CoverageMarkdown.render(doc), StandardCharsets.UTF_8);
  }
}
