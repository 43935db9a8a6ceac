package dev.mlsec.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlsec.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan command end to end: exit codes, output formats, error lines. */
class ScanCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** A protocol-2 pickle that calls os.system('id'), written byte by byte. */
  static byte[] osSystem() {
    return "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R."
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] cleanPickle() {
    return new byte[] {(byte) 0x80, 4, '}', (byte) 0x94, '.'};
  }

  @Test
  void cleanFileExitsZero(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("a.pkl"), cleanPickle());
    Run r = run("scan", f.toString());
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("CLEAN");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void maliciousFileExitsOneWithRuleAndOffset(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("m.pkl"), osSystem());
    Run r = run("scan", "--format", "json", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("\"verdict\" : \"malicious\"")
        .contains("pickle.exec")
        .contains("os.system");
  }

  @Test
  void failOnCriticalStillFailsForCritical(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("m.pkl"), osSystem());
    assertThat(run("scan", "--fail-on", "critical", f.toString()).code()).isEqualTo(1);
    Path c = Files.write(dir.resolve("c.pkl"), cleanPickle());
    assertThat(run("scan", "--fail-on", "critical", c.toString()).code()).isEqualTo(0);
  }

  @Test
  void missingFileIsOneLineExitTwo(@TempDir Path dir) {
    Run r = run("scan", dir.resolve("nope.pt").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("mlsec scan: no such file")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void badOptionIsUsageError(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("a.pkl"), cleanPickle());
    assertThat(run("scan", "--format", "xml", f.toString()).code()).isEqualTo(2);
    assertThat(run("scan", "--policy", "lax", f.toString()).code()).isEqualTo(2);
    assertThat(run("scan", "--fail-on", "severe", f.toString()).code()).isEqualTo(2);
  }

  @Test
  void nothingScannableExitsThree(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "just some words, no model here\n");
    assertThat(run("scan", dir.toString()).code()).isEqualTo(3);
    Path fake = Files.writeString(dir.resolve("w.safetensors"), "hello, not a model");
    assertThat(run("scan", fake.toString()).code()).isEqualTo(1);
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThat(run("scan", empty.toString()).code()).isEqualTo(3);
  }

  @Test
  @Tag("corpus")
  void strictPolicyFlagsUnknownClassRebuild() throws IOException {
    String shared = System.getProperty("mlsec.shared");
    Path f =
        shared == null
            ? null
            : Path.of(shared, "corpus", "benign", "torch_save_full_model_custom_main_class_zip.pt");
    assumeTrue(f != null && Files.exists(f), "skipped: the shared corpus file " + f + " is absent");
    assertThat(run("scan", f.toString()).code()).isEqualTo(0);
    assertThat(run("scan", "--policy", "strict", f.toString()).code()).isEqualTo(1);
  }

  @Test
  @Tag("corpus")
  void benignCorpusDirectoryExitsZero() {
    String shared = System.getProperty("mlsec.shared");
    Path dir = shared == null ? null : Path.of(shared, "corpus", "benign");
    assumeTrue(
        dir != null && Files.isDirectory(dir), "skipped: the shared corpus " + dir + " is absent");
    Run r = run("scan", "--format", "sarif", dir.toString());
    assertThat(r.code()).as(r.out()).isEqualTo(0);
    assertThat(r.out()).contains("\"version\" : \"2.1.0\"");
  }

  @Test
  void symbolicLinksInDirectoriesAreNotFollowed(@TempDir Path dir) throws IOException {
    Path outside = Files.write(dir.resolve("evil.pkl"), osSystem());
    Path scanned = Files.createDirectory(dir.resolve("models"));
    Files.write(scanned.resolve("ok.pkl"), cleanPickle());
    try {
      Files.createSymbolicLink(scanned.resolve("link.pkl"), outside);
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here");
    }
    Run r = run("scan", scanned.toString());
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).doesNotContain("link.pkl");
  }

  @Test
  void outputIsDeterministic(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("b.pkl"), osSystem());
    Files.write(dir.resolve("a.pkl"), cleanPickle());
    String one = run("scan", "--format", "json", dir.toString()).out();
    String two = run("scan", "--format", "json", dir.toString()).out();
    assertThat(one).isEqualTo(two);
    assertThat(one.indexOf("a.pkl")).isLessThan(one.indexOf("b.pkl"));
  }
}
