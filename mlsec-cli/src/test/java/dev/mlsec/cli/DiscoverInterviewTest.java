package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.discover.interview.Interview;
import dev.mlsec.discover.interview.InterviewAnswers;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlsec discover} and {@code mlsec interview} as a user meets them. */
class DiscoverInterviewTest {
  static final Path REPOS = Path.of("..", "mlsec-discover", "src", "test", "resources", "repos");
  static final Path GOLDEN = Path.of("..", "mlsec-discover", "src", "test", "resources", "golden");

  @Test
  void discoverPrintsTheDraftAndASummary() throws IOException {
    CliTest.Run r = CliTest.run("discover", REPOS.resolve("mlflow-pickle").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(GOLDEN.resolve("mlflow-pickle.yaml")));
    assertThat(r.err()).startsWith("discover: read 8 of 9 files").contains("attributes unknown");
  }

  @Test
  void theDraftValidatesUnchanged(@TempDir Path tmp) {
    Path draft = tmp.resolve("draft.yaml");
    CliTest.Run r =
        CliTest.run("discover", REPOS.resolve("mcp-agent").toString(), "-o", draft.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    CliTest.Run v = CliTest.run("validate", draft.toString());
    assertThat(v.code()).as(v.err()).isZero();
  }

  @Test
  void malformedFilesAreWarningsAndStillADraft() {
    CliTest.Run r = CliTest.run("discover", REPOS.resolve("malformed").toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("  dvc.yaml:5: invalid YAML").doesNotContain("Exception");
  }

  @Test
  void aFileIsNoRepository() {
    CliTest.Run r = CliTest.run("discover", REPOS.resolve("mcp-agent/agent.py").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).endsWith("agent.py: not a folder (give the repository's folder)");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void answersChangeOnlyTheAnsweredAttributes(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("draft.yaml");
    String before = Files.readString(GOLDEN.resolve("dvc-get-started.yaml"));
    Files.writeString(file, before);
    Path answers = tmp.resolve("answers.yaml");
    Files.writeString(
        answers, "train.method: from-scratch\nmodel.signed: false\nrepository.visibility: skip\n");
    CliTest.Run r = CliTest.run("interview", file.toString(), "--answers", answers.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("updated (3 answers)").contains("open questions: ");
    String after = Files.readString(file);
    String expected =
        before
            .replace(
                "  train:   # from dvc.yaml:22 (stage train)\n    kind: training\n    method: unknown\n",
                "  train:   # from dvc.yaml:22 (stage train)\n    kind: training\n    method: from-scratch\n")
            .replaceFirst(
                "(  model:[^\\n]*\\n(    [^\\n]*\\n)*?    )signed: unknown", "$1signed: false");
    assertThat(after).isNotEqualTo(before).isEqualTo(expected);
  }

  @Test
  void aWrongAnswerIsOneLineAndChangesNothing(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("draft.yaml");
    String before = Files.readString(GOLDEN.resolve("dvc-get-started.yaml"));
    Files.writeString(file, before);
    Path answers = tmp.resolve("a.yaml");
    Files.writeString(answers, "train.method: fine-tune\nmodel.signed: maybe\n");
    CliTest.Run r = CliTest.run("interview", file.toString(), "--answers", answers.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "mlsec: "
                + answers
                + ":2:1: 'maybe' is not an answer for signed (write true or false)");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  /**
   * The dialogue in a real pseudo-terminal ({@code script} from util-linux): a wrong word is asked
   * again, Tab completes an answer, Ctrl-D ends the interview and keeps the answers given.
   */
  @Test
  void interviewInAPseudoTerminal(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(new File("/usr/bin/script").canExecute(), "script(1) is not installed");
    String text =
        """
        mlsec: 1
        system: s
        components:
          users: {kind: actor, trust: anonymous}
          api:
            kind: serving   # our API
            outputs: score
        flows:
          - users <-> api
        """;
    Path file = tmp.resolve("w.yaml");
    Files.writeString(file, text);
    List<Interview.Question> qs =
        Interview.questions(
            InterviewAnswers.analyze(
                new Analyzer(CatalogLoader.builtInCompiled()),
                text,
                "w.yaml",
                file,
                LocalDate.now(ZoneOffset.UTC)));
    Interview.Question first = qs.get(0);
    String value = first.choices().get(0).value();
    String prefix =
        uniquePrefix(value, first.choices().stream().map(Interview.Choice::value).toList());

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd =
        java
            + " -cp "
            + System.getProperty("java.class.path")
            + " dev.mlsec.cli.Main interview "
            + file;
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", cmd, "/dev/null");
    pb.environment().put("TERM", "xterm");
    pb.redirectErrorStream(true);
    Path log = tmp.resolve("session.txt");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      pause(8000); // the JVM starts and asks the first question
      in.write("nonsense-word\r".getBytes(StandardCharsets.UTF_8));
      in.flush();
      pause(3000);
      in.write((prefix + "\t\r").getBytes(StandardCharsets.UTF_8));
      in.flush();
      pause(3000);
      in.write(4); // Ctrl-D: stop, keep what was answered
      in.flush();
      pause(500);
    }
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("interview ended").isTrue();
    String session = Files.readString(log);
    assertThat(session)
        .contains("[1/" + qs.size() + "] " + first.key())
        .contains("'nonsense-word' is not a");
    String after = Files.readString(file);
    assertThat(after).as(session).isNotEqualTo(text).contains("# our API");
    assertThat(
            InterviewAnswers.analyze(
                    new Analyzer(CatalogLoader.builtInCompiled()),
                    after,
                    "w.yaml",
                    file,
                    LocalDate.now(ZoneOffset.UTC))
                .workflow()
                .components()
                .get(first.component())
                .attribute(first.attribute())
                .isUnknown())
        .isFalse();
  }

  private static String uniquePrefix(String value, List<String> all) {
    for (int n = 1; n <= value.length(); n++) {
      String p = value.substring(0, n);
      if (all.stream().filter(v -> v.startsWith(p)).count() == 1) return p;
    }
    return value;
  }

  private static void pause(long ms) throws InterruptedException {
    Thread.sleep(ms);
  }
}
