package dev.mlsec.scan.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanProgressTest {

  private static FileReport report(Verdict v, long size) {
    return new FileReport("f", "pickle", v, List.of(), size, size, List.of("pickle"));
  }

  @Test
  void rendersFilesBytesVerdictsAndThePath() {
    String line =
        ScanProgress.render(
            12,
            40,
            3 << 20,
            8 << 20,
            Map.of(Verdict.CLEAN, 10, Verdict.MALICIOUS, 2),
            "models/a.pt",
            120);
    assertThat(line).isEqualTo("[12/40 30%] 3.0 MB/8.0 MB clean 10 malicious 2 | models/a.pt");
  }

  @Test
  void longPathsAreShortenedFromTheLeftToTheWidth() {
    String path = "very/long/".repeat(20) + "model.safetensors";
    String line = ScanProgress.render(1, 2, 10, 20, Map.of(), path, 60);
    assertThat(line).hasSizeLessThanOrEqualTo(59).endsWith("model.safetensors").contains("| ...");
    assertThat(ScanProgress.render(1, 2, 10, 20, Map.of(), path, 20)).hasSizeLessThanOrEqualTo(19);
  }

  @Test
  void controlCharactersFromFileNamesNeverReachTheTerminal() {
    String line = ScanProgress.render(0, 2, 0, 0, Map.of(), "evil\u001b]0;owned\u0007.pkl", 80);
    assertThat(line).doesNotContain("\u001b").doesNotContain("\u0007");
  }

  @Test
  void sizesUseBinaryUnits() {
    assertThat(ScanProgress.size(512)).isEqualTo("512 B");
    assertThat(ScanProgress.size(1536)).isEqualTo("1.5 KB");
    assertThat(ScanProgress.size(5L << 30)).isEqualTo("5.0 GB");
  }

  @Test
  void writesNothingWhenNotATerminal() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    ScanProgress p = new ScanProgress(err, false, 3, 30, 80);
    for (int i = 0; i < 3; i++) {
      p.starting(Path.of("f" + i));
      p.finished(report(Verdict.CLEAN, 10));
    }
    p.close();
    assertThat(buf.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void drawsAndClearsOnATerminal() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    ScanProgress p = new ScanProgress(err, true, 2, 20, 80);
    p.starting(Path.of("a.pkl"));
    p.finished(report(Verdict.SUSPICIOUS, 10));
    p.starting(Path.of("b.pkl"));
    p.finished(report(Verdict.CLEAN, 10));
    p.close();
    String s = buf.toString(StandardCharsets.UTF_8);
    assertThat(s).contains("\r[0/2 0%] 0 B/20 B | a.pkl\033[K");
    assertThat(s).contains("\r[1/2 50%] 10 B/20 B suspicious 1 | b.pkl\033[K");
    assertThat(s).endsWith("\r\033[K");
  }

  @Test
  void aSingleFileGetsNoProgressLine() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ScanProgress p =
        new ScanProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 1, 5, 80);
    p.starting(Path.of("a.pkl"));
    p.close();
    assertThat(buf.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void underMavenStderrIsNoTerminal() {
    // surefire pipes the forked JVM's stderr
    assertThat(ScanProgress.stderrIsTerminal()).isFalse();
  }
}
