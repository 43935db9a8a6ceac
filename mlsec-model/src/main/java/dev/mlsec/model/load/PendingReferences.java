package dev.mlsec.model.load;

import dev.mlsec.model.Asset;
import dev.mlsec.model.Component;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.Flow;
import dev.mlsec.model.InputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PendingReferences between ids, collected while reading and checked once every id is known. Every
 * broken reference is reported, except those to ids whose own entry was already reported as broken
 * (one mistake gives one message, not a cascade).
 */
final class PendingReferences {
  private record Ref(IdAt id, String where) {}

  private record FlowRef(IdAt from, IdAt to) {}

  private final List<Ref> components = new ArrayList<>();
  private final List<Ref> assets = new ArrayList<>();
  private final List<FlowRef> flowRefs = new ArrayList<>();
  private final List<InputException> problems = new ArrayList<>();
  private final java.util.Set<String> unsureIds = new java.util.HashSet<>();
  private boolean unsureFlows;
  private boolean unsureAll;

  /** A whole section could not be read: references into it are not checked. */
  void unsure() {
    unsureAll = true;
  }

  /** The entry under this key could not be read: references to its id are not checked. */
  void unsureOf(org.snakeyaml.engine.v2.nodes.Node key) {
    if (key instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s) unsureIds.add(s.getValue());
    else unsureAll = true;
  }

  /** A flow could not be read: decisions naming flows are not checked. */
  void unsureOfFlows() {
    unsureFlows = true;
  }

  /** Each directed flow id to the flow that gives it; {@code a <-> b} gives both directions. */
  private final Map<String, Flow> flows = new HashMap<>();

  void component(IdAt id, String where) {
    components.add(new Ref(id, where));
  }

  List<String> components(List<IdAt> ids, String where) {
    for (IdAt id : ids) component(id, where);
    return ids.stream().map(IdAt::id).toList();
  }

  List<String> assets(List<IdAt> ids, String where) {
    for (IdAt id : ids) assets.add(new Ref(id, where));
    return ids.stream().map(IdAt::id).toList();
  }

  void flow(Flow f) {
    if (f.from().equals(f.to())) {
      problems.add(
          new InputException(
              f.position(),
              "flow from '" + f.from() + "' to itself",
              "a flow connects two different components"));
    }
    direction(f, f.from() + "->" + f.to());
    if (f.bidirectional()) direction(f, f.to() + "->" + f.from());
  }

  private void direction(Flow f, String id) {
    Flow earlier = flows.putIfAbsent(id, f);
    if (earlier != null && !earlier.equals(f)) {
      problems.add(
          new InputException(
              f.position(),
              "flow " + id + " is given twice",
              "it is already given at line " + earlier.position().line()));
    }
  }

  void flowRef(IdAt from, IdAt to) {
    component(from, "decision");
    component(to, "decision");
    flowRefs.add(new FlowRef(from, to));
  }

  /** Every broken reference, in file order. */
  List<InputException> check(
      Map<String, Asset> knownAssets, Map<String, Component> known, List<Flow> all) {
    List<InputException> found = new ArrayList<>(problems);
    if (unsureAll) return found;
    for (Ref r : components) {
      if (!known.containsKey(r.id().id()) && !unsureIds.contains(r.id().id())) {
        found.add(missing(r, "component", known.keySet()));
      }
    }
    for (Ref r : assets) {
      if (!knownAssets.containsKey(r.id().id()) && !unsureIds.contains(r.id().id())) {
        found.add(
            knownAssets.isEmpty()
                ? new InputException(
                    r.id().position(),
                    "unknown asset '" + r.id().id() + "' in " + r.where(),
                    "declare it under 'assets:' first")
                : missing(r, "asset", knownAssets.keySet()));
      }
    }
    for (FlowRef f : flowRefs) {
      String id = f.from().id() + "->" + f.to().id();
      if (!unsureFlows
          && known.containsKey(f.from().id())
          && known.containsKey(f.to().id())
          && !flows.containsKey(id)) {
        found.add(
            new InputException(
                f.from().position(),
                "there is no flow " + id,
                flows.containsKey(f.to().id() + "->" + f.from().id())
                    ? "the flow goes the other way: " + f.to().id() + "->" + f.from().id()
                    : DidYouMean.closest(id, flows.keySet())
                        .map(c -> "did you mean '" + c + "'?")
                        .orElse("name a flow listed under 'flows:'")));
      }
    }
    found.sort(Comparator.comparing(InputException::position));
    return found;
  }

  private static InputException missing(Ref r, String what, java.util.Collection<String> known) {
    String hint = DidYouMean.hint(r.id().id(), known);
    if (hint.isEmpty()) hint = "no " + what + " has this id";
    return new InputException(
        r.id().position(), "unknown " + what + " '" + r.id().id() + "' in " + r.where(), hint);
  }
}
