package dev.mlsec.report.markdown;

import static dev.mlsec.report.markdown.MarkdownText.code;
import static dev.mlsec.report.markdown.MarkdownText.escape;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Claim;
import dev.mlsec.analysis.ConcernMatch;
import dev.mlsec.analysis.ControlWarning;
import dev.mlsec.analysis.Finding;
import dev.mlsec.analysis.Mitigation;
import dev.mlsec.analysis.OpenQuestion;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.ThreatClass;
import dev.mlsec.report.ArticleFifteen;
import dev.mlsec.report.Overview;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.ReportWriter;
import dev.mlsec.report.baseline.Baseline;
import dev.mlsec.report.baseline.Changes;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pull-request comment: a short summary, what changed (new findings first) when there is a
 * baseline, then collapsible details. Everything from the workflow is escaped, and the comment
 * stays under {@link ReportOptions#markdownLimit()} characters: sections are filled in order and
 * what does not fit is counted in a note.
 */
public final class MarkdownReport implements ReportWriter {
  /** Room kept for closing tags, the truncation note and the footer. */
  private static final int RESERVE = 700;

  @Override
  public void write(Analysis analysis, Writer out, ReportOptions options) throws IOException {
    Overview o = new Overview(analysis);
    Optional<Changes> changes = options.baseline().map(b -> b.compare(analysis));
    Page page = new Page(options.markdownLimit() - RESERVE);
    header(page, o, changes);
    changes.ifPresentOrElse(ch -> changed(page, ch), () -> top(page, o));
    for (ThreatClass c : ThreatClass.values()) {
      List<Finding> fs = new ArrayList<>(o.findings(c));
      if (fs.isEmpty()) continue;
      // New findings first within each group, then the analysis order.
      changes.ifPresent(ch -> fs.sort(Comparator.comparing(f -> ch.isNew(f) ? 0 : 1)));
      List<String> items = new ArrayList<>();
      for (Finding f : fs) items.add(finding(o, f, changes));
      page.section(
          c.label() + " findings (" + fs.size() + ")", items, c == ThreatClass.ML_SPECIFIC);
    }
    claims(page, o);
    List<String> uncovered = new ArrayList<>();
    for (ControlWarning w : analysis.controlWarnings())
      uncovered.add("- ⚠️ " + escape(w.message()) + "\n");
    page.section("Controls that cover nothing here (" + uncovered.size() + ")", uncovered, true);
    concerns(page, o);
    questions(page, analysis.openQuestions());
    decisions(page, o);
    articleFifteen(page, o);
    StringBuilder b = page.text();
    if (page.omitted() > 0) {
      b.append("\n> [!NOTE]\n> ")
          .append(page.omitted())
          .append(" more item(s) not shown: GitHub comments are limited to ")
          .append(options.markdownLimit())
          .append(" characters. The full report is in the HTML or JSON output.\n");
    }
    b.append("\n<sub>mlsec ")
        .append(escape(options.toolVersion()))
        .append(" · catalog ")
        .append(escape(analysis.catalog().version()))
        .append(" · ")
        .append(escape(analysis.workflow().displayName()))
        .append("</sub>\n");
    out.write(b.toString());
  }

  private static void header(Page page, Overview o, Optional<Changes> changes) {
    Analysis a = o.analysis();
    StringBuilder b = new StringBuilder();
    b.append("## mlsec: ").append(escape(a.workflow().system())).append("\n\n");
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Severity, Integer> e : o.actionableBySeverity().entrySet()) {
      if (e.getValue() > 0) parts.add(e.getValue() + " " + e.getKey().id());
    }
    b.append("**")
        .append(o.actionable())
        .append(o.actionable() == 1 ? " finding needs" : " findings need")
        .append(" action**");
    if (!parts.isEmpty()) b.append(" (").append(String.join(", ", parts)).append(')');
    b.append(" of ")
        .append(a.findings().size())
        .append(" in ")
        .append(code(a.workflow().displayName()));
    int claims = o.claimsNotHolding().size();
    if (claims > 0)
      b.append(" · **")
          .append(claims)
          .append(claims == 1 ? " claim does" : " claims do")
          .append(" not hold**");
    int q = a.openQuestions().size();
    if (q > 0) b.append(" · ").append(q).append(q == 1 ? " open question" : " open questions");
    b.append('\n');
    changes.ifPresent(
        ch ->
            b.append("\n**What changed:** ")
                .append(ch.added().size())
                .append(" new, ")
                .append(ch.unchanged().size())
                .append(" unchanged, ")
                .append(ch.resolved().size())
                .append(" resolved since the baseline.\n"));
    page.raw(b.toString());
  }

  private static void changed(Page page, Changes ch) {
    List<String> rows = new ArrayList<>();
    for (Finding f : ch.added()) rows.add(row("🆕 new", f));
    for (Baseline.Entry e : ch.resolved()) {
      rows.add(
          "| ✅ resolved | "
              + escape(e.severity())
              + " | "
              + code(e.id())
              + " "
              + escape(e.title())
              + " | — |\n");
    }
    if (rows.isEmpty()) {
      page.raw("\nNo new finding and nothing resolved since the baseline.\n");
      return;
    }
    page.table("\n| Change | Severity | Finding | Status |\n|---|---|---|---|\n", rows);
  }

  private static void top(Page page, Overview o) {
    List<String> rows = new ArrayList<>();
    o.analysis().findings().stream()
        .filter(f -> f.status().actionable())
        .sorted(Comparator.comparing(Finding::severity))
        .forEach(f -> rows.add(row(f.threatClass().label(), f)));
    if (rows.isEmpty()) {
      page.raw("\nNo finding needs action.\n");
      return;
    }
    page.table("\n| Class | Severity | Finding | Status |\n|---|---|---|---|\n", rows);
  }

  private static String row(String first, Finding f) {
    return "| "
        + first
        + " | "
        + icon(f.severity())
        + " "
        + f.severity().id()
        + " | "
        + code(f.id())
        + " "
        + escape(f.title())
        + " | "
        + f.status().id()
        + " |\n";
  }

  private static String icon(Severity s) {
    return switch (s) {
      case CRITICAL -> "🟥";
      case HIGH -> "🔴";
      case MEDIUM -> "🟠";
      case LOW -> "🟡";
      case INFO -> "⚪";
    };
  }

  private static String finding(Overview o, Finding f, Optional<Changes> changes) {
    StringBuilder b = new StringBuilder();
    b.append("\n#### ")
        .append(icon(f.severity()))
        .append(' ')
        .append(f.severity().id())
        .append(" · ")
        .append(code(f.id()))
        .append(" · ")
        .append(f.status().id());
    changes.filter(ch -> ch.isNew(f)).ifPresent(ch -> b.append(" · 🆕 **new**"));
    b.append("\n\n**").append(escape(f.title())).append("**");
    String summary = o.summary(f);
    if (!summary.isBlank()) b.append(" — ").append(escape(summary));
    b.append("\n\n");
    for (String why : f.why()) b.append("- ").append(escape(why)).append('\n');
    List<String> also = Overview.otherTargets(f);
    if (!also.isEmpty()) {
      List<String> ts = new ArrayList<>();
      for (String x : also) ts.add(code(x));
      b.append("- **also on (one root cause):** ").append(String.join(", ", ts)).append('\n');
    }
    List<String> variants = Overview.variantLines(f);
    if (!variants.isEmpty()) {
      b.append("- **variants (one root cause):**\n");
      for (String v : variants) b.append("  - ").append(escape(v)).append('\n');
    }
    if (!f.path().isEmpty()) {
      b.append("- **path:** ");
      List<String> hops = new ArrayList<>();
      for (String p : f.path()) hops.add(code(p));
      b.append(String.join(" → ", hops)).append('\n');
    }
    if (!f.dependsOn().isEmpty()) {
      List<String> ds = new ArrayList<>();
      for (String d : f.dependsOn()) ds.add(code(d));
      b.append("- **depends on unknown:** ").append(String.join(", ", ds)).append('\n');
    }
    if (!f.mitigations().isEmpty()) {
      List<String> ms = new ArrayList<>();
      for (Mitigation m : f.mitigations())
        ms.add(code(m.control()) + " (" + escape(m.strength() + ", " + m.state()) + ")");
      b.append("- **controls:** ").append(String.join(", ", ms)).append('\n');
    }
    b.append("- **severity:** ")
        .append(escape(String.join("; ", o.severityReasoning(f))))
        .append('\n');
    f.decision()
        .ifPresent(
            d ->
                b.append("- **decision:** ")
                    .append(escape(d.status().id()))
                    .append(d.until().map(u -> " until " + u).orElse(""))
                    .append(" — ")
                    .append(escape(d.reason()))
                    .append('\n'));
    List<String> refs = new ArrayList<>();
    refs.addAll(f.refs().atlas());
    refs.addAll(f.refs().owaspMl());
    refs.addAll(f.refs().owaspLlm());
    if (!refs.isEmpty())
      b.append("- **refs:** ").append(escape(String.join(", ", refs))).append('\n');
    b.append("- **at:** ")
        .append(escape(f.location().file()))
        .append(" line ")
        .append(f.location().line())
        .append('\n');
    return b.toString();
  }

  private static void claims(Page page, Overview o) {
    List<Claim> claims = o.claimsNotHolding();
    if (claims.isEmpty()) return;
    List<String> items = new ArrayList<>();
    for (Claim c : claims) {
      String verb =
          switch (c.verdict()) {
            case "partly" -> "only partly stops";
            case "unverified" -> "is not known to stop";
            default -> "does **not** stop";
          };
      items.add(
          "- "
              + (c.verdict().equals("does-not-hold") ? "❌ " : "⚠️ ")
              + escape(c.control())
              + " on "
              + code(c.component())
              + " "
              + verb
              + " "
              + code(c.believedToStop())
              + ": "
              + escape(c.reason())
              + "\n");
    }
    page.section("What your controls really cover: " + o.claimsHeadline(), items, true);
  }

  private static void concerns(Page page, Overview o) {
    if (o.analysis().concerns().isEmpty() && o.analysis().unmatchedThreats().isEmpty()) return;
    List<String> named = new ArrayList<>();
    for (ConcernMatch c : o.namedAndExposed()) {
      List<String> ids = new ArrayList<>();
      for (String id : c.exposed()) ids.add(code(id));
      named.add("“" + escape(c.text()) + "” → " + String.join(", ", ids));
    }
    List<String> exposed = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> e : o.exposedNotNamed().entrySet()) {
      exposed.add(code(e.getKey()) + " (" + e.getValue().size() + ")");
    }
    List<String> unexposed = new ArrayList<>();
    for (ConcernMatch c : o.namedNotExposed()) {
      unexposed.add("“" + escape(c.text()) + "”");
    }
    List<String> rows = new ArrayList<>();
    int n = Math.max(named.size(), Math.max(exposed.size(), unexposed.size()));
    for (int i = 0; i < n; i++) {
      rows.add(
          "| " + cell(named, i) + " | " + cell(exposed, i) + " | " + cell(unexposed, i) + " |\n");
    }
    rows =
        prepend(
            "\n| Named and exposed | Exposed, not named | Named, not exposed |\n|---|---|---|\n",
            rows);
    for (ConcernMatch c : o.unmapped())
      rows.add(
          (rows.isEmpty() ? "\n" : "")
              + "\n“"
              + escape(c.text())
              + "”: "
              + escape(Overview.unmappedSentence(c))
              + "\n");
    page.section("Your concerns vs this workflow", rows, false);
  }

  private static List<String> prepend(String head, List<String> rows) {
    List<String> out = new ArrayList<>();
    if (rows.isEmpty()) return out;
    out.add(head + rows.get(0));
    out.addAll(rows.subList(1, rows.size()));
    return out;
  }

  private static String cell(List<String> l, int i) {
    return i < l.size() ? l.get(i) : "";
  }

  /** Art. 15 point by point for a high-risk system; one sentence for another stated class. */
  private static void articleFifteen(Page page, Overview o) {
    Analysis a = o.analysis();
    if (!ArticleFifteen.applies(a)) {
      String other = ArticleFifteen.otherClass(a);
      if (!other.isEmpty()) page.section("EU AI Act", List.of("\n" + escape(other) + "\n"), false);
      return;
    }
    List<String> rows = new ArrayList<>();
    rows.add(
        "\n| Paragraph | What it asks | This workflow | Open findings against it |\n|---|---|---|---|\n");
    for (ArticleFifteen.Point p : ArticleFifteen.points(a)) {
      List<String> ids = new ArrayList<>();
      for (String id : p.findings()) ids.add(code(id));
      rows.add(
          "| "
              + escape(p.paragraph())
              + " | "
              + escape(p.asks())
              + " | "
              + escape(p.here())
              + " | "
              + (ids.isEmpty() ? "—" : String.join(", ", ids))
              + p.worst().map(s -> " (worst: " + s.id() + ")").orElse("")
              + " |\n");
    }
    page.section("EU AI Act Art. 15 for this high-risk system", rows, false);
  }

  private static void questions(Page page, List<OpenQuestion> qs) {
    if (qs.isEmpty()) return;
    List<String> items = new ArrayList<>();
    for (OpenQuestion q : qs) {
      List<String> ids = new ArrayList<>();
      for (String id : q.decides()) ids.add(code(id));
      items.add(
          "- "
              + code(q.attribute())
              + ": "
              + escape(q.question())
              + " Decides "
              + String.join(", ", ids)
              + ".\n");
    }
    page.section("Open questions (" + qs.size() + ")", items, false);
  }

  private static void decisions(Page page, Overview o) {
    List<Overview.DecisionView> ds = o.decisions();
    if (ds.isEmpty()) return;
    List<String> items = new ArrayList<>();
    for (Overview.DecisionView v : ds) {
      items.add(
          "- "
              + (v.expired() ? "⏰ **expired** " : "")
              + escape(v.decision().status().id())
              + " "
              + code(v.decision().finding())
              + v.decision().until().map(u -> " until " + u).orElse("")
              + ": "
              + escape(v.decision().reason())
              + "\n");
    }
    page.section("Decisions (" + ds.size() + ")", items, false);
  }

  /** The comment being written, with a character budget. */
  private static final class Page {
    private final StringBuilder b = new StringBuilder();
    private final int budget;
    private int omitted;
    private boolean full;

    Page(int budget) {
      this.budget = budget;
    }

    void raw(String s) {
      if (!full && b.length() + s.length() <= budget) b.append(s);
      else full = true;
    }

    void table(String head, List<String> rows) {
      if (full || b.length() + head.length() > budget) {
        full = true;
        omitted += rows.size();
        return;
      }
      b.append(head);
      for (String r : rows) add(r);
    }

    void section(String title, List<String> items, boolean open) {
      if (items.isEmpty()) return;
      String head =
          "\n<details" + (open ? " open" : "") + "><summary><b>" + title + "</b></summary>\n\n";
      String tail = "\n</details>\n";
      if (full || b.length() + head.length() + tail.length() > budget) {
        full = true;
        omitted += items.size();
        return;
      }
      b.append(head);
      for (String item : items) add(item);
      b.append(tail);
    }

    private void add(String item) {
      if (!full && b.length() + item.length() <= budget) b.append(item);
      else {
        full = true;
        omitted++;
      }
    }

    StringBuilder text() {
      return b;
    }

    int omitted() {
      return omitted;
    }
  }
}
