package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile workflow or model file must not achieve through the command line. */
class HostileInputTest {
  static final byte[] EVIL = "cos\nsystem\n(S'id'\ntR.".getBytes(StandardCharsets.ISO_8859_1);

  static String workflow(String artifacts) {
    return """
        mlsec: 1
        system: hostile
        components:
          registry: {kind: model-registry, artifacts: "%s"}
          api: {kind: serving}
        flows:
          - registry -> api
        """
        .formatted(artifacts);
  }

  @Test
  void artifactsCannotLeaveTheWorkflowsFolder(@TempDir Path tmp) throws IOException {
    Path outside = tmp.resolve("outside.pkl");
    Files.write(outside, EVIL);
    Path dir = Files.createDirectories(tmp.resolve("repo"));
    for (String pattern : new String[] {"../outside.pkl", outside.toString(), "../*.pkl"}) {
      Files.writeString(dir.resolve("wf.yaml"), workflow(pattern));
      CliTest.Run r = CliTest.run("analyze", dir.resolve("wf.yaml").toString(), "--scan");
      assertThat(r.code()).as(pattern).isEqualTo(2);
      assertThat(r.err())
          .as(pattern)
          .contains("wf.yaml:4:")
          .contains("leaves the workflow's folder");
    }
  }

  @Test
  void artifactsDoNotFollowSymbolicLinks(@TempDir Path tmp) throws IOException {
    Path outside = tmp.resolve("outside.pkl");
    Files.write(outside, EVIL);
    Path dir = Files.createDirectories(tmp.resolve("repo/models"));
    Files.createSymbolicLink(dir.resolve("link.pkl"), outside);
    Path wf = tmp.resolve("repo/wf.yaml");
    for (String pattern : new String[] {"models/*.pkl", "models/link.pkl"}) {
      Files.writeString(wf, workflow(pattern));
      CliTest.Run r = CliTest.run("analyze", wf.toString(), "--scan");
      assertThat(r.code()).as(pattern).isEqualTo(2);
      assertThat(r.out()).doesNotContain("outside.pkl");
    }
  }

  @Test
  void aFifoIsRefusedInsteadOfHangingTheScan(@TempDir Path tmp) throws Exception {
    Path fifo = tmp.resolve("model.pkl");
    Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
        "mkfifo is not available here");
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          CliTest.Run r = CliTest.run("scan", fifo.toString());
          assertThat(r.code()).isEqualTo(2);
        });
  }

  @Test
  void controlCharactersInAFileNameDoNotReachTheTerminal(@TempDir Path tmp) throws IOException {
    Path evil = tmp.resolve("a\u001b[2K\r\u001b[32mok.pkl");
    Files.write(evil, EVIL);
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = CliTest.run("scan", evil.toString()).code();
    } finally {
      System.setOut(old);
    }
    String out =
        captured.toString(StandardCharsets.UTF_8) + CliTest.run("scan", evil.toString()).out();
    assertThat(code).isEqualTo(1);
    assertThat(out).contains("MALICIOUS").doesNotContain("\u001b").doesNotContain("\r");
  }

  @Test
  void controlCharactersInAnErrorMessageAreNeutralised(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad, "mlsec: 1\nsystem: x\ncomponents:\n  a: {kind: \"\\e[2J\\e[32mOK\"}\nflows: []\n");
    CliTest.Run r = CliTest.run("validate", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("\u001b").contains("bad.yaml:4:");
  }

  @Test
  void twoFilesWithTheSameNameCannotOverwriteEachOthersReports(@TempDir Path tmp)
      throws IOException {
    Path a = Files.createDirectories(tmp.resolve("a")).resolve("x.yaml");
    Path b = Files.createDirectories(tmp.resolve("b")).resolve("x.yaml");
    Files.copy(CliTest.EXAMPLES.resolve("card-fraud.yaml"), a);
    Files.copy(CliTest.EXAMPLES.resolve("card-fraud.yaml"), b);
    CliTest.Run r =
        CliTest.run("analyze", a.toString(), b.toString(), "-o", tmp.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("same folder");
  }

  @Test
  void unreadableCatalogsAndBaselinesSayWhatIsWrong(@TempDir Path tmp) throws IOException {
    Path latin1 = tmp.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
    String wf = CliTest.EXAMPLES.resolve("card-fraud.yaml").toString();
    String[][] cases = {
      {"--catalog", latin1.toString(), "catalog file is not UTF-8 text (save it as UTF-8)"},
      {"--catalog", tmp.resolve("none.yaml").toString(), "catalog file not found (check the path)"},
      {"--catalog", tmp.toString(), "catalog file is a folder"},
      {"--baseline", latin1.toString(), "baseline is not UTF-8 text"},
      {"--baseline", tmp.resolve("none.json").toString(), "baseline not found"},
    };
    for (String[] c : cases) {
      CliTest.Run r = CliTest.run("analyze", wf, c[0], c[1]);
      assertThat(r.code()).as(c[2]).isEqualTo(2);
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err()).contains(c[1] + ": " + c[2]);
    }
  }
}
