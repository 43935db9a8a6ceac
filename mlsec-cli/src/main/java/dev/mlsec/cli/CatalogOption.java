package dev.mlsec.cli;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
