package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code examples/} holds byte-identical copies of the contract examples in
 * ../shared/spec/examples, so that tests (and a user's clone, which has no ../shared) read the
 * contract from the repository. Skipped, with a message, where ../shared is absent.
 */
class ContractExampleCopiesTest {

  @Test
  void everyContractExampleHasAnIdenticalCopy() throws IOException {
    Path contract = Path.of(System.getProperty("mlsec.shared", "../../shared"), "spec", "examples");
    assumeTrue(
        Files.isDirectory(contract),
        () -> "skipped: " + contract + " is absent, the copies in examples/ are not compared");
    List<Path> files;
    try (Stream<Path> s = Files.list(contract)) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("contract examples in " + contract).isNotEmpty();
    for (Path f : files) {
      Path copy = Examples.dir().resolve(f.getFileName().toString());
      assertThat(copy).as("copy of " + f).exists();
      assertThat(Files.readAllBytes(copy))
          .as(copy + " against " + f)
          .isEqualTo(Files.readAllBytes(f));
    }
    assertThat(files.stream().map(f -> f.getFileName().toString().replace(".yaml", "")))
        .as("Examples.NAMES: the contract examples the report goldens cover")
        .containsExactlyInAnyOrderElementsOf(Examples.NAMES);
  }
}
