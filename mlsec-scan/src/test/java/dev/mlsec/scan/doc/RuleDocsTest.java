package dev.mlsec.scan.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule table committed in docs/scanning.md must be what {@link ScanRule} generates today. Run
 * with the build's one flag {@code -Dmlsec.regenerate=true} to rewrite it.
 */
class RuleDocsTest {
  private static final Path DOC =
      Path.of(System.getProperty("user.dir")).getParent().resolve("docs").resolve(RuleDocs.FILE);

  @Test
  void committedTableIsUpToDate() throws IOException {
    if (Boolean.getBoolean("mlsec.regenerate")) RuleDocs.write(DOC);
    String committed = Files.readString(DOC, StandardCharsets.UTF_8);
    assertThat(committed)
        .as(
            "docs/%s: the rule table is out of date; regenerate it with: %s",
            RuleDocs.FILE, RuleDocs.COMMAND)
        .isEqualTo(RuleDocs.withTable(committed));
  }

  @Test
  void everyRuleHasOneRowAndIdsAreUnique() {
    String table = RuleDocs.table();
    for (ScanRule r : ScanRule.values()) assertThat(table).containsOnlyOnce("| `" + r.id() + "` |");
    assertThat(table.lines().filter(l -> l.startsWith("| `")).count())
        .isEqualTo(ScanRule.values().length);
  }

  @Test
  void onlyTheMarkedSectionIsReplaced(@TempDir Path dir) throws IOException {
    Path f = dir.resolve(RuleDocs.FILE);
    Files.writeString(
        f, "# head\n" + RuleDocs.BEGIN + "\nstale | row\n" + RuleDocs.END + "\ntail\n");
    RuleDocs.main(new String[] {dir.toString()});
    assertThat(Files.readString(f)).isEqualTo("# head\n" + RuleDocs.table() + "\ntail\n");
    assertThatThrownBy(() -> RuleDocs.withTable("no markers"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pipesInDescriptionsDoNotSplitCells() {
    assertThat(RuleDocs.table().lines().filter(l -> l.startsWith("| `")))
        .allSatisfy(l -> assertThat(l.replace("\\|", "").chars().filter(c -> c == '|')).hasSize(4));
  }
}
