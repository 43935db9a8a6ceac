package dev.mlsec.scan.output;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanFinding;
import dev.mlsec.scan.Verdict;
import java.io.PrintStream;
import java.util.List;

/** Plain text for a terminal: one line per file, findings indented beneath. */
public final class ReportText {
  private ReportText() {}

  /**
   * Names and strings taken from a scanned file made harmless for a terminal: control, separator
   * and format characters could otherwise overwrite a MALICIOUS line with a forged CLEAN one.
   * (mlsec-scan stands alone, so it keeps its own copy of this rule.)
   */
  public static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029)
                b.append('\uFFFD');
              else if (Character.getType(cp) == Character.FORMAT) b.append('\uFFFD');
              else b.appendCodePoint(cp);
            });
    return b.toString();
  }

  public static void write(List<FileReport> reports, PrintStream out) {
    int[] counts = new int[Verdict.values().length];
    for (FileReport r : reports) {
      counts[r.verdict().ordinal()]++;
      out.println(
          safe(r.path())
              + ": "
              + r.verdict().id().toUpperCase(java.util.Locale.ROOT)
              + " ("
              + String.join(" > ", r.formats())
              + ", "
              + r.bytesRead()
              + " of "
              + r.size()
              + " bytes read)");
      for (ScanFinding f : r.findings()) {
        StringBuilder b = new StringBuilder("  ");
        b.append(f.level().id()).append(' ').append(f.ruleId());
        if (!f.member().isEmpty()) b.append(" in ").append(safe(f.member()));
        if (f.offset() >= 0) b.append(" at byte ").append(f.offset());
        b.append(": ").append(safe(f.message()));
        out.println(b);
        if (!f.callChain().isEmpty())
          out.println("      " + safe(String.join("  <-  ", f.callChain())));
      }
    }
    StringBuilder s = new StringBuilder().append(reports.size()).append(" file(s):");
    for (Verdict v : Verdict.values())
      s.append(' ').append(counts[v.ordinal()]).append(' ').append(v.id());
    out.println(s);
  }
}
