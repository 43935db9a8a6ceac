package dev.mlsec.analysis.property;

import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Concern;
import dev.mlsec.model.Control;
import dev.mlsec.model.ControlStatus;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.Zone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Random valid workflows (as records) for property tests: every kind, attribute and unknown. */
final class RandomWorkflows {
  static final List<String> CONCERNS =
      List.of(
          "someone stealing the model",
          "poisoned training data",
          "prompt injection",
          "a data breach",
          "the model being fooled",
          "nothing in particular");

  private RandomWorkflows() {}

  static Workflow generate(long seed, List<String> controlIds) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(18);
    ComponentKind[] kinds = ComponentKind.values();
    Map<String, Component> components = new LinkedHashMap<>();
    Map<String, Asset> assets = new LinkedHashMap<>();
    Position at = new Position("gen.yaml", 1, 1);
    assets.put("pii", new Asset("pii", AssetKind.DATA, "personal", "", "", "", at));
    assets.put("weights", new Asset("weights", AssetKind.MODEL, "", "high", "", "", at));
    assets.put("key", new Asset("key", AssetKind.CREDENTIAL, "", "", "hub", "", at));
    List<String> assetIds = List.copyOf(assets.keySet());
    for (int i = 0; i < n; i++) {
      ComponentKind k = kinds[r.nextInt(kinds.length)];
      String id = k.id() + "-" + i;
      Map<String, Value> attrs = new LinkedHashMap<>();
      for (AttributeSpec spec : k.attributes().values()) attrs.put(spec.name(), value(r, spec));
      List<String> contains = r.nextInt(4) == 0 ? List.of(assetIds.get(r.nextInt(3))) : List.of();
      components.put(
          id,
          new Component(
              id, k, "", "", contains, attrs, new Position("gen.yaml", i + 2, 3), Map.of()));
    }
    List<String> ids = List.copyOf(components.keySet());
    List<Flow> flows = new ArrayList<>();
    int f = r.nextInt(n * 2 + 1);
    for (int i = 0; i < f; i++) {
      String a = ids.get(r.nextInt(n));
      String b = ids.get(r.nextInt(n));
      if (a.equals(b)) continue;
      flows.add(
          new Flow(
              a,
              b,
              r.nextInt(3) == 0,
              r.nextInt(4) == 0 ? List.of(assetIds.get(r.nextInt(3))) : List.of(),
              r.nextBoolean() ? Optional.empty() : Optional.of(r.nextBoolean()),
              r.nextBoolean() ? Optional.empty() : Optional.of(r.nextBoolean()),
              new Position("gen.yaml", 100 + i, 5)));
    }
    Map<String, Zone> zones = new LinkedHashMap<>();
    if (r.nextBoolean())
      zones.put("outside", new Zone("outside", List.of(ids.get(r.nextInt(n))), at));
    List<Control> controls = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--)
      controls.add(
          new Control(
              controlIds.get(r.nextInt(controlIds.size())),
              List.of(ids.get(r.nextInt(n))),
              r.nextBoolean() ? ControlStatus.IMPLEMENTED : ControlStatus.PLANNED,
              List.of(),
              "",
              new Position("gen.yaml", 200 + i, 5)));
    List<Concern> concerns = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--)
      concerns.add(
          new Concern(
              CONCERNS.get(r.nextInt(CONCERNS.size())), new Position("gen.yaml", 300 + i, 5)));
    return new Workflow(
        Path.of("gen.yaml"),
        "gen.yaml",
        1,
        "random " + seed,
        "",
        "",
        assets,
        components,
        flows,
        zones,
        controls,
        concerns,
        List.of());
  }

  static Value value(Random r, AttributeSpec spec) {
    if (r.nextInt(4) == 0) return Value.UNKNOWN;
    return switch (spec.type()) {
      case BOOL -> new Value.Bool(r.nextBoolean());
      case ENUM -> new Value.Text(spec.values().get(r.nextInt(spec.values().size())));
      case ENUM_LIST -> {
        List<String> out = new ArrayList<>();
        for (String v : spec.values()) if (r.nextInt(3) == 0) out.add(v);
        if (out.isEmpty()) out.add(spec.values().get(0));
        yield new Value.Texts(out);
      }
      case RATE -> new Value.Text(r.nextBoolean() ? "none" : "100/min");
      case TEXT -> new Value.Text("x");
    };
  }

  /** The same workflow with one more component and flows. */
  static Workflow with(
      Workflow w, Component extra, List<Flow> extraFlows, List<Control> extraControls) {
    Map<String, Component> components = new LinkedHashMap<>(w.components());
    if (extra != null) components.put(extra.id(), extra);
    List<Flow> flows = new ArrayList<>(w.flows());
    flows.addAll(extraFlows);
    List<Control> controls = new ArrayList<>(w.controls());
    controls.addAll(extraControls);
    return new Workflow(
        w.source(),
        w.displayName(),
        w.formatVersion(),
        w.system(),
        w.description(),
        w.owner(),
        w.assets(),
        components,
        flows,
        w.zones(),
        controls,
        w.concerns(),
        w.decisions());
  }
}
