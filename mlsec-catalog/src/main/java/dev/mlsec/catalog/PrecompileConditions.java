package dev.mlsec.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step: parses and checks the built-in catalog from its YAML, compiles and type-checks its
 * conditions and writes them in their checked form ({@value CheckedConditions#RESOURCE}) and the
 * checked catalog as a snapshot ({@value CatalogSnapshot#RESOURCE}), so that a run of mlsec reads
 * both instead of parsing YAML and checking expressions at every start.
 */
public final class PrecompileConditions {
  private PrecompileConditions() {}

  /** {@code args[0]}: the classes folder to write the two resources into. */
  public static void main(String[] args) throws IOException {
    Path classes = Path.of(args[0]);
    CheckedConditions store = new CheckedConditions();
    Map<String, byte[]> read = new LinkedHashMap<>();
    CompiledCatalog compiled = CatalogLoader.loadCompiled(List.of(), store, read);
    long conditions =
        compiled.catalog().threats().stream().map(Threat::condition).distinct().count();
    if (store.size() != conditions)
      throw new IOException(
          (conditions - store.size())
              + " built-in conditions cannot be stored in their checked form (CheckedAst): "
              + "extend it, else they are compiled at every start");
    byte[] synonymsBytes = CatalogSnapshot.bytes(Synonyms.RESOURCE);
    if (synonymsBytes == null)
      throw new IOException(Synonyms.RESOURCE + " is not on the classpath");
    read.put(Synonyms.RESOURCE, synonymsBytes);
    Synonyms synonyms =
        Synonyms.parse(Synonyms.RESOURCE, new String(synonymsBytes, StandardCharsets.UTF_8));

    Path storeFile = classes.resolve(CheckedConditions.RESOURCE);
    Files.createDirectories(storeFile.getParent());
    try (OutputStream o = Files.newOutputStream(storeFile)) {
      store.write(o);
    }
    Path snapshot = classes.resolve(CatalogSnapshot.RESOURCE);
    Files.write(
        snapshot, CatalogSnapshot.write(compiled.catalog(), compiled.references(), synonyms, read));
    System.out.println(
        "mlsec: "
            + store.size()
            + " catalog conditions checked into "
            + storeFile
            + ", "
            + compiled.catalog().threats().size()
            + " threats into "
            + snapshot);
  }
}
