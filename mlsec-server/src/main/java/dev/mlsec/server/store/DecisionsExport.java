package dev.mlsec.server.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.LocalDate;
import java.util.List;

/**
 * The project's decisions in force as the workflow file's {@code decisions:} block, to paste into
 * the file so that the CLI applies them too. Strings are YAML double-quoted (JSON escapes are valid
 * YAML), so no reason or owner can break out of its field.
 */
public final class DecisionsExport {
  private DecisionsExport() {}

  public static String yaml(List<DecisionRecord> decisions, LocalDate today) {
    StringBuilder b = new StringBuilder();
    b.append("# decisions recorded on the mlsec server, in force on ").append(today).append('\n');
    List<DecisionRecord> active = decisions.stream().filter(d -> d.active(today)).toList();
    if (active.isEmpty()) return b.append("decisions: []\n").toString();
    b.append("decisions:\n");
    for (DecisionRecord d : active) {
      b.append("  - finding: ").append(quote(d.finding())).append('\n');
      b.append("    status: ").append(d.state()).append('\n');
      b.append("    reason: ")
          .append(quote(d.reason() + " (owner: " + d.owner() + ")"))
          .append('\n');
      if (d.expires() != null) b.append("    until: ").append(d.expires()).append('\n');
    }
    return b.toString();
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
