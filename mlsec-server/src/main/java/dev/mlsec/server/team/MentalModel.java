package dev.mlsec.server.team;

import dev.mlsec.analysis.BeliefCheck;
import dev.mlsec.analysis.Claim;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.Threat;
import dev.mlsec.server.store.TeamBeliefs;
import dev.mlsec.server.store.TrackedFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A team's mental model laid beside its workflow. Each member's concerns are mapped onto catalog
 * threats by the CLI's concern matcher, each belief that a control stops a threat is checked as a
 * workflow's {@code believed-to-stop} claim is; a member <em>names</em> a threat when a concern of
 * theirs maps to it or a control belief of theirs is about it (or its family). Then per threat:
 * every member named it (agreed), some did (disagreed), the latest version exposes it open and
 * nobody named it (the blind spot), or it was named and is not exposed.
 */
public record MentalModel(
    List<String> members,
    List<MappedConcern> concerns,
    List<CheckedBelief> beliefs,
    List<ThreatLine> agreed,
    List<ThreatLine> disagreed,
    List<ThreatLine> unnamed,
    List<ThreatLine> notExposed) {

  /** A member's concern and the threats it maps to (or what came closest). */
  public record MappedConcern(
      long id, String member, String text, List<String> matched, List<String> closest) {}

  /** A member's belief that {@code control} stops {@code threat}, and the analysis' verdict. */
  public record CheckedBelief(
      long id, String member, String control, String threat, String verdict, String reason) {
    public boolean backed() {
      return verdict.equals("holds");
    }
  }

  /** One threat: who named it, who did not, where the latest version exposes it open. */
  public record ThreatLine(
      String threat,
      String title,
      List<String> namedBy,
      List<String> notNamedBy,
      List<String> exposedAt) {}

  /** The beliefs the analysis does not back: partly, does-not-hold, unverified. */
  public List<CheckedBelief> notBacked() {
    return beliefs.stream().filter(b -> !b.backed()).toList();
  }

  public boolean empty() {
    return members.isEmpty();
  }

  public static MentalModel of(
      List<TeamBeliefs.Entry> entries,
      List<TrackedFinding> latest,
      Catalog catalog,
      BeliefCheck check) {
    Set<String> members = new TreeSet<>();
    Map<String, Set<String>> namedBy = new TreeMap<>(); // threat -> members
    List<MappedConcern> concerns = new ArrayList<>();
    List<CheckedBelief> beliefs = new ArrayList<>();
    for (TeamBeliefs.Entry e : entries) {
      members.add(e.member());
      if (e.isConcern()) {
        BeliefCheck.Mapped m = check.concern(e.concern());
        concerns.add(new MappedConcern(e.id(), e.member(), e.concern(), m.matched(), m.closest()));
        for (String t : m.matched())
          namedBy.computeIfAbsent(t, k -> new TreeSet<>()).add(e.member());
      } else {
        Claim c = check.claim(e.control(), e.threat());
        beliefs.add(
            new CheckedBelief(
                e.id(), e.member(), e.control(), e.threat(), c.verdict(), c.reason()));
        for (Threat t : catalog.threats())
          if (t.id().equals(e.threat()) || t.family().equals(e.threat()))
            namedBy.computeIfAbsent(t.id(), k -> new TreeSet<>()).add(e.member());
      }
    }
    Map<String, List<String>> exposed = new TreeMap<>();
    Map<String, String> titles = new TreeMap<>();
    for (TrackedFinding f : latest) {
      titles.putIfAbsent(f.finding().threat(), f.finding().title());
      if (f.open())
        exposed
            .computeIfAbsent(f.finding().threat(), k -> new ArrayList<>())
            .add(f.finding().fingerprint());
    }
    List<ThreatLine> agreed = new ArrayList<>();
    List<ThreatLine> disagreed = new ArrayList<>();
    List<ThreatLine> unnamed = new ArrayList<>();
    List<ThreatLine> notExposed = new ArrayList<>();
    Set<String> threats = new TreeSet<>(namedBy.keySet());
    threats.addAll(exposed.keySet());
    for (String t : threats) {
      Set<String> who = namedBy.getOrDefault(t, Set.of());
      List<String> not = members.stream().filter(m -> !who.contains(m)).toList();
      String title =
          catalog.threat(t).map(Threat::title).orElseGet(() -> titles.getOrDefault(t, t));
      ThreatLine line =
          new ThreatLine(t, title, List.copyOf(who), not, exposed.getOrDefault(t, List.of()));
      if (who.isEmpty()) unnamed.add(line);
      else if (!exposed.containsKey(t)) notExposed.add(line);
      else if (not.isEmpty()) agreed.add(line);
      else disagreed.add(line);
    }
    return new MentalModel(
        List.copyOf(members),
        List.copyOf(concerns),
        List.copyOf(beliefs),
        List.copyOf(agreed),
        List.copyOf(disagreed),
        List.copyOf(unnamed),
        List.copyOf(notExposed));
  }
}
