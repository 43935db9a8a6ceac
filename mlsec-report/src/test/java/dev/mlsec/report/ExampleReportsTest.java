package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.report.cyclonedx.BomValidationTest;
import dev.mlsec.report.sarif.SarifSchemaTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every format for each contract example: equal to its golden file and byte-identical across two
 * runs (GoldenTest.check), SARIF valid against the schema, the ML-BOM valid for CycloneDX 1.6.
 */
class ExampleReportsTest {

  @ParameterizedTest
  @FieldSource("dev.mlsec.report.Examples#NAMES")
  void everyFormat(String name) throws Exception {
    Analysis a = Examples.analyze(name);
    for (Format f : Format.values()) GoldenTest.check(name, a, f, GoldenTest.OPTIONS);
    SarifSchemaTest.assertValid(Reports.render(a, Format.SARIF, GoldenTest.OPTIONS));
    BomValidationTest.assertValid(Reports.render(a, Format.CYCLONEDX, GoldenTest.OPTIONS));
  }

  @Test
  void writeAllUsesTheFixedNames(@TempDir Path dir) throws Exception {
    Analysis a = Examples.analyze("card-fraud");
    var files = Reports.writeAll(a, dir.resolve("out"), GoldenTest.OPTIONS);
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyElementsOf(Arrays.stream(Format.values()).map(Format::fileName).toList());
    for (Format f : Format.values()) {
      assertThat(Files.readString(dir.resolve("out").resolve(f.fileName())))
          .isEqualTo(Reports.render(a, f, GoldenTest.OPTIONS));
    }
  }
}
