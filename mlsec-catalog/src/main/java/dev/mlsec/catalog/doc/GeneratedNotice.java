package dev.mlsec.catalog.doc;

/** The line at the top of every generated document, naming the command that regenerates it. */
final class GeneratedNotice {

  static final String COMMAND =
      "./mvnw -B -q -pl mlsec-analysis -am test -Dtest=CatalogDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dmlsec.regenerate=true";

  static final String TEXT =
      "_Generated from the catalog in `mlsec-catalog/src/main/resources/catalog/`; do not edit."
          + " Regenerate with `"
          + COMMAND
          + "`._";

  private GeneratedNotice() {}
}
