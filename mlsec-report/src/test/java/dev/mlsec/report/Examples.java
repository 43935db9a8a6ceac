package dev.mlsec.report;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * The contract examples, from the repository's {@code examples/} (byte-identical copies of
 * ../shared/spec/examples, checked by {@link ContractExampleCopiesTest}), analysed by the real
 * engine.
 */
public final class Examples {
  /** Fixed so that decisions with an expiry give the same result on every day. */
  public static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  public static final List<String> NAMES =
      List.of("card-fraud", "support-assistant", "image-moderation");

  private Examples() {}

  public static Path dir() {
    return Path.of(System.getProperty("mlsec.examples", "../examples"));
  }

  /** Analyses one example of the repository's examples folder. */
  public static Analysis analyze(String name) throws IOException {
    Path file = dir().resolve(name + ".yaml");
    // part of the repository: a missing one is a broken checkout, not a reason to skip
    Assertions.assertTrue(Files.isRegularFile(file), () -> file + " is absent");
    // The display name is the bare file name so that the output does not depend on the checkout.
    Workflow w =
        WorkflowLoader.parse(Files.readString(file, StandardCharsets.UTF_8), name + ".yaml", file);
    return new Analyzer(CatalogLoader.builtInCompiled()).analyze(w, TODAY);
  }
}
