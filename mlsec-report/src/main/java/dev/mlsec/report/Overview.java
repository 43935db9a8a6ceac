package dev.mlsec.report;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Claim;
import dev.mlsec.analysis.ConcernMatch;
import dev.mlsec.analysis.Finding;
import dev.mlsec.analysis.FindingStatus;
import dev.mlsec.analysis.Mitigation;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.Threat;
import dev.mlsec.catalog.ThreatClass;
import dev.mlsec.model.Decision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every human-facing report shows besides the raw findings, computed once from an analysis so
 * that text, Markdown, HTML and JSON say the same thing.
 */
public final class Overview {
  private final Analysis analysis;
  private final Map<ThreatClass, List<Finding>> byClass = new EnumMap<>(ThreatClass.class);
  private final Map<Severity, Integer> actionableBySeverity = new EnumMap<>(Severity.class);
  private final Map<String, Severity> worstByTarget = new LinkedHashMap<>();
  private final Map<String, Finding> byId = new LinkedHashMap<>();

  public Overview(Analysis analysis) {
    this.analysis = analysis;
    for (ThreatClass c : ThreatClass.values()) byClass.put(c, new ArrayList<>());
    for (Severity s : Severity.values()) actionableBySeverity.put(s, 0);
    for (Finding f : analysis.findings()) {
      byClass.get(f.threatClass()).add(f);
      byId.put(f.id(), f);
      if (f.status().actionable()) {
        actionableBySeverity.merge(f.severity(), 1, Integer::sum);
        worstByTarget.merge(f.target(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
      }
    }
  }

  public Analysis analysis() {
    return analysis;
  }

  /** Findings of one class, in the analysis order. */
  public List<Finding> findings(ThreatClass threatClass) {
    return byClass.get(threatClass);
  }

  public Optional<Finding> finding(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Open and conditional findings of each severity, most severe first. */
  public Map<Severity, Integer> actionableBySeverity() {
    return actionableBySeverity;
  }

  public int actionable() {
    return actionableBySeverity.values().stream().mapToInt(Integer::intValue).sum();
  }

  public long count(FindingStatus status) {
    return analysis.findings().stream().filter(f -> f.status() == status).count();
  }

  /** The worst open or conditional finding on a component or flow id. */
  public Optional<Severity> worstActionable(String target) {
    return Optional.ofNullable(worstByTarget.get(target));
  }

  public List<Claim> claimsNotHolding() {
    return analysis.claims().stream().filter(c -> !c.holds()).toList();
  }

  /**
   * The claims line counted by verdict, e.g. "3 of 9 claims do not hold, 5 hold only partly": a
   * partial claim is not counted as one that does not hold.
   */
  public String claimsHeadline() {
    List<Claim> all = analysis.claims();
    long not = all.stream().filter(c -> c.verdict().equals("does-not-hold")).count();
    long partly = all.stream().filter(c -> c.verdict().equals("partly")).count();
    long unverified = all.stream().filter(c -> c.verdict().equals("unverified")).count();
    if (not + partly + unverified == 0)
      return all.size() == 1 ? "the claim holds" : "all " + all.size() + " claims hold";
    List<String> parts = new ArrayList<>();
    if (not > 0)
      parts.add(
          not
              + " of "
              + all.size()
              + (all.size() == 1 ? " claim does" : " claims do")
              + " not hold");
    if (partly > 0)
      parts.add(
          (parts.isEmpty() ? partly + " of " + all.size() : partly + "")
              + (partly == 1 ? " holds" : " hold")
              + " only partly");
    if (unverified > 0)
      parts.add(
          (parts.isEmpty() ? unverified + " of " + all.size() : unverified + "")
              + " cannot be checked (custom controls)");
    return String.join(", ", parts);
  }

  /** The other targets of a grouped finding, for "also on …" lines; empty for one target. */
  public static List<String> otherTargets(Finding f) {
    return f.targets().size() <= 1 ? List.of() : f.targets().subList(1, f.targets().size());
  }

  /**
   * The attacks a grouped finding stands for, one line each ("sybil-poisoning (medium) on job:
   * title [refs]"); empty when it is one threat.
   */
  public static List<String> variantLines(Finding f) {
    List<String> out = new java.util.ArrayList<>();
    for (dev.mlsec.analysis.Variant v : f.variants()) {
      List<String> refs = new java.util.ArrayList<>(v.refs().atlas());
      refs.addAll(v.refs().owaspMl());
      refs.addAll(v.refs().owaspLlm());
      out.add(
          v.threat()
              + " ("
              + v.severity().id()
              + ") on "
              + String.join(", ", v.targets())
              + ": "
              + v.title()
              + (refs.isEmpty() ? "" : " [" + String.join(", ", refs) + "]"));
    }
    return out;
  }

  /** Concerns the workflow bears out: they map to threats it really exposes. */
  public List<ConcernMatch> namedAndExposed() {
    return analysis.concerns().stream().filter(c -> !c.exposed().isEmpty()).toList();
  }

  /** Concerns that map to threats the workflow does not expose. */
  public List<ConcernMatch> namedNotExposed() {
    return analysis.concerns().stream()
        .filter(c -> c.exposed().isEmpty() && !c.unmapped())
        .toList();
  }

  /**
   * Concerns that map to no threat of the catalog: reports say so, with what came closest, rather
   * than telling the team its worry does not apply.
   */
  public List<ConcernMatch> unmapped() {
    return analysis.concerns().stream().filter(ConcernMatch::unmapped).toList();
  }

  /** The one sentence every format gives for an unmapped concern, before any markup. */
  public static String unmappedSentence(ConcernMatch c) {
    return "we could not map this to a threat of the catalog"
        + (c.closest().isEmpty() ? "" : "; closest: " + String.join(", ", c.closest()));
  }

  /** Threats the workflow exposes that no concern named, with the findings that show them. */
  public Map<String, List<Finding>> exposedNotNamed() {
    Map<String, List<Finding>> out = new LinkedHashMap<>();
    for (String threat : analysis.unmatchedThreats()) {
      out.put(
          threat, analysis.findings().stream().filter(f -> f.threats().contains(threat)).toList());
    }
    return out;
  }

  public Optional<Threat> threat(String id) {
    return analysis.catalog().threat(id);
  }

  /** The catalog's one-line summary of a finding's threat, or empty. */
  public String summary(Finding f) {
    return threat(f.threat()).map(Threat::summary).orElse("");
  }

  /** Every decision of the workflow with the finding it is about and whether it still holds. */
  public List<DecisionView> decisions() {
    List<DecisionView> out = new ArrayList<>();
    for (Decision d : analysis.workflow().decisions()) {
      Optional<Finding> f = finding(d.finding());
      // The engine attaches a decision to its finding only while it is in force.
      boolean expired =
          d.until().isPresent() && f.isPresent() && f.get().decision().filter(d::equals).isEmpty();
      out.add(new DecisionView(d, f, expired));
    }
    return out;
  }

  /** A decision of the team and what became of it. */
  public record DecisionView(Decision decision, Optional<Finding> finding, boolean expired) {}

  /**
   * Why a finding has its severity: the engine's steps when it recorded them, else what the finding
   * shows (the catalog's impact, each implemented partial control, the net effect of the rest).
   */
  public List<String> severityReasoning(Finding f) {
    if (!f.severitySteps().isEmpty()) return f.severitySteps();
    List<String> out = new ArrayList<>();
    Optional<Threat> t = threat(f.threat());
    if (t.isEmpty()) {
      out.add("severity " + f.severity().id());
      return out;
    }
    Severity impact = t.get().impact();
    out.add("impact of " + f.threat() + " in the catalog: " + impact.id());
    int partial = 0;
    for (Mitigation m : f.mitigations()) {
      if (m.state().equals("implemented") && m.strength().equals("partial") && partial < 2) {
        partial++;
        out.add("lowered one step by " + m.control() + " (implemented, partial)");
      }
    }
    int raised = f.severity().stepsAbove(impact) + partial;
    if (raised > 0) {
      out.add(
          "raised "
              + steps(raised)
              + " by its exposure and the assets at stake (personal data, a high-value model or"
              + " a credential)");
    } else if (raised < 0) {
      out.add(
          "lowered " + steps(-raised) + " because it is reachable only internally or not at all");
    }
    out.add("result: " + f.severity().id());
    return out;
  }

  private static String steps(int n) {
    return n == 1 ? "one step" : n + " steps";
  }
}
