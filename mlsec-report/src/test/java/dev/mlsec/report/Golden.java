package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a file under src/test/resources/golden; {@code -Dmlsec.updateGolden=true}
 * rewrites the file instead (then review the diff before committing).
 */
public final class Golden {
  private static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void check(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("mlsec.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file)
        .as("golden file %s is missing: run with -Dmlsec.updateGolden=true", file)
        .exists();
    assertThat(actual)
        .as("output differs from %s (run with -Dmlsec.updateGolden=true to accept)", file)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
