package dev.mlsec.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.analysis.WorkflowCheck;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture repository drafts the golden workflow, byte for byte and twice the same; the draft
 * validates against the format and the catalog; and analyzing it finds the threats its files imply.
 * Regenerate the goldens after a deliberate change with {@code -Dmlsec.golden.write=true}.
 */
class DiscoveryGoldenTest {
  static final CompiledCatalog CATALOG = CatalogLoader.builtInCompiled();
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** Findings (status open) each fixture's sources imply. */
  static final Map<String, List<String>> IMPLIED =
      Map.of(
          "mlflow-pickle",
          List.of(
              "unsafe-deserialization@model",
              "unpinned-artifact@distilbert-distilbert-base-uncased",
              "unpinned-artifact@action-actions-checkout",
              "secrets-in-notebooks@github-actions"),
          "hf-remote-code",
          List.of(
              "compromised-dependency@hf-remote-code-remote-code",
              "compromised-dependency@acme-phi-support-remote-code",
              "unsafe-deserialization@hf-remote-code",
              "unpinned-artifact@acme-phi-support",
              // the base whose pin the files do not state asks first (a pinned public-hub base
              // that drives no agent tool is not raised); the unpinned one is open
              "poisoned-pretrained-model@acme-phi-support"),
          "mcp-agent",
          List.of(
              "tool-poisoning@mcp-linear",
              "unpinned-artifact@mcp-github",
              "tool-poisoning@mcp-github",
              "rag-poisoning@agent-chroma"),
          "dvc-get-started",
          List.of("unsafe-deserialization@model", "poisoned-data-source@data-data-xml"),
          "kserve-kubeflow",
          List.of(
              "unsafe-deserialization@sklearn-iris-model-store",
              "unpinned-artifact@facebook-bart-large-cnn",
              "public-dataset-poisoning@importer",
              "missing-change-audit@abalone-register-model"),
          "malformed",
          List.of("unsafe-deserialization@weights-model"));

  static Stream<String> repos() {
    return IMPLIED.keySet().stream().sorted();
  }

  static Path repo(String name) throws URISyntaxException {
    return Path.of(DiscoveryGoldenTest.class.getResource("/repos/" + name).toURI());
  }

  @ParameterizedTest
  @MethodSource("repos")
  void draftsTheGoldenWorkflow(String name) throws Exception {
    Discovery.Result r = new Discovery().discover(repo(name), false);
    String warnings = String.join("\n", r.warnings()) + (r.warnings().isEmpty() ? "" : "\n");
    golden(name + ".yaml", r.workflow());
    golden(name + ".warnings", warnings);
    assertThat(new Discovery().discover(repo(name), false).workflow())
        .as("same bytes twice")
        .isEqualTo(r.workflow());
  }

  @ParameterizedTest
  @MethodSource("repos")
  void draftValidatesAndAnalysisFindsTheImpliedThreats(String name) throws Exception {
    Discovery.Result r = new Discovery().discover(repo(name), false);
    Workflow w = WorkflowLoader.parse(r.workflow(), name + ".yaml", null);
    WorkflowCheck.check(w, CATALOG.catalog());
    Analysis a = new Analyzer(CATALOG).analyze(w, LocalDate.of(2026, 1, 1));
    // a finding grouped by root cause answers to each target's id (its aliases)
    List<String> open =
        a.findings().stream()
            .filter(f -> f.status().id().equals("open"))
            .flatMap(f -> f.ids().stream())
            .toList();
    assertThat(open).containsAll(IMPLIED.get(name));
  }

  @ParameterizedTest
  @MethodSource("repos")
  void everyInferredLineCarriesItsEvidence(String name) throws Exception {
    String draft = new Discovery().discover(repo(name), false).workflow();
    for (String line : draft.split("\n")) {
      boolean attribute =
          line.matches("    [a-z-]+: .*") && !line.matches("    (kind|name|contains): .*");
      if (attribute && !line.endsWith(": unknown")) assertThat(line).as(line).contains("# from ");
      if (line.matches("  - .* -> .*")) assertThat(line).as(line).contains("# from ");
    }
  }

  /** {@code --scan}: the scanner's verdict on each model file a source named is noted. */
  @org.junit.jupiter.api.Test
  void scanNotesTheVerdictOfEveryModelFileFound(@org.junit.jupiter.api.io.TempDir Path repo)
      throws IOException {
    // protocol 2 pickle that calls os.system("id") when loaded; it is only read here
    byte[] evil = {
      (byte) 0x80,
      2,
      'c',
      'o',
      's',
      '\n',
      's',
      'y',
      's',
      't',
      'e',
      'm',
      '\n',
      'X',
      2,
      0,
      0,
      0,
      'i',
      'd',
      (byte) 0x85,
      'R',
      '.'
    };
    Files.createDirectories(repo.resolve("models"));
    Files.write(repo.resolve("models/evil.pkl"), evil);
    Files.writeString(
        repo.resolve("serve.py"), "import joblib\nm = joblib.load('models/evil.pkl')\n");
    String plain = new Discovery().discover(repo, false).workflow();
    String scanned = new Discovery().discover(repo, true).workflow();
    assertThat(plain).doesNotContain("# scan of");
    assertThat(scanned).contains("    # scan of models/evil.pkl: malicious (pickle");
  }

  private static void golden(String file, String actual) throws IOException {
    Path g = GOLDEN.resolve(file);
    if (Boolean.getBoolean("mlsec.golden.write")) Files.writeString(g, actual);
    assertThat(actual).as(file).isEqualTo(Files.readString(g));
  }
}
