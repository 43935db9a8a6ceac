package dev.mlsec.model.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the test files are: the repository's examples and this module's fixtures. */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    return Path.of(System.getProperty("mlsec.root", "..")).toAbsolutePath().normalize();
  }

  static Path examplesDir() {
    return root().resolve("examples");
  }

  static List<Path> examples() {
    return yamlFiles(examplesDir());
  }

  static List<Path> malformed() {
    return yamlFiles(root().resolve("mlsec-model/src/test/resources/malformed"));
  }

  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
