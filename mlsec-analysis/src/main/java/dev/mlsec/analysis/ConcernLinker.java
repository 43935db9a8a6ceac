package dev.mlsec.analysis;

import dev.mlsec.model.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Lays a concern beside the findings this workflow raised before the rest of the catalog: a concern
 * is first matched to a raised finding, preferring one whose threat is of a mechanism or harm the
 * concern names ({@link ConcernCues}), then one the concern's words read well enough (catalog text
 * score of at least {@link #RAISED_MIN} rare-word units, below the catalog-wide {@link
 * ConcernMatcher#MIN_UNITS}), a component or person the concern names on the finding's path
 * counting in its favour. Only when no raised finding fits does the concern fall back to the
 * catalog: to a threat of the mechanism it names, else to the catalog text's best reading; and a
 * fallback threat of the family of a raised finding points at that finding (a concern is not "not
 * exposed" when its threat is raised under another name). Each match says why.
 */
final class ConcernLinker {
  /** The least text score, in rare-word units, of a raised finding matched on words alone. */
  static final float RAISED_MIN = 2.0f;

  /** What naming a finding's mechanism is worth, in rare-word units. */
  static final float CUE_UNITS = 4.0f;

  /** What naming a component on a finding's path is worth (once per component, at most two). */
  static final float COMPONENT_UNITS = 1.0f;

  /** Words of component ids that name no particular component. */
  private static final Set<String> GENERIC =
      Set.of(
          "model",
          "data",
          "service",
          "store",
          "training",
          "train",
          "the",
          "app",
          "api",
          "llm",
          "agent",
          "job",
          "pipeline",
          "server",
          "set",
          "table",
          "bucket",
          "feed",
          "user",
          "users");

  private record Candidate(String threat, String id, List<String> places) {}

  private final Function<String, String> family;

  ConcernLinker(Function<String, String> family) {
    this.family = family;
  }

  ConcernMatch link(
      String text,
      Position location,
      ConcernMatcher.Result mapped,
      Map<String, Float> units,
      List<Finding> findings) {
    List<ConcernCues.Cue> cues = ConcernCues.of(text);
    Set<String> cued = new LinkedHashSet<>();
    for (ConcernCues.Cue c : cues) cued.addAll(c.threats());
    Set<String> words = words(text);
    List<Candidate> raised = new ArrayList<>();
    for (Finding f : findings) {
      List<String> places = new ArrayList<>(f.path());
      places.addAll(f.targets());
      f.component().ifPresent(places::add);
      if (f.variants().isEmpty()) raised.add(new Candidate(f.threat(), f.id(), places));
      else
        for (Variant v : f.variants()) {
          List<String> vp = new ArrayList<>(places);
          vp.addAll(v.path());
          vp.addAll(v.targets());
          raised.add(new Candidate(v.threat(), v.id(), vp));
        }
    }
    // 1. the raised findings of the mechanism the concern names, or (naming none) that its words
    // read well enough
    float best = 0f;
    for (float u : units.values()) best = Math.max(best, u);
    Map<Candidate, Float> score = new LinkedHashMap<>();
    Map<Candidate, List<String>> named = new LinkedHashMap<>();
    // a concern that names a mechanism is matched to findings of that mechanism only: the words
    // it shares with another threat's text are surface ("money back" is not consumption)
    for (Candidate c : raised) {
      float u = units.getOrDefault(c.threat(), 0f);
      boolean cue = cued.contains(c.threat());
      if (!cued.isEmpty() && !cue) continue;
      // on words alone: a reading nearly as good as the concern's best catalog reading
      if (!cue && (u < RAISED_MIN || u < ConcernMatcher.NEAR * best)) continue;
      List<String> comps = named(words, c.places());
      float s = u + (cue ? CUE_UNITS : 0f) + COMPONENT_UNITS * Math.min(2, comps.size());
      score.put(c, s);
      named.put(c, comps);
    }
    List<String> closest = new ArrayList<>(mapped.closest());
    if (!score.isEmpty()) {
      List<Candidate> ranked = new ArrayList<>(score.keySet());
      ranked.sort(
          Comparator.comparing((Candidate c) -> -score.get(c))
              .thenComparing(Candidate::threat)
              .thenComparing(Candidate::id));
      float top = score.get(ranked.get(0));
      List<String> matched = new ArrayList<>();
      List<String> exposed = new ArrayList<>();
      for (Candidate c : ranked) {
        if (score.get(c) < top * ConcernMatcher.NEAR) break;
        if (!matched.contains(c.threat()) && matched.size() >= ConcernMatcher.MAX_MATCHED) continue;
        if (!matched.contains(c.threat())) matched.add(c.threat());
        if (!exposed.contains(c.id())) exposed.add(c.id());
      }
      Candidate first = ranked.get(0);
      String why = whyRaised(first, cues, named.get(first));
      closest.removeAll(matched);
      return new ConcernMatch(text, matched, exposed, location, closest, why);
    }
    // 2. nothing raised fits: the catalog, a threat of the named mechanism first
    List<String> matched = new ArrayList<>();
    String why;
    if (!cued.isEmpty()) {
      List<String> ids = new ArrayList<>(cued);
      ids.sort(
          Comparator.comparing((String t) -> -units.getOrDefault(t, 0f))
              .thenComparing(ids::indexOf));
      float lead = units.getOrDefault(ids.get(0), 0f);
      for (String t : ids) {
        if (matched.size() >= ConcernMatcher.MAX_MATCHED) break;
        float u = units.getOrDefault(t, 0f);
        if (matched.isEmpty() || (u > 0 && u >= lead * ConcernMatcher.NEAR)) matched.add(t);
      }
      why = "names " + says(cues) + "; no finding of it is raised here";
    } else {
      matched.addAll(mapped.matched());
      why = matched.isEmpty() ? "" : "read by the catalog's text; no raised finding fits";
    }
    // a fallback threat of a raised finding's family points at that finding
    List<String> exposed = new ArrayList<>();
    Set<String> families = new LinkedHashSet<>();
    for (String t : matched) families.add(family.apply(t));
    for (Candidate c : raised)
      if (families.contains(family.apply(c.threat()))
          && !family.apply(c.threat()).isEmpty()
          && !exposed.contains(c.id())
          && units.getOrDefault(c.threat(), 0f) > 0) {
        exposed.add(c.id());
        if (!matched.contains(c.threat()) && matched.size() < ConcernMatcher.MAX_MATCHED + 1)
          matched.add(c.threat());
      }
    if (!exposed.isEmpty()) why = why.replace("; no finding of it is raised here", "");
    if (!exposed.isEmpty() && cued.isEmpty())
      why = "read by the catalog's text; raised here as " + exposed.get(0);
    closest.removeAll(matched);
    return new ConcernMatch(text, matched, exposed, location, closest, why);
  }

  private static String says(List<ConcernCues.Cue> cues) {
    List<String> s = new ArrayList<>();
    for (ConcernCues.Cue c : cues) s.add(c.says());
    return String.join(" and ", s);
  }

  private static String whyRaised(Candidate top, List<ConcernCues.Cue> cues, List<String> comps) {
    StringBuilder b = new StringBuilder();
    List<ConcernCues.Cue> hit = new ArrayList<>();
    for (ConcernCues.Cue c : cues) if (c.threats().contains(top.threat())) hit.add(c);
    if (!hit.isEmpty()) b.append("names ").append(says(hit)).append(", raised here as ");
    else b.append("its words read as the raised finding ");
    b.append(top.id());
    if (!comps.isEmpty()) b.append(" (it names ").append(String.join(", ", comps)).append(')');
    return b.toString();
  }

  /** The components of places the concern names: each distinctive word of the id in the text. */
  private static List<String> named(Set<String> words, List<String> places) {
    List<String> out = new ArrayList<>();
    for (String p : new LinkedHashSet<>(places)) {
      List<String> parts = new ArrayList<>();
      for (String w : p.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
        if (w.length() >= 3 && !GENERIC.contains(w)) parts.add(stem(w));
      if (!parts.isEmpty() && words.containsAll(parts)) out.add(p);
    }
    return out;
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
      if (w.length() >= 3) out.add(stem(w));
    return out;
  }

  /** A crude stem: the plural or possessive ending dropped, so "couriers" names "courier". */
  private static String stem(String w) {
    if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
    if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3)
      return w.substring(0, w.length() - 1);
    return w;
  }
}
