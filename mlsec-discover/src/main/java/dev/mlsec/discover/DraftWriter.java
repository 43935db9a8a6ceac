package dev.mlsec.discover;

import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.AttributeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a {@link Draft} as a format-1 workflow file, the evidence of every fact as a comment. */
final class DraftWriter {
  /** Evidence shown per comment; the rest is counted. */
  static final int EVIDENCE_SHOWN = 4;

  private final StringBuilder out = new StringBuilder();
  int inferred;
  int unknown;

  String write(Draft d, String system) {
    line("# Drafted by 'mlsec discover' from the files of this repository. Every fact names the");
    line("# file and line it was read from; 'unknown' marks what the files do not say. Review it,");
    line("# then answer the open questions with 'mlsec interview' (see docs/discover.md).");
    line("mlsec: 1");
    line("system: " + Yaml.quote(system));
    if (!d.credentials().isEmpty()) {
      line("assets:");
      for (Draft.Credential c : d.credentials().values()) {
        String grants = c.grants() == null ? "" : ", grants: " + Yaml.quote(c.grants());
        line("  " + c.id() + ": {kind: credential" + grants + "}" + comment(c.evidence(), ""));
      }
    }
    line("components:");
    List<Draft.Part> parts = new ArrayList<>(d.parts());
    parts.sort(Comparator.comparing((Draft.Part p) -> p.kind).thenComparing(p -> p.id));
    for (Draft.Part p : parts) writePart(p);
    if (d.flows().isEmpty()) {
      line("flows: []");
    } else {
      line("flows:");
      for (Map.Entry<String, Set<Evidence>> f : d.flows().entrySet()) {
        line("  - " + f.getKey() + comment(f.getValue(), ""));
      }
    }
    return out.toString();
  }

  private void writePart(Draft.Part p) {
    String merged =
        p.sources.size() > 1 ? "merged from " + String.join(", ", p.sources) + ": " : "";
    line("  " + p.id + ":" + comment(p.evidence, merged));
    for (String n : p.notes) line("    # " + clean(n));
    line("    kind: " + p.kind.id());
    if (p.name != null) line("    name: " + Yaml.quote(p.name));
    if (!p.contains.isEmpty()) line("    contains: [" + String.join(", ", p.contains) + "]");
    for (AttributeSpec a : p.kind.attributes().values()) {
      Object v = p.values.get(a.name());
      if (v == null && !a.leftOut().isEmpty()) continue; // left out, it means what a person means
      if (v == null) {
        unknown++;
        line("    " + a.name() + ": unknown");
      } else {
        inferred++;
        line("    " + a.name() + ": " + render(v, a) + comment(p.valueEvidence.get(a.name()), ""));
      }
    }
  }

  private static String render(Object v, AttributeSpec a) {
    if (v instanceof Boolean b) return b.toString();
    if (v instanceof List<?> l) {
      List<String> words = l.stream().map(Object::toString).toList();
      return "[" + String.join(", ", words) + "]";
    }
    return a.type() == AttributeType.TEXT ? Yaml.quote(v.toString()) : v.toString();
  }

  private static String comment(Collection<Evidence> ev, String prefix) {
    if (ev == null || ev.isEmpty()) return prefix.isEmpty() ? "" : "   # " + clean(prefix);
    List<String> shown = new ArrayList<>();
    int i = 0;
    for (Evidence e : ev) {
      if (i++ == EVIDENCE_SHOWN) break;
      shown.add(e.where() + (e.note().isEmpty() ? "" : " (" + e.note() + ")"));
    }
    String more =
        ev.size() > EVIDENCE_SHOWN ? " and " + (ev.size() - EVIDENCE_SHOWN) + " more" : "";
    String body = prefix.isEmpty() ? "from " : prefix;
    return "   # " + clean(body + String.join(", ", shown) + more);
  }

  /** Comment text: one line, no control characters (names from files may hold anything). */
  static String clean(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              boolean control =
                  Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029;
              b.appendCodePoint(control ? '?' : c);
            });
    return b.toString();
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
