package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scan fixture under {@code fixtures/scan/<format-id>/}: a file whose name starts with
 * {@code benign} must be clean, without findings, and recognized as that format; every other file
 * must be listed in the directory's {@code EXPECT} file ({@code <file> <verdict> <rule-id>}, one a
 * line, {@code #} comments) and get that verdict and a finding of that rule. Adding a format's
 * fixtures means adding files here, nothing else.
 */
class ScanFixtureTest {

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
    var url = ScanFixtureTest.class.getClassLoader().getResource("fixtures/scan");
    if (url == null) return Stream.empty();
    Path root = Path.of(url.toURI());
    List<String> formats = Arrays.stream(FileFormat.values()).map(FileFormat::id).toList();
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        String format = dir.getFileName().toString();
        assertThat(formats).as("fixtures/scan/" + format + " names a format id").contains(format);
        Map<String, String[]> expect = expectations(dir.resolve("EXPECT"));
        assertThat(expect).as(dir + "/EXPECT lists an adversarial fixture").isNotEmpty();
        boolean benign = false;
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.sorted().toList()) {
            String name = f.getFileName().toString();
            if (name.equals("EXPECT")) continue;
            if (name.startsWith("benign")) {
              benign = true;
              tests.add(DynamicTest.dynamicTest(format + " " + name, () -> clean(f, format)));
            } else {
              String[] e = expect.remove(name);
              assertThat(e).as(f + " is not benign* and not listed in EXPECT").isNotNull();
              tests.add(DynamicTest.dynamicTest(format + " " + name, () -> flagged(f, e)));
            }
          }
        }
        assertThat(benign).as(dir + " has a benign* fixture").isTrue();
        assertThat(expect.keySet()).as(dir + "/EXPECT names files that do not exist").isEmpty();
      }
    }
    return tests.stream();
  }

  private static Map<String, String[]> expectations(Path file) throws IOException {
    Map<String, String[]> m = new HashMap<>();
    if (!Files.isRegularFile(file)) return m;
    for (String line : Files.readAllLines(file)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      String[] parts = t.split("\\s+");
      assertThat(parts).as(file + ": '" + t + "' is <file> <verdict> <rule-id>").hasSize(3);
      m.put(parts[0], parts);
    }
    return m;
  }

  private static void clean(Path f, String format) throws IOException {
    FileReport r = new Scanner().scan(f);
    assertThat(r.findings()).as(f.toString()).isEmpty();
    assertThat(r.verdict()).as(f.toString()).isEqualTo(Verdict.CLEAN);
    assertThat(r.formats()).as(f.toString()).contains(format);
  }

  private static void flagged(Path f, String[] e) throws IOException {
    FileReport r = new Scanner().scan(f);
    assertThat(r.verdict().id()).as(f + " " + r.findings()).isEqualTo(e[1]);
    assertThat(r.findings())
        .as(f.toString())
        .anySatisfy(x -> assertThat(x.ruleId()).isEqualTo(e[2]));
  }
}
