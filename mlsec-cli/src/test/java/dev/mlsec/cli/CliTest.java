package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.report.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line as a user meets it: exit codes, one-line errors, the examples. */
class CliTest {

  /** The examples shipped with the project (repo root). */
  static final Path EXAMPLES = Path.of("..", "examples");

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), args).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void topLevelHelpListsEveryTypedValue() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Values of typed options:")
        .contains("  analyze --fail-on: critical, high, medium, low, info, none")
        .contains("  analyze --color: auto, always, never")
        .contains("  scan --format: text, json, sarif")
        .contains("  scan --policy: default, strict");
    // picocli wraps a long list of values: compare with the line breaks taken out
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains(" analyze --format: " + String.join(", ", Format.ids()) + " ");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleAnalyzesWithExitZeroOrOne(Path example) {
    Run r = run("analyze", example.toString(), "--today", "2026-11-28");
    assertThat(r.code()).as(r.err()).isIn(0, 1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("ML-SPECIFIC FINDINGS");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleValidates(Path example) {
    Run r = run("validate", example.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(": valid (");
  }

  @Test
  void jsonFollowsTheContract() throws IOException {
    Run r =
        run(
            "analyze",
            EXAMPLES.resolve("card-fraud.yaml").toString(),
            "--format",
            "json",
            "--today",
            "2026-11-28");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("system").asText()).isEqualTo("Card fraud scoring");
    assertThat(doc.get("findings").size()).isPositive();
    JsonNode first = doc.get("findings").get(0);
    for (String field :
        new String[] {
          "id",
          "threat",
          "title",
          "class",
          "severity",
          "status",
          "why",
          "path",
          "depends-on",
          "mitigations",
          "refs",
          "location"
        }) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(doc.has("claims")).isTrue();
    assertThat(doc.has("concerns")).isTrue();
    assertThat(doc.has("open-questions")).isTrue();
  }

  @Test
  void sameInputSameBytes() {
    String file = EXAMPLES.resolve("support-assistant.yaml").toString();
    for (String format : new String[] {"text", "json", "markdown", "sarif", "html"}) {
      Run a = run("analyze", file, "--format", format, "--today", "2026-11-28");
      Run b = run("analyze", file, "--format", format, "--today", "2026-11-28");
      assertThat(a.out()).as(format).isEqualTo(b.out());
    }
  }

  @Test
  void failOnNoneAlwaysExitsZeroAndCriticalIsStricterThanInfo() {
    String file = EXAMPLES.resolve("card-fraud.yaml").toString();
    assertThat(run("analyze", file, "--fail-on", "none").code()).isZero();
    assertThat(run("analyze", file, "--fail-on", "info").code()).isEqualTo(1);
  }

  @Test
  void aBaselineOfTheSameRunHasNoNewFindingsSoItPasses(@TempDir Path tmp) throws IOException {
    String file = EXAMPLES.resolve("card-fraud.yaml").toString();
    Path previous = tmp.resolve("previous.json");
    Files.writeString(previous, run("analyze", file, "--format", "json").out());
    Run r = run("analyze", file, "--baseline", previous.toString(), "--fail-on", "info");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void outputDirGetsEveryForm(@TempDir Path tmp) {
    Run r =
        run(
            "analyze",
            EXAMPLES.resolve("image-moderation.yaml").toString(),
            "--output",
            tmp.toString(),
            "--fail-on",
            "none");
    assertThat(r.code()).as(r.err()).isZero();
    for (Format f : Format.values()) {
      assertThat(tmp.resolve(f.fileName())).as(f.id()).isNotEmptyFile();
    }
  }

  @Test
  void aMalformedFileIsOneLineWithPositionAndExitTwo(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "mlsec: 1\nsystem: x\ncomponents:\n  a:\n    kind: servng\nflows: []\n");
    Run r = run("analyze", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("bad.yaml:5:").contains("serving").doesNotContain("Exception");
  }

  /**
   * analyze with --catalog takes the user's catalog compiled at once (the built-in one alone is
   * given to the analyzer before its conditions are planned): the user's threat fires and the
   * built-in threats find what they find without --catalog.
   */
  @Test
  void analyzeWithAUserCatalogRunsItsThreatsBesideTheBuiltInOnes(@TempDir Path tmp)
      throws IOException {
    Path mine =
        Files.writeString(
            tmp.resolve("mine.yaml"),
            """
        threats:
          - id: my-open-job
            title: A job anyone may start
            class: conventional
            family: supply-chain
            stage: platform
            applies-to: [compute]
            when: c.authentication == 'none'
            impact: low
            summary: s
        """);
    Path w =
        Files.writeString(
            tmp.resolve("w.yaml"),
            """
        mlsec: 1
        system: x
        components:
          job: {kind: compute, authentication: none}
          other: {kind: compute, authentication: sso}
        flows: []
        """);
    Run with = run("analyze", w.toString(), "--catalog", mine.toString(), "--format", "json");
    Run without = run("analyze", w.toString(), "--format", "json");
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(without.code()).as(without.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> ids =
        json.readTree(with.out()).get("findings").findValuesAsText("id").stream()
            .filter(id -> id.startsWith("my-open-job@"))
            .toList();
    assertThat(ids).containsExactly("my-open-job@job");
    JsonNode builtInOnly = json.readTree(without.out()).get("findings");
    assertThat(builtInOnly).isNotEmpty();
    List<JsonNode> others = new java.util.ArrayList<>();
    for (JsonNode f : json.readTree(with.out()).get("findings"))
      if (!f.get("id").asText().startsWith("my-open-job@")) others.add(f);
    assertThat(others).containsExactlyElementsOf(builtInOnly);
  }

  @Test
  void catalogErrorsPointAtTheEntryToEdit(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("claims.yaml");
    String body =
        """
        mlsec: 1
        system: x
        components:
          api: {kind: serving}
        flows: []
        controls:
          - id: %s
            applies-to: [api]
            believed-to-stop: [evasion, %s]
        """;
    Files.writeString(bad, body.formatted("rate-limting", "data-poisoning"));
    Run control = run("validate", bad.toString());
    assertThat(control.code()).isEqualTo(2);
    assertThat(control.err()).contains("claims.yaml:7:9:").contains("did you mean 'rate-limiting'");
    Files.writeString(bad, body.formatted("rate-limiting", "evasoin"));
    Run claim = run("validate", bad.toString());
    assertThat(claim.code()).isEqualTo(2);
    assertThat(claim.err()).contains("claims.yaml:9:33:").contains("did you mean 'evasion'");
  }

  @Test
  void validateChecksEveryFileAndListsEveryMistake(@TempDir Path tmp) throws IOException {
    Path good = tmp.resolve("good.yaml");
    Files.writeString(
        good,
        """
        mlsec: 1
        system: x
        components:
          feed: {kind: data-source, pinned: true}
        flows: []
        """);
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        "mlsec: 1\nsystem: x\ncomponents:\n  a: {kind: actr}\n  b: {kind: servng}\nflows: []\n");
    Path alsoBad = tmp.resolve("also-bad.yaml");
    Files.writeString(alsoBad, "mlsec: 1\nsystem: x\ncomponents:\n  a: {kind: actor}\n");
    Run r = run("validate", bad.toString(), good.toString(), alsoBad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out().lines())
        .containsExactly(good + ": valid (1 components, 0 flows, 0 controls)");
    assertThat(r.err().lines())
        .containsExactly(
            "mlsec: " + bad + ":4:13: 'actr' is not a valid component kind (did you mean 'actor'?)",
            "mlsec: "
                + bad
                + ":5:13: 'servng' is not a valid component kind (did you mean 'serving'?)",
            "mlsec: warning: "
                + good
                + ":4:29: 'pinned' means nothing on a data-source and is ignored (a data source is"
                + " read as it changes; pin the artifacts fetched from outside (pretrained-model,"
                + " dependency, agent-tool))",
            "mlsec: "
                + alsoBad
                + ":1:1: the workflow has no 'flows' (add 'flows:' (an empty list '[]' is allowed))");
  }

  @Test
  void catalogMistakesAreAllReportedAndOtherSpellingsOfIdsSuggested(@TempDir Path tmp)
      throws IOException {
    Path bad = tmp.resolve("claims.yaml");
    Files.writeString(
        bad,
        """
        mlsec: 1
        system: x
        components:
          api: {kind: serving}
        flows: []
        controls:
          - id: rate-limting
            applies-to: [api]
          - id: rate-limiting
            applies-to: [api]
            believed-to-stop: [model-stealing]
        """);
    Run r = run("validate", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .hasSize(2)
        .satisfiesExactly(
            l ->
                assertThat(l).contains("claims.yaml:7:9:").contains("did you mean 'rate-limiting'"),
            l ->
                assertThat(l)
                    .contains("claims.yaml:11:24:")
                    .contains("'model-stealing'")
                    .contains("did you mean 'model-extraction'"));
  }

  @Test
  void aMissingFileIsExitTwo() {
    Run r = run("analyze", "no-such-file.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("no-such-file.yaml");
  }

  @Test
  void aBadOptionValueIsExitTwoWithSuggestion() {
    Run r = run("analyze", EXAMPLES.resolve("card-fraud.yaml").toString(), "--format", "jsn");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("did you mean 'json'");
  }

  @Test
  void catalogListAndShow() {
    Run list = run("catalog", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("model-extraction");
    Run show = run("catalog", "show", "tls");
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("does not stop");
    Run typo = run("catalog", "show", "model-extractoin");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean 'model-extraction'");
    Run synonym = run("catalog", "show", "model-stealing");
    assertThat(synonym.code()).isEqualTo(2);
    assertThat(synonym.err()).contains("did you mean 'model-extraction'");
  }

  @Test
  void catalogShowAcceptsFrameworkIdsAndListsTheThreatsCitingThem() {
    Run atlas = run("catalog", "show", "AML.T0051");
    assertThat(atlas.code()).as(atlas.err()).isZero();
    assertThat(atlas.out())
        .contains("AML.T0051 — LLM Prompt Injection (MITRE ATLAS)")
        .contains("AML.T0051.001 — Indirect (MITRE ATLAS)")
        .containsPattern("(?m)^  indirect-prompt-injection +");
    Run owasp = run("catalog", "show", "llm01");
    assertThat(owasp.code()).isZero();
    assertThat(owasp.out())
        .startsWith("LLM01:2025 — Prompt Injection (OWASP LLM Top 10)")
        .containsPattern("(?m)^  direct-prompt-injection +");
    Run ml = run("catalog", "show", "ML02");
    assertThat(ml.out()).startsWith("ML02:2023 — Data Poisoning Attack (OWASP ML Top 10)");
    assertThat(ml.out()).containsPattern("(?m)^  label-poisoning +");
    Run none = run("catalog", "show", "AML.T0000");
    assertThat(none.out()).contains("no threat of the catalog references it");
  }

  /**
   * A command line that starts with a command's name is parsed by a tree of that command alone
   * (picocli builds every command it is given): help, usage errors, a run and the exit code are
   * what the whole tree gives.
   */
  @ParameterizedTest
  @MethodSource("singleCommandLines")
  void aTreeOfTheNamedCommandAloneAnswersAsTheWholeTree(List<String> line) {
    String[] args = line.toArray(String[]::new);
    CommandLine one =
        Main.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    assertThat(one.getSubcommands().keySet()).containsExactly(args[0]);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    assertThat(run(args)).isEqualTo(new Run(code, out.toString(), err.toString()));
  }

  static Stream<List<String>> singleCommandLines() {
    String card = EXAMPLES.resolve("card-fraud.yaml").toString();
    return Stream.of(
        List.of("analyze", "--help"),
        List.of("analyze", card, "--today", "2026-11-28", "--format", "markdown"),
        List.of("analyze", card, "--format", "htm"),
        List.of("analyze"),
        List.of("analyze", card, "--no-such-option"),
        List.of("validate", card),
        List.of("catalog", "list"),
        List.of("catalog", "--help"),
        List.of("scan", "--help"),
        List.of("discover", "--help"),
        List.of("interview", "--help"));
  }

  @Test
  void helpAndTopLevelOptionsGetTheWholeTree() {
    for (String first : List.of("help", "--help", "--version", "--debug", "analyse")) {
      CommandLine cl =
          Main.commandLine(
              new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), first);
      assertThat(cl.getSubcommands()).as(first).containsKeys("analyze", "scan", "help");
    }
  }
}
