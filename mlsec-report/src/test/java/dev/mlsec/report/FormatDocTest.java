package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The table of formats in docs/reports.md is the {@link Format} enum, not a second list. */
class FormatDocTest {
  static final Path DOC = Path.of("..", "docs", "reports.md");
  static final String BEGIN = "<!-- formats: generated from dev.mlsec.report.Format";
  static final String END = "<!-- end of formats -->";

  static String table() {
    StringBuilder t = new StringBuilder("| `--format` | file under `--output DIR` | for |\n");
    t.append("|---|---|---|\n");
    for (Format f : Format.values())
      t.append("| `%s` | `%s` | %s |\n".formatted(f.id(), f.fileName(), f.purpose()));
    return t.toString();
  }

  @Test
  void reportsDocListsEveryFormat() throws Exception {
    Golden.checkRegion(DOC, BEGIN, END, table());
  }

  @Test
  void everyFormatHasItsOwnWriterAndFileName() {
    for (Format f : Format.values()) {
      assertThat(f.writer()).as(f.id()).isNotNull().isNotSameAs(f.writer());
      assertThat(Reports.writer(f).getClass()).isEqualTo(f.writer().getClass());
    }
    assertThat(Format.values())
        .extracting(Format::fileName)
        .doesNotHaveDuplicates()
        .hasSize(Format.values().length);
    assertThat(Format.values())
        .extracting(Format::writer)
        .extracting(Object::getClass)
        .doesNotHaveDuplicates();
  }
}
