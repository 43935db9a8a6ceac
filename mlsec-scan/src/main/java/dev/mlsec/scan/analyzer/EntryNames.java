package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.util.List;

/** Archive entry names that would write outside the extraction folder. */
final class EntryNames {
  private EntryNames() {}

  static void traversal(ScanContext ctx, String name, long off, String member) {
    String n = name.replace('\\', '/');
    boolean abs = n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':');
    boolean up = false;
    for (String s : n.split("/")) if (s.equals("..")) up = true;
    if (abs || up)
      ctx.report(
          ScanRule.ZIP_PATH_TRAVERSAL,
          off,
          member,
          List.of(),
          "entry name '" + name + "' is " + (abs ? "absolute" : "escaping with '..'"));
  }
}
