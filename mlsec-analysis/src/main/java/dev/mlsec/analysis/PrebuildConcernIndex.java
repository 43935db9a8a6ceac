package dev.mlsec.analysis;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.Synonyms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: indexes the built-in catalog's threats for concern mapping and parses its synonym map
 * once, at build time, into {@value ConcernMatcher.Prebuilt#RESOURCE}, so that a run of mlsec opens
 * the index instead of building it (Lucene's indexing is most of a cold concern mapping).
 */
public final class PrebuildConcernIndex {
  private PrebuildConcernIndex() {}

  /** {@code args[0]}: the classes folder to write the resource into. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).resolve(ConcernMatcher.Prebuilt.RESOURCE);
    Files.createDirectories(out.getParent());
    byte[] bytes = ConcernMatcher.Prebuilt.write(CatalogLoader.builtIn(), Synonyms.builtIn());
    Files.write(out, bytes);
    System.out.println(
        "mlsec: concern index of the built-in catalog (" + bytes.length + " bytes) into " + out);
  }
}
