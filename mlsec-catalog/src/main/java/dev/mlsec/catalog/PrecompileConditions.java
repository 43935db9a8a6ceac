package dev.mlsec.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build step: compiles and type-checks the built-in catalog's conditions and writes them in CEL's
 * checked form beside the catalog ({@value CheckedConditions#RESOURCE}), so that a run of mlsec
 * loads checked expressions instead of parsing and checking them at every start.
 */
public final class PrecompileConditions {
  private PrecompileConditions() {}

  /** {@code args[0]}: the classes folder to write {@value CheckedConditions#RESOURCE} into. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).resolve(CheckedConditions.RESOURCE);
    CheckedConditions store = new CheckedConditions();
    CatalogLoader.loadCompiled(List.of(), store);
    Files.createDirectories(out.getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      store.write(o);
    }
    System.out.println("mlsec: " + store.size() + " catalog conditions checked into " + out);
  }
}
