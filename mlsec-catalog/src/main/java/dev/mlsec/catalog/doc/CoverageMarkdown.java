package dev.mlsec.catalog.doc;

import dev.mlsec.catalog.doc.CatalogDocument.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders docs/coverage.md: for each public framework, which catalog threats cover each of its
 * entries; for MITRE ATLAS, every technique of the covered tactics is either referenced or out of
 * scope with a reason.
 */
public final class CoverageMarkdown {

  private CoverageMarkdown() {}

  public static String render(CatalogDocument doc) {
    Markdown md = new Markdown();
    md.line("# Coverage of public frameworks");
    md.blank();
    md.line(GeneratedNotice.TEXT);
    md.blank();
    classes(md, doc);
    framework(md, doc, "owasp-ml", "OWASP Machine Learning Security Top 10 (2023)");
    framework(md, doc, "owasp-llm", "OWASP Top 10 for LLM Applications (2025)");
    nist(md, doc);
    euKinds(md, doc);
    framework(md, doc, "eu-ai-act", "EU AI Act articles cited");
    atlas(md, doc);
    return md.toString();
  }

  private static void classes(Markdown md, CatalogDocument doc) {
    md.line("## Threats by class");
    md.blank();
    md.row("class", "threats");
    md.row("---", "---:");
    for (String c : List.of("ml-specific", "ml-amplified", "conventional")) {
      long n = doc.threats().stream().filter(t -> t.text("class").equals(c)).count();
      md.row("`" + c + "`", Long.toString(n));
    }
    md.row("controls", Integer.toString(doc.controls().size()));
    md.blank();
  }

  private static void framework(Markdown md, CatalogDocument doc, String list, String title) {
    md.line("## " + title);
    md.blank();
    md.row("id", "title", "threats");
    md.row("---", "---", "---");
    for (Entry ref : doc.references().entries(list)) {
      String id = ref.text("id");
      md.row(id, ref.text("title"), threatList(referencing(doc, list, id)));
    }
    md.blank();
  }

  private static void nist(Markdown md, CatalogDocument doc) {
    md.line("## NIST AI 100-2 E2025 attack index");
    md.blank();
    md.line(
        "Category rows (two digits) are the attacker objectives; a threat listed on a category"
            + " row cites the objective as a whole.");
    md.blank();
    md.row("id", "name", "objective", "threats");
    md.row("---", "---", "---", "---");
    for (Entry ref : doc.references().entries("nist-aml")) {
      String id = ref.text("id");
      md.row(
          id,
          ref.text("title"),
          ref.text("category"),
          threatList(referencing(doc, "nist-aml", id)));
    }
    md.blank();
  }

  private static void euKinds(Markdown md, CatalogDocument doc) {
    md.line("## EU AI Act Art. 15(5): the five kinds of AI-specific attack");
    md.blank();
    md.row("kind", "threats");
    md.row("---", "---");
    for (Entry kind : doc.references().entries("eu-ai-act-15-5-kinds")) {
      md.row(kind.text("title"), threatList(euKindThreats(doc, kind)));
    }
    md.blank();
  }

  /** Threats of the kind's families plus its named threats, in catalog order. */
  public static List<Entry> euKindThreats(CatalogDocument doc, Entry kind) {
    Set<String> families = new LinkedHashSet<>(kind.strings("families"));
    Set<String> named = new LinkedHashSet<>(kind.strings("threats"));
    return doc.threats().stream()
        .filter(t -> families.contains(t.text("family")) || named.contains(t.text("id")))
        .toList();
  }

  /** The ATLAS tactics every technique of which coverage.md accounts for, by id, with names. */
  public static final Map<String, String> ATLAS_TACTICS = atlasTactics();

  private static Map<String, String> atlasTactics() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("AML.TA0004", "Initial Access");
    m.put("AML.TA0001", "AI Attack Staging");
    m.put("AML.TA0006", "Persistence");
    m.put("AML.TA0005", "Execution");
    m.put("AML.TA0007", "Defense Evasion");
    m.put("AML.TA0010", "Exfiltration");
    m.put("AML.TA0011", "Impact");
    return Collections.unmodifiableMap(m);
  }

  private static void atlas(Markdown md, CatalogDocument doc) {
    md.line("## MITRE ATLAS " + doc.references().text("atlas-version"));
    md.blank();
    md.line(
        "Every technique of the tactics below is either referenced by a threat or out of scope"
            + " for a workflow description, with the reason. A technique may belong to several"
            + " tactics; it is listed under each.");
    md.blank();
    for (Map.Entry<String, String> tactic : ATLAS_TACTICS.entrySet()) {
      md.line("### %s (%s)".formatted(tactic.getValue(), tactic.getKey()));
      md.blank();
      md.row("technique", "name", "threats");
      md.row("---", "---", "---");
      for (Entry tech : atlasTechniques(doc, tactic.getKey())) {
        String id = tech.text("id");
        List<Entry> threats = referencing(doc, "atlas", id);
        String cell =
            threats.isEmpty()
                ? outOfScope(doc, id).map(r -> "out of scope: " + r).orElse("**not covered**")
                : threatList(threats);
        md.row(id, tech.text("title"), cell);
      }
      md.blank();
    }
  }

  /** The ATLAS techniques of a tactic, in the order of the reference list. */
  public static List<Entry> atlasTechniques(CatalogDocument doc, String tacticId) {
    return doc.references().entries("atlas").stream()
        .filter(t -> t.strings("tactics").contains(tacticId))
        .toList();
  }

  /** The reason a technique is out of scope, when the catalog gives one. */
  public static Optional<String> outOfScope(CatalogDocument doc, String techniqueId) {
    return doc.references().entries("atlas").stream()
        .filter(e -> e.text("id").equals(techniqueId) && e.has("out-of-scope"))
        .map(e -> e.text("out-of-scope"))
        .findFirst();
  }

  /** Threats whose refs list {@code id} under {@code list}, in catalog order. */
  public static List<Entry> referencing(CatalogDocument doc, String list, String id) {
    List<Entry> out = new ArrayList<>();
    for (Entry t : doc.threats()) {
      if (t.entry("refs").strings(list).contains(id)) {
        out.add(t);
      }
    }
    return out;
  }

  private static String threatList(List<Entry> threats) {
    if (threats.isEmpty()) {
      return "**not covered**";
    }
    return String.join(
        ", ",
        threats.stream()
            .map(t -> "[`%s`](catalog.md#%s)".formatted(t.text("id"), CatalogMarkdown.anchor(t)))
            .toList());
  }
}
