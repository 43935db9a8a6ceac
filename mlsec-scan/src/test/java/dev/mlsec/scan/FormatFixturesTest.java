package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real benign files of the archive and compression formats (written and loaded back by joblib,
 * lz4.frame, py7zr and zipfile in formats/make_formats.py) are clean and recognized.
 */
class FormatFixturesTest {
  static Path dir() throws URISyntaxException {
    return Path.of(FormatFixturesTest.class.getResource("formats").toURI());
  }

  @Test
  void everyFixtureIsCleanAndFullyRecognized() throws Exception {
    List<Path> files;
    try (var s = Files.list(dir())) {
      files = s.filter(f -> !f.toString().endsWith(".py")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    for (Path f : files) {
      FileReport r = new Scanner().scan(f);
      assertThat(r.verdict()).as(f + " " + r.findings()).isEqualTo(Verdict.CLEAN);
      assertThat(r.formats()).as(f.toString()).doesNotContain("unknown").contains("pickle");
      assertThat(r.findings()).as(f.toString()).isEmpty();
    }
  }

  @Test
  void formatChainsNameEveryLayer() throws IOException, URISyntaxException {
    Map<String, List<String>> expected =
        Map.of(
            "joblib_lz4.joblib", List.of("lz4", "joblib", "pickle"),
            "joblib_legacy_zf.pkl", List.of("joblib-zf", "pickle"),
            "pickle_lz4_frame.pkl.lz4", List.of("lz4", "pickle"),
            "seven_zip_solid_two.7z", List.of("7z", "pickle", "lz4", "joblib"),
            "zip64_forced.zip", List.of("zip", "pytorch-zip", "pickle"),
            "zip_data_descriptor_stored.zip", List.of("zip", "pytorch-zip", "pickle"));
    for (var e : expected.entrySet())
      assertThat(new Scanner().scan(dir().resolve(e.getKey())).formats())
          .as(e.getKey())
          .containsExactlyElementsOf(e.getValue());
  }
}
