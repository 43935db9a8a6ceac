package dev.mlsec.scan.doc;

import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The rule table of docs/scanning.md, generated from {@link ScanRule} between two marker comments;
 * the rest of the document is written by hand. Usage: {@code RuleDocs DOCS_DIR} rewrites the table
 * in place; RuleDocsTest fails when the committed table differs (see {@link #COMMAND}).
 */
public final class RuleDocs {
  public static final String FILE = "scanning.md";
  static final String BEGIN = "<!-- rules:begin (generated from dev.mlsec.scan.ScanRule) -->";
  static final String END = "<!-- rules:end -->";

  /** The command that regenerates the table, for messages. */
  public static final String COMMAND =
      "./mvnw -B -q -pl mlsec-scan test -Dtest=RuleDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dmlsec.regenerate=true";

  private RuleDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RuleDocs DOCS_DIR");
      System.exit(2);
    }
    Path file = Path.of(args[0]).resolve(FILE);
    write(file);
    System.out.println("wrote the rule table of " + file);
  }

  /** The generated table with its markers, one rule per row in enum order. */
  public static String table() {
    StringBuilder b = new StringBuilder();
    b.append(BEGIN).append('\n');
    b.append("_Generated from `dev.mlsec.scan.ScanRule`; do not edit. Regenerate with `")
        .append(COMMAND)
        .append("`._\n\n");
    b.append("| rule | default level | meaning |\n|---|---|---|\n");
    for (ScanRule r : ScanRule.values())
      b.append("| `")
          .append(r.id())
          .append("` | ")
          .append(r.level().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(r.description().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    b.append(END);
    return b.toString();
  }

  /** {@code doc} with its marked section replaced by the generated table. */
  public static String withTable(String doc) {
    int from = doc.indexOf(BEGIN);
    int to = doc.indexOf(END);
    if (from < 0 || to < from)
      throw new IllegalArgumentException(
          "the document has no " + BEGIN + " ... " + END + " section");
    return doc.substring(0, from) + table() + doc.substring(to + END.length());
  }

  /** Rewrites the table of the document at {@code file}. */
  public static void write(Path file) throws IOException {
    String doc = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, withTable(doc), StandardCharsets.UTF_8);
  }
}
