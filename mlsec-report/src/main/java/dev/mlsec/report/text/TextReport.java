package dev.mlsec.report.text;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Claim;
import dev.mlsec.analysis.ConcernMatch;
import dev.mlsec.analysis.ControlWarning;
import dev.mlsec.analysis.Finding;
import dev.mlsec.analysis.FindingStatus;
import dev.mlsec.analysis.Mitigation;
import dev.mlsec.analysis.OpenQuestion;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.ThreatClass;
import dev.mlsec.model.Decision;
import dev.mlsec.report.Overview;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.ReportWriter;
import dev.mlsec.report.baseline.Baseline;
import dev.mlsec.report.baseline.Changes;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal report: findings by class with why and path, then what the controls really cover,
 * the team's concerns beside the workflow, open questions and decisions. 100 columns wide; ANSI
 * colour only when asked for.
 */
public final class TextReport implements ReportWriter {
  private static final int INDENT = 11;

  @Override
  public void write(Analysis analysis, Writer out, ReportOptions options) throws IOException {
    Terminal t = new Terminal(options.color());
    Overview o = new Overview(analysis);
    Optional<Changes> changes = options.baseline().map(b -> b.compare(analysis));
    StringBuilder b = new StringBuilder();
    header(b, t, o, changes, options);
    for (ThreatClass c : ThreatClass.values()) {
      List<Finding> fs = o.findings(c);
      if (fs.isEmpty()) continue;
      section(b, t, c.label() + " findings", fs.size() + "");
      for (Finding f : fs) finding(b, t, o, f, changes);
    }
    if (analysis.findings().isEmpty()) {
      b.append('\n').append(t.green(" No threat of the catalog applies to this workflow."));
      b.append('\n');
    }
    changes.ifPresent(ch -> resolved(b, t, ch));
    claims(b, t, o);
    uncovered(b, t, analysis);
    concerns(b, t, o);
    questions(b, t, analysis.openQuestions());
    decisions(b, t, o);
    out.write(b.toString());
  }

