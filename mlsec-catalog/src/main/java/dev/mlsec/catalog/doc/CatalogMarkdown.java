package dev.mlsec.catalog.doc;

import dev.mlsec.catalog.doc.CatalogDocument.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders docs/catalog.md: every threat and control, with its references. */
public final class CatalogMarkdown {

  private static final Map<String, String> REF_LISTS =
      Map.of(
          "owasp-ml", "OWASP ML Top 10 (2023)",
          "owasp-llm", "OWASP LLM Top 10 (2025)",
          "nist-aml", "NIST AI 100-2 E2025",
          "eu-ai-act", "EU AI Act");

  private CatalogMarkdown() {}

  public static String render(CatalogDocument doc) {
    Markdown md = new Markdown();
    md.line("# Threat and control catalog");
    md.blank();
    md.line(GeneratedNotice.TEXT);
    md.blank();
    md.line(
        "%d threats in %d families and %d controls. Each threat says what happens, what the"
                .formatted(doc.threats().size(), doc.families().size(), doc.controls().size())
            + " attacker needs, what it costs, what to do first and when a finding is a false"
            + " positive; each control says what it stops, what it reduces, and what teams"
            + " wrongly believe it stops.");
    md.blank();
    md.line("## Threats by family");
    md.blank();
    for (Entry family : doc.families()) {
      List<Entry> threats =
          doc.threats().stream().filter(t -> t.text("family").equals(family.text("id"))).toList();
      List<String> links =
          threats.stream().map(t -> "[`%s`](#%s)".formatted(t.text("id"), anchor(t))).toList();
      md.line(
          "- **%s** (`%s`): %s"
              .formatted(family.text("title"), family.text("id"), String.join(", ", links)));
    }
    md.line("- [Controls](#controls)");
    md.blank();
    for (Entry family : doc.families()) {
      md.line("## %s (`%s`)".formatted(family.text("title"), family.text("id")));
      md.blank();
      md.line(family.text("description"));
      md.blank();
      for (Entry t : doc.threats()) {
        if (t.text("family").equals(family.text("id"))) {
          threat(md, doc, t);
        }
      }
    }
    md.line("## Controls");
    md.blank();
    for (Entry c : doc.controls()) {
      control(md, doc, c);
    }
    return md.toString();
  }

  private static void threat(Markdown md, CatalogDocument doc, Entry t) {
    String id = t.text("id");
    md.line("### %s".formatted(id));
    md.blank();
    md.line("**%s.** %s".formatted(t.text("title"), t.text("summary")));
    md.blank();
    md.line(
        "Class `%s` · stage `%s` · applies to %s · impact before adjustment `%s`"
            .formatted(
                t.text("class"),
                t.text("stage"),
                codes(t.strings("applies-to")),
                t.text("impact")));
    md.blank();
    md.line(t.text("detail"));
    md.blank();
    md.line("- **Attacker needs:** " + t.text("attacker-needs"));
    md.line("- **Business impact:** " + t.text("business-impact"));
    md.line("- **First step:** " + t.text("first-step"));
    md.line("- **False positive:** " + t.text("false-positive"));
    md.line("- **Concern keywords:** " + String.join(", ", t.strings("keywords")));
    List<String> full = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    List<String> mistaken = new ArrayList<>();
    for (Entry c : doc.controls()) {
      Entry m = c.entry("mitigates");
      if (names(m.strings("full"), t)) {
        full.add("`" + c.text("id") + "`");
      } else if (names(m.strings("partial"), t)) {
        partial.add("`" + c.text("id") + "`");
      }
      for (Entry n : c.entries("not-stopped")) {
        if (names(List.of(n.text("threat")), t)) {
          mistaken.add("`%s` (%s)".formatted(c.text("id"), n.text("reason")));
        }
      }
    }
    md.line("- **Stopped by:** " + orNone(full));
    md.line("- **Reduced by:** " + orNone(partial));
    if (!mistaken.isEmpty()) {
      md.line("- **Not stopped by:** " + String.join("; ", mistaken));
    }
    Entry refs = t.entry("refs");
    List<String> atlas =
        refs.strings("atlas").stream()
            .map(a -> "[%s](https://atlas.mitre.org/techniques/%s)".formatted(a, a))
            .toList();
    md.line("- **MITRE ATLAS 5.6.0:** " + orNone(atlas));
    for (String list : List.of("owasp-ml", "owasp-llm", "nist-aml", "eu-ai-act")) {
      List<String> titled =
          refs.strings(list).stream()
              .map(r -> r + " " + doc.referenceTitle(list, r).orElse(""))
              .map(String::strip)
              .toList();
      if (!titled.isEmpty()) {
        md.line("- **%s:** %s".formatted(REF_LISTS.get(list), String.join("; ", titled)));
      }
    }
    md.blank();
    md.line("Condition (CEL):");
    md.blank();
    md.line("```");
    md.block(t.text("when"));
    md.line("```");
    md.blank();
  }

  private static void control(Markdown md, CatalogDocument doc, Entry c) {
    md.line("### %s".formatted(c.text("id")));
    md.blank();
    md.line("**%s.** %s".formatted(c.text("title"), c.text("description")));
    md.blank();
    Entry m = c.entry("mitigates");
    md.line(
        "- **Stops:** " + orNone(m.strings("full").stream().map(CatalogMarkdown::ref).toList()));
    md.line(
        "- **Reduces:** "
            + orNone(m.strings("partial").stream().map(CatalogMarkdown::ref).toList()));
    List<Entry> not = c.entries("not-stopped");
    if (!not.isEmpty()) {
      md.line("- **Commonly believed to stop, but does not:**");
      for (Entry n : not) {
        md.line("  - %s: %s".formatted(ref(n.text("threat")), n.text("reason")));
      }
    }
    md.blank();
  }

  private static boolean names(List<String> ids, Entry threat) {
    return ids.contains(threat.text("id")) || ids.contains(threat.text("family"));
  }

  private static String ref(String id) {
    return "`" + id + "`";
  }

  private static String codes(List<String> ids) {
    return String.join(", ", ids.stream().map(CatalogMarkdown::ref).toList());
  }

  private static String orNone(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }

  static String anchor(Entry threat) {
    return threat.text("id");
  }
}
