package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Facts;
import dev.mlsec.analysis.fact.Mode;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Control;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks each {@code believed-to-stop} claim against what the catalog says the control does, and,
 * with the analysis of a workflow, against what that workflow exposes.
 *
 * <p>A {@code custom:} control is judged as the catalog control its name and description match
 * ({@link ControlMatcher}) when the match is confident, and stays {@code unverified} (naming the
 * catalog controls that do stop the threat) when it is not. With the workflow's findings and facts
 * a claim that does not hold in general reads {@code holds-here} when nobody outside the team
 * writes into, shapes or queries the component and the analysis raises no finding of the threat
 * anywhere in the workflow; a {@code partly} names the findings of the threat whose path passes the
 * component by.
 */
final class ClaimCheck {
  /** Most catalog controls named as the ones that do stop a threat. */
  private static final int MAX_STOPPERS = 6;

  private final Catalog catalog;
  private ControlMatcher matcher;

  ClaimCheck(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The claims judged by the catalog alone, as for beliefs held outside a workflow. */
  List<Claim> check(Workflow w) {
    return check(w, List.of(), null);
  }

  /**
   * The claims judged by the catalog and by the workflow's own analysis: its findings (after
   * grouping) and its facts; with null facts the catalog alone decides.
   */
  List<Claim> check(Workflow w, List<Finding> findings, Facts facts) {
    List<Claim> out = new ArrayList<>();
    for (Control c : w.controls())
      for (String belief : c.believedToStop()) {
        Verdict general = verdict(c, belief);
        List<String> where = c.appliesTo().isEmpty() ? List.of("") : c.appliesTo();
        for (String component : where) {
          Verdict v =
              facts == null
                  ? general
                  : switchedOff(c, component, belief, facts)
                      .or(() -> signedAgainstBackdoor(c, component, belief, findings))
                      .or(
                          () ->
                              knownCallersAgainstExtraction(
                                  w, c, component, belief, general, facts))
                      .orElseGet(() -> here(general, component, belief, findings, facts));
          out.add(
              new Claim(
                  c.id(),
                  component,
                  belief,
                  v.verdict().startsWith("holds"),
                  v.verdict(),
                  v.reason(),
                  c.position()));
        }
      }
    return out;
  }

  record Verdict(String verdict, String reason) {}

  /**
   * A human-approval claim on a tool whose approval is keyed on a mark of the item acted on while
   * outsiders steer it: whoever writes what the agent reads sets or removes the mark, so the
   * steered call runs unapproved and the claim does not hold for any threat.
   */
  private static Optional<Verdict> switchedOff(
      Control c, String component, String belief, Facts facts) {
    if (!c.id().equals("human-approval")
        || component.isEmpty()
        || !facts.approvalSwitchedOff(facts.graph().indexOf(component))) return Optional.empty();
    return Optional.of(
        new Verdict(
            "does-not-hold",
            "The approval on "
                + component
                + " is asked only for items that bear a tag, label or flag, and whoever writes"
                + " what the agent reads writes those items too: a steered call on an item without"
                + " the mark runs with no approval, so the gate is not in the way of "
                + belief
                + "."
                + (c.implemented() ? "" : " It is also only planned, not in place.")));
  }

  /** A model file changed or swapped after training: what a verified signature stops. */
  private static final Set<String> ARTIFACT_THREATS =
      Set.of("unsigned-model", "registry-tampering", "on-device-model-tampering");

  /**
   * A control that stops a changed or unsigned model file (signing, verified at load) believed to
   * stop a backdoor: it does stop one written into the file after training, not one trained in
   * through poisoned data. So the belief holds where the workflow has no way for poison into
   * training (no backdoor finding anywhere), and holds partly where it has one, which is named.
   */
  private Optional<Verdict> signedAgainstBackdoor(
      Control c, String component, String belief, List<Finding> findings) {
    Set<String> threats = threatsOf(belief);
    if (c.custom()
        || component.isEmpty()
        || threats.isEmpty()
        || !threats.stream()
            .allMatch(t -> catalog.threat(t).map(Threat::family).orElse("").equals("backdoor")))
      return Optional.empty();
    ControlDef def = catalog.control(c.id()).orElse(null);
    if (def == null
        || def.full().contains(belief)
        || def.full().stream().noneMatch(ARTIFACT_THREATS::contains)) return Optional.empty();
    String planned = c.implemented() ? "" : " It is also only planned, not in place.";
    String stops =
        def.title()
            + ": this stops a backdoor written into the model file after training, and a swapped"
            + " model, but not one trained in: a model trained on poisoned data is signed by the"
            + " team's own pipeline like any other.";
    List<String> trainedIn = new ArrayList<>();
    for (Finding f : findings)
      for (Target t : targets(f)) if (threats.contains(t.threat())) trainedIn.add(t.id());
    if (trainedIn.isEmpty())
      return Optional.of(
          new Verdict(
              "holds-here",
              stops
                  + " This workflow raises no way for poison into training, so against "
                  + belief
                  + " the belief holds in it."
                  + planned));
    return Optional.of(
        new Verdict(
            "partly",
            stops
                + " Here "
                + String.join(", ", trainedIn.subList(0, Math.min(3, trainedIn.size())))
                + (trainedIn.size() > 3 ? " and " + (trainedIn.size() - 3) + " more" : "")
                + (trainedIn.size() == 1 ? " brings" : " bring")
                + " poison into training, which the signature does not stop."
                + planned));
  }

  /**
   * A control on who may reach a component (it acts on unauthenticated compute: access control,
   * authentication) believed to stop model extraction, where every caller is one the team admits by
   * name (internal, a partner, or an account nobody creates for themselves) and no model of the
   * workflow is of high value: it does keep the copying to those few known callers, so it holds
   * partly, not "not at all" for the generic reason that customers may query.
   */
  private Optional<Verdict> knownCallersAgainstExtraction(
      Workflow w, Control c, String component, String belief, Verdict general, Facts facts) {
    Set<String> threats = threatsOf(belief);
    if (c.custom()
        || component.isEmpty()
        || !general.verdict().equals("does-not-hold")
        || threats.isEmpty()
        || !threats.stream()
            .allMatch(
                t -> catalog.threat(t).map(Threat::family).orElse("").equals("model-extraction")))
      return Optional.empty();
    ControlDef def = catalog.control(c.id()).orElse(null);
    if (def == null
        || (!def.full().contains("unauthenticated-ml-compute")
            && !def.partial().contains("unauthenticated-ml-compute"))) return Optional.empty();
    int v = facts.graph().indexOf(component);
    if (v < 0) return Optional.empty();
    int[] callers = facts.queryingActors(v);
    if (callers.length == 0) return Optional.empty();
    // the team's own people alone: nobody outside queries it, which here() judges
    if (Arrays.stream(callers)
        .allMatch(x -> facts.graph().component(x).text("trust").orElse("").equals("internal")))
      return Optional.empty();
    Set<String> who = new java.util.TreeSet<>();
    for (int a : callers) {
      var actor = facts.graph().component(a);
      String trust = actor.text("trust").orElse("unknown");
      boolean named =
          trust.equals("internal")
              || trust.equals("partner")
              || (trust.equals("authenticated")
                  && actor.bool("self-registration").filter(b -> !b).isPresent());
      if (!named) return Optional.empty();
      who.add(trust.equals("authenticated") ? "accounts the team creates" : trust + " callers");
    }
    List<Asset> models =
        w.assets().values().stream().filter(a -> a.kind() == AssetKind.MODEL).toList();
    if (models.isEmpty()
        || !models.stream().allMatch(a -> List.of("low", "medium").contains(a.value())))
      return Optional.empty();
    return Optional.of(
        new Verdict(
            "partly",
            general.reason()
                + " Here, though, only "
                + String.join(" and ", who)
                + " reach "
                + component
                + " and no model of this workflow is of high value: the control keeps the copying"
                + " to those known callers, who can still query their way to a copy."
                + (c.implemented() ? "" : " It is also only planned, not in place.")));
  }

  /** The verdict the catalog gives, a custom control judged as the catalog control it is. */
  Verdict verdict(Control c, String belief) {
    String planned = c.implemented() ? "" : " It is also only planned, not in place.";
    if (!c.custom()) return verdict(catalog.control(c.id()).orElseThrow(), belief, planned);
    String name = c.id().substring(c.id().indexOf(':') + 1);
    Optional<ControlMatcher.Match> m = matcher().match(name, c.description());
    if (m.isPresent() && m.get().confident()) {
      ControlDef def = m.get().control();
      Verdict v = verdict(def, belief, planned);
      return new Verdict(
          v.verdict(),
          c.id()
              + " is judged as "
              + def.title().toLowerCase(java.util.Locale.ROOT)
              + " ("
              + def.id()
              + ") from its name and description. "
              + v.reason());
    }
    return new Verdict(
        "unverified",
        c.id()
            + " is not in the catalog and its name and description do not say clearly which"
            + " catalog control it is, so mlsec cannot check that it stops "
            + belief
            + "."
            + stoppers(belief)
            + planned);
  }

  private synchronized ControlMatcher matcher() {
    if (matcher == null) matcher = new ControlMatcher(catalog);
    return matcher;
  }

  /** " Catalog controls that do stop X: a, b (partly)." or "" when none does. */
  private String stoppers(String belief) {
    Set<String> threats = threatsOf(belief);
    String family = catalog.threat(belief).map(Threat::family).orElse(belief);
    List<String> full = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (ControlDef d : catalog.controls()) {
      if (d.full().contains(belief) || d.full().contains(family)) full.add(d.id());
      else if (d.partial().contains(belief)
          || d.partial().contains(family)
          || d.full().stream().anyMatch(threats::contains)
          || d.partial().stream().anyMatch(threats::contains)) partial.add(d.id() + " (partly)");
    }
    List<String> all = new ArrayList<>(full);
    all.addAll(partial);
    if (all.isEmpty()) return "";
    String more = all.size() > MAX_STOPPERS ? " and " + (all.size() - MAX_STOPPERS) + " more" : "";
    return " Catalog controls that do act on "
        + belief
        + ": "
        + String.join(", ", all.subList(0, Math.min(all.size(), MAX_STOPPERS)))
        + more
        + ".";
  }

  /** The threat itself, or every threat of the family. */
  private Set<String> threatsOf(String belief) {
    Set<String> out = new LinkedHashSet<>();
    if (catalog.threat(belief).isPresent()) out.add(belief);
    for (Threat t : catalog.threats()) if (t.family().equals(belief)) out.add(t.id());
    return out;
  }

  /**
   * The general verdict read against this workflow: {@code holds-here} when the claim does not hold
   * in general but the workflow's facts remove the exposure (nobody outside the team reaches the
   * component, and no finding of the threat is anywhere in the workflow); a {@code partly} that
   * says which findings of the threat pass the component by.
   */
  private Verdict here(
      Verdict general, String component, String belief, List<Finding> findings, Facts facts) {
    String v = general.verdict();
    if (component.isEmpty() || v.equals("holds")) return general;
    Set<String> threats = threatsOf(belief);
    List<String> through = new ArrayList<>();
    List<String> around = new ArrayList<>();
    for (Finding f : findings)
      for (Target t : targets(f))
        if (threats.contains(t.threat())) (t.touches(component) ? through : around).add(t.id());
    // Only where the workflow exposes no such threat at all: a finding of it elsewhere means the
    // exposure is real and this control is merely not where it acts (a release gate believed to
    // stop evasion of the deployed model).
    if (through.isEmpty() && around.isEmpty() && outsiders(component, facts).isEmpty())
      return new Verdict(
          "holds-here",
          general.reason()
              + " Here, though, nobody outside the team writes into, shapes or queries "
              + component
              + ", and the analysis finds no "
              + belief
              + " exposure anywhere in this workflow, so the belief holds in it.");
    // a control that only partly mitigates the threat in general, on a serving whose only output
    // is an ordered list of records, where the workflow exposes no such threat at all: what it
    // leaves open is nothing this workflow's analysis finds reachable
    if (v.equals("partly") && through.isEmpty() && around.isEmpty() && ordersOnly(component, facts))
      return new Verdict(
          "holds-here",
          general.reason()
              + " Here, though, "
              + component
              + " returns only an ordered list of records, and the analysis finds no "
              + belief
              + " exposure anywhere in this workflow, so the belief holds in it.");
    if (v.equals("partly") && !around.isEmpty())
      return new Verdict(
          v,
          general.reason()
              + " In this workflow "
              + String.join(", ", around.subList(0, Math.min(3, around.size())))
              + (around.size() > 3 ? " and " + (around.size() - 3) + " more" : "")
              + (around.size() == 1 ? " reaches its target" : " reach their targets")
              + " by a path that does not pass through "
              + component
              + ", so the control is not in its way there.");
    return general;
  }

  /**
   * A serving whose stated outputs (at least one) are all {@code records}: it ranks, nothing else.
   */
  private static boolean ordersOnly(String component, Facts facts) {
    int v = facts.graph().indexOf(component);
    if (v < 0 || facts.graph().kind(v) != ComponentKind.SERVING) return false;
    List<String> outputs = facts.graph().component(v).texts("outputs");
    return !outputs.isEmpty() && outputs.stream().allMatch("records"::equals);
  }

  /** One threat of a finding (a variant of a grouped one) with the components it touches. */
  private record Target(String threat, String id, List<String> components) {
    boolean touches(String component) {
      return components.contains(component);
    }
  }

  private static List<Target> targets(Finding f) {
    List<Target> out = new ArrayList<>();
    List<String> own = new ArrayList<>(f.path());
    own.addAll(f.targets());
    f.component().ifPresent(own::add);
    f.flow().ifPresent(id -> own.addAll(List.of(id.split("->"))));
    if (f.variants().isEmpty()) out.add(new Target(f.threat(), f.id(), own));
    for (Variant v : f.variants()) {
      List<String> cs = new ArrayList<>(v.path());
      cs.addAll(v.targets());
      out.add(new Target(v.threat(), v.id(), cs));
    }
    return out;
  }

  /**
   * The outsiders (trust levels other than internal, and untrusted data) who reach the component
   * under the worst answer to its unknowns: who queries it, shapes or submits its input, and
   * whether data from outside the team influences it. A component the facts do not describe has
   * none; a data source states its own provenance.
   */
  private static Set<String> outsiders(String component, Facts facts) {
    Set<String> out = new LinkedHashSet<>();
    int v = facts.graph().indexOf(component);
    if (v < 0) return Set.of("unknown");
    Map<String, Object> f = facts.component(v, Mode.WORST);
    for (String name : List.of("queried_by", "shaped_by", "submitted_by"))
      if (f.get(name) instanceof List<?> l)
        for (Object t : l) if (!"internal".equals(t)) out.add(String.valueOf(t));
    if (Boolean.TRUE.equals(f.get("untrusted_influence"))) out.add("untrusted data");
    for (String p : facts.graph().component(v).texts("provenance"))
      if (!List.of("sensor", "first-party", "internal").contains(p)) out.add(p);
    for (int p : facts.graph().predecessors(v))
      if (facts.graph().kind(p) == ComponentKind.ACTOR) {
        List<String> trust = facts.graph().component(p).texts("trust");
        for (String t : trust.isEmpty() ? List.of("unknown") : trust)
          if (!t.equals("internal")) out.add(t);
      }
    return out;
  }

  private Verdict verdict(ControlDef def, String belief, String planned) {
    Optional<Threat> threat = catalog.threat(belief);
    String family = threat.map(Threat::family).orElse(belief);
    boolean isFamily = catalog.family(belief).isPresent();
    if (def.full().contains(belief) || def.full().contains(family))
      return new Verdict("holds", def.title() + " stops " + belief + "." + planned);
    Optional<ControlDef.Misbelief> miss =
        def.notStopped().stream()
            .filter(m -> m.threat().equals(belief) || m.threat().equals(family))
            .findFirst();
    if (def.partial().contains(belief) || def.partial().contains(family))
      return new Verdict(
          "partly",
          def.title()
              + " only partly mitigates "
              + belief
              + "."
              + miss.map(m -> " " + m.reason()).orElse("")
              + planned);
    if (isFamily) {
      // a family claim holds partly when the control covers some of the family's threats
      List<String> full = new ArrayList<>();
      List<String> partial = new ArrayList<>();
      List<String> members = new ArrayList<>();
      for (Threat t : catalog.threats())
        if (t.family().equals(belief)) {
          members.add(t.id());
          if (def.full().contains(t.id())) full.add(t.id());
          else if (def.partial().contains(t.id())) partial.add(t.id());
        }
      if (!members.isEmpty() && full.size() == members.size())
        return new Verdict("holds", def.title() + " stops every " + belief + " threat." + planned);
      if (!full.isEmpty() || !partial.isEmpty()) {
        List<String> rest = new ArrayList<>(members);
        rest.removeAll(full);
        rest.removeAll(partial);
        StringBuilder reason = new StringBuilder(def.title());
        if (!full.isEmpty()) reason.append(" stops ").append(String.join(", ", full));
        if (!partial.isEmpty())
          reason
              .append(full.isEmpty() ? " only partly mitigates " : " and only partly mitigates ")
              .append(String.join(", ", partial));
        reason.append(" of the ").append(belief).append(" family");
        if (!rest.isEmpty()) reason.append("; it does not stop ").append(String.join(", ", rest));
        reason.append('.');
        for (String r : rest)
          def.notStopped().stream()
              .filter(m -> m.threat().equals(r))
              .findFirst()
              .ifPresent(m -> reason.append(' ').append(m.reason()));
        miss.ifPresent(m -> reason.append(' ').append(m.reason()));
        return new Verdict("partly", reason + planned);
      }
    }
    if (miss.isPresent()) return new Verdict("does-not-hold", miss.get().reason() + planned);
    List<String> stops = new ArrayList<>(def.full());
    stops.addAll(def.partial());
    String what = stops.isEmpty() ? "nothing in the catalog" : String.join(", ", stops);
    return new Verdict(
        "does-not-hold",
        def.title()
            + " is not known to stop "
            + belief
            + "; the catalog lists it against "
            + what
            + "."
            + planned);
  }
}