  private static void header(
      StringBuilder b, Terminal t, Overview o, Optional<Changes> changes, ReportOptions options) {
    Analysis a = o.analysis();
    String title = Terminal.clean(a.workflow().system());
    String right = "mlsec " + options.toolVersion() + " · catalog " + a.catalog().version();
    int gap = Math.max(2, Terminal.WIDTH - title.length() - right.length());
    b.append(t.bold(title)).append(" ".repeat(gap)).append(t.dim(right)).append('\n');
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Severity, Integer> e : o.actionableBySeverity().entrySet()) {
      if (e.getValue() > 0) parts.add(t.severity(e.getKey(), e.getValue() + " " + e.getKey().id()));
    }
    b.append(Terminal.clean(a.workflow().displayName()))
        .append(" · ")
        .append(a.findings().size())
        .append(a.findings().size() == 1 ? " finding, " : " findings, ")
        .append(o.actionable())
        .append(" need action");
    if (!parts.isEmpty()) b.append(": ").append(String.join(" · ", parts));
    b.append('\n');
    List<String> facts = new ArrayList<>();
    long conditional = o.count(FindingStatus.CONDITIONAL);
    if (conditional > 0) facts.add(conditional + " conditional");
    int claims = o.claimsNotHolding().size();
    if (claims > 0)
      facts.add(t.red(claims + (claims == 1 ? " claim does" : " claims do") + " not hold"));
    int questions = a.openQuestions().size();
    if (questions > 0)
      facts.add(questions + (questions == 1 ? " open question" : " open questions"));
    changes.ifPresent(
        ch ->
            facts.add(
                t.bold(ch.added().size() + " new")
                    + ", "
                    + ch.unchanged().size()
                    + " unchanged, "
                    + ch.resolved().size()
                    + " resolved since the baseline"));
    if (!facts.isEmpty()) b.append(String.join(" · ", facts)).append('\n');
  }

  private static void section(StringBuilder b, Terminal t, String title, String count) {
    String head =
        "── "
            + title.toUpperCase(java.util.Locale.ROOT)
            + (count.isEmpty() ? "" : " (" + count + ")")
            + " ";
    b.append('\n').append(t.bold(head + "─".repeat(Math.max(0, Terminal.WIDTH - head.length()))));
    b.append('\n');
  }

  private static void finding(
      StringBuilder b, Terminal t, Overview o, Finding f, Optional<Changes> changes) {
    String sev = Terminal.pad(f.severity().id().toUpperCase(java.util.Locale.ROOT), 8);
    String status = f.status().id();
    String mark = changes.map(ch -> ch.isNew(f) ? "NEW" : "").orElse("");
    String right = status + (mark.isEmpty() ? "" : "  " + mark);
    String id = Terminal.clean(f.id());
    int gap = Math.max(2, Terminal.WIDTH - 2 - 8 - 1 - id.length() - right.length());
    String statusText =
        f.status().actionable()
            ? (f.status() == FindingStatus.CONDITIONAL ? t.yellow(status) : status)
            : t.green(status);
    b.append('\n')
        .append("  ")
        .append(f.status().actionable() ? t.severity(f.severity(), sev) : t.dim(sev))
        .append(' ')
        .append(t.bold(id))
        .append(" ".repeat(gap))
        .append(statusText)
        .append(mark.isEmpty() ? "" : "  " + t.bold(t.cyan(mark)))
        .append('\n');
    block(b, t, "", List.of(f.title()));
    block(b, t, "why", f.why());
    List<String> also = Overview.otherTargets(f);
    if (!also.isEmpty())
      block(
          b, t, "also on", List.of(Terminal.clean(String.join(", ", also)) + " (one root cause)"));
    List<String> variants = Overview.variantLines(f);
    if (!variants.isEmpty())
      block(b, t, "variants", variants.stream().map(Terminal::clean).toList());
    if (!f.path().isEmpty()) block(b, t, "path", List.of(String.join(" -> ", f.path())));
    if (!f.dependsOn().isEmpty())
      block(b, t, "depends", List.of(String.join(", ", f.dependsOn()) + " (unknown)"));
    List<String> fixes = new ArrayList<>();
    for (Mitigation m : f.mitigations()) {
      // No-break spaces keep each control and its state on one line when wrapped.
      fixes.add(
          (m.control() + " (" + m.strength() + ", " + m.state() + ")").replace(' ', '\u00a0'));
    }
    if (!fixes.isEmpty()) block(b, t, "controls", List.of(String.join(", ", fixes)));
    if (f.status().actionable())
      block(b, t, "severity", List.of(String.join("; ", o.severityReasoning(f))));
    f.decision()
        .ifPresent(
            d ->
                block(
                    b,
                    t,
                    "decision",
                    List.of(
                        d.status().id()
                            + d.until().map(u -> " until " + u).orElse("")
                            + ": "
                            + d.reason())));
    if (!f.location().file().isEmpty()) block(b, t, "at", List.of(f.location().toString()));
  }

  /** A labelled block, the label right-aligned in the indent and the text wrapped beside it. */
  private static void block(StringBuilder b, Terminal t, String label, List<String> texts) {
    boolean first = true;
    for (String text : texts) {
      for (String line : Terminal.wrap(text, Terminal.WIDTH - INDENT)) {
        String l = first ? label : "";
        b.append(" ".repeat(INDENT - 1 - l.length())).append(t.dim(l)).append(' ');
        b.append(line).append('\n');
        first = false;
      }
    }
  }

  private static void resolved(StringBuilder b, Terminal t, Changes ch) {
    if (ch.resolved().isEmpty()) return;
    section(b, t, "Resolved since the baseline", ch.resolved().size() + "");
    for (Baseline.Entry e : ch.resolved()) {
      b.append("  ")
          .append(t.green("✓ "))
          .append(Terminal.clean(e.id()))
          .append(t.dim("  " + Terminal.clean(e.title())))
          .append('\n');
    }
  }

  private static void claims(StringBuilder b, Terminal t, Overview o) {
    List<Claim> claims = o.claimsNotHolding();
    if (o.analysis().claims().isEmpty()) return;
    section(b, t, "What your controls really cover", o.claimsHeadline());
    if (claims.isEmpty()) b.append("  ").append(t.green("Every claim holds.")).append('\n');
    for (Claim c : claims) {
      String verb =
          switch (c.verdict()) {
            case "partly" -> t.yellow("only partly stops");
            case "unverified" -> t.yellow("is not known to stop");
            default -> t.red("does not stop");
          };
      String sign = c.verdict().equals("does-not-hold") ? t.red("✗") : t.yellow("~");
      b.append("  ")
          .append(sign)
          .append(' ')
          .append(t.bold(Terminal.clean(c.control())))
          .append(" on ")
          .append(Terminal.clean(c.component()))
          .append(' ')
          .append(verb)
          .append(' ')
          .append(t.bold(Terminal.clean(c.believedToStop())))
          .append('\n');
      for (String line : Terminal.wrap(c.reason(), Terminal.WIDTH - 4)) {
        b.append("    ").append(line).append('\n');
      }
    }
  }

  /** Controls the team has or claims that stand where no finding of theirs is. */
  private static void uncovered(StringBuilder b, Terminal t, Analysis a) {
    if (a.controlWarnings().isEmpty()) return;
    section(b, t, "Controls that cover nothing here", a.controlWarnings().size() + "");
    for (ControlWarning w : a.controlWarnings()) {
      List<String> lines = Terminal.wrap(Terminal.clean(w.message()), Terminal.WIDTH - 4);
      for (int i = 0; i < lines.size(); i++)
        b.append(i == 0 ? "  " + t.yellow("!") + " " : "    ").append(lines.get(i)).append('\n');
    }
  }

  private static void concerns(StringBuilder b, Terminal t, Overview o) {
    Analysis a = o.analysis();
    if (a.concerns().isEmpty() && a.unmatchedThreats().isEmpty()) return;
    section(b, t, "Your concerns vs this workflow", "");
    int w = (Terminal.WIDTH - 2 - 4) / 3;
    List<String> left = new ArrayList<>();
    for (ConcernMatch c : o.namedAndExposed()) {
      left.addAll(Terminal.wrap("“" + c.text() + "”", w));
      for (String id : c.exposed()) left.addAll(Terminal.hanging("  → ", id, w));
    }
    List<String> middle = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> e : o.exposedNotNamed().entrySet()) {
      int n = e.getValue().size();
      middle.addAll(Terminal.wrap(e.getKey() + (n > 0 ? " (" + n + ")" : ""), w));
    }
    List<String> right = new ArrayList<>();
    for (ConcernMatch c : o.namedNotExposed()) {
      right.addAll(Terminal.wrap("“" + c.text() + "”", w));
      right.addAll(Terminal.wrap("  " + String.join(", ", c.matched()) + ": not exposed", w));
    }
    b.append("  ")
        .append(t.green(Terminal.pad("NAMED AND EXPOSED", w)))
        .append("  ")
        .append(t.red(Terminal.pad("EXPOSED, NOT NAMED", w)))
        .append("  ")
        .append(t.dim("NAMED, NOT EXPOSED"))
        .append('\n');
    int rows = Math.max(Math.max(left.size(), middle.size()), Math.max(right.size(), 1));
    for (int i = 0; i < rows; i++) {
      String l = i < left.size() ? left.get(i) : i == 0 ? "—" : "";
      String m = i < middle.size() ? middle.get(i) : i == 0 ? "—" : "";
      String r = i < right.size() ? right.get(i) : i == 0 ? "—" : "";
      String line = "  " + Terminal.pad(l, w) + "  " + Terminal.pad(m, w) + "  " + r;
      b.append(line.stripTrailing()).append('\n');
    }
    for (ConcernMatch c : o.unmapped())
      for (String l :
          Terminal.wrap("“" + c.text() + "”: " + Overview.unmappedSentence(c), Terminal.WIDTH - 4))
        b.append("  ").append(t.dim(l)).append('\n');
  }

  private static void questions(StringBuilder b, Terminal t, List<OpenQuestion> questions) {
    if (questions.isEmpty()) return;
    section(b, t, "Open questions", questions.size() + "");
    for (OpenQuestion q : questions) {
      b.append("  ")
          .append(t.yellow("?"))
          .append(' ')
          .append(t.bold(Terminal.clean(q.attribute())));
      b.append('\n');
      for (String line : Terminal.wrap(q.question(), Terminal.WIDTH - 4)) {
        b.append("    ").append(line).append('\n');
      }
      for (String line :
          Terminal.wrap("decides " + String.join(", ", q.decides()), Terminal.WIDTH - 4)) {
        b.append("    ").append(t.dim(line)).append('\n');
      }
    }
  }

  private static void decisions(StringBuilder b, Terminal t, Overview o) {
    List<Overview.DecisionView> ds = o.decisions();
    if (ds.isEmpty()) return;
    section(b, t, "Decisions", ds.size() + "");
    for (Overview.DecisionView v : ds) {
      Decision d = v.decision();
      String state =
          v.expired()
              ? t.red(Terminal.pad("EXPIRED", 15))
              : v.finding().isEmpty()
                  ? t.dim(Terminal.pad("no such finding", 15))
                  : Terminal.pad(d.status().id(), 15);
      b.append("  ").append(state).append(' ').append(t.bold(Terminal.clean(d.finding())));
      d.until().ifPresent(u -> b.append(t.dim("  until " + u)));
      b.append('\n');
      String reason = d.reason() + (v.expired() ? " (expired: the finding is open again)" : "");
      for (String line : Terminal.wrap(reason, Terminal.WIDTH - 18)) {
        b.append(" ".repeat(18)).append(line).append('\n');
      }
    }
  }
}
