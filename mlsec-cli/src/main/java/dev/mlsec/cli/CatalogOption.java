package dev.mlsec.cli;

import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --catalog FILE}: the built-in catalog plus the user's own files. */
final class CatalogOption {
  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "An extra catalog file of your own threats and controls (repeatable).")
  List<Path> files = new ArrayList<>();

  CompiledCatalog load() {
    return files.isEmpty() ? CatalogLoader.builtInCompiled() : CatalogLoader.loadCompiled(files);
  }

  /**
   * An analyzer of the catalog keeping the concerns' mappings in {@code concernCache}. The built-in
   * catalog is given at once (the snapshot's), its conditions when the rules first run: the first
   * workflow's concerns, checks and facts go ahead while Main's warm-up thread still plans them.
   */
  Analyzer analyzer(Optional<Path> concernCache) {
    return files.isEmpty()
        ? new Analyzer(CatalogLoader.builtInCatalog(), CatalogLoader::builtInCompiled, concernCache)
        : new Analyzer(CatalogLoader.loadCompiled(files), concernCache);
  }
}
