package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * The repository's examples/ folder (its contract examples are byte-identical copies of
 * shared/spec/examples, checked by the report module's ContractExampleCopiesTest).
 */
public final class Examples {
  private Examples() {}

  /** One file of examples/; a missing one is a broken checkout, so it fails instead of skipping. */
  public static Path file(String name) {
    Path file = Path.of(System.getProperty("mlsec.examples", "../examples"), name);
    assertThat(file).isRegularFile();
    return file;
  }
}
