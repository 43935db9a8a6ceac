package dev.mlsec.bench.analysis;

import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
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

/**
 * Synthetic workflows of a given size with a realistic mix of kinds: many teams, each with a
 * predictive pipeline (sources, labeling, stores, training, registry, serving, monitoring, feedback
 * loop) or an LLM assistant (retrieval, tools), sharing a few stores and models across teams. A
 * fixed seed makes every size reproducible; about a tenth of the attributes are unknown.
 */
public final class SyntheticWorkflows {
  private SyntheticWorkflows() {}

  public static Workflow generate(int components, long seed) {
    Builder b = new Builder(new Random(seed));
    int team = 0;
    while (b.components.size() < components) {
      if (team % 4 == 3) b.llmTeam(team);
      else b.predictiveTeam(team);
      team++;
    }
    return b.build(components);
  }

  private static final class Builder {
    final Random random;
    final Map<String, Component> components = new LinkedHashMap<>();
    final List<Flow> flows = new ArrayList<>();
    final List<Control> controls = new ArrayList<>();
    final List<String> sharedStores = new ArrayList<>();
    final List<String> sharedModels = new ArrayList<>();
    int line = 1;

    Builder(Random random) {
      this.random = random;
    }

    String add(String id, ComponentKind kind, Object... attrs) {
      Map<String, Value> values = new LinkedHashMap<>();
      for (int i = 0; i + 1 < attrs.length; i += 2) {
        String name = (String) attrs[i];
        Object v = attrs[i + 1];
        // roughly one attribute in ten is left unknown, as in real first drafts
        if (random.nextInt(10) == 0) values.put(name, Value.UNKNOWN);
        else if (v instanceof Boolean bool) values.put(name, new Value.Bool(bool));
        else if (v instanceof List<?> l)
          values.put(name, new Value.Texts(l.stream().map(String::valueOf).toList()));
        else values.put(name, new Value.Text(String.valueOf(v)));
      }
      for (String a : kind.attributes().keySet()) values.putIfAbsent(a, Value.UNKNOWN);
      List<String> contains = new ArrayList<>();
      if (kind == ComponentKind.DATA_STORE || kind == ComponentKind.DATA_SOURCE)
        contains.add("personal-data");
      if (kind == ComponentKind.MODEL_REGISTRY) contains.add("model");
      if (kind == ComponentKind.COMPUTE && random.nextBoolean()) contains.add("hub-token");
      components.put(
          id,
          new Component(
              id,
              kind,
              "",
              "",
              contains,
              values,
              new Position("synthetic.yaml", line++, 3),
              Map.of()));
      return id;
    }

    void flow(String a, String b) {
      flows.add(
          new Flow(
              a,
              b,
              false,
              List.of(),
              Optional.empty(),
              Optional.empty(),
              new Position("synthetic.yaml", line++, 5)));
    }

    void pair(String a, String b) {
      flows.add(
          new Flow(
              a,
              b,
              true,
              List.of(),
              Optional.of(random.nextBoolean()),
              Optional.empty(),
              new Position("synthetic.yaml", line++, 5)));
    }

    <T> T pick(List<T> l) {
      return l.get(random.nextInt(l.size()));
    }

    void predictiveTeam(int t) {
      String p = "t" + t + "-";
      String users =
          add(
              p + "users",
              ComponentKind.ACTOR,
              "trust",
              pick(List.of("anonymous", "authenticated", "partner", "internal")));
      String src1 =
          add(
              p + "events",
              ComponentKind.DATA_SOURCE,
              "provenance",
              List.of(pick(List.of("first-party", "third-party", "user-generated", "public-web"))));
      String src2 =
          add(
              p + "partner-feed",
              ComponentKind.DATA_SOURCE,
              "provenance",
              List.of("third-party"),
              "pinned",
              random.nextBoolean());
      String labels =
          add(
              p + "labels",
              ComponentKind.LABELING,
              "workforce",
              pick(List.of("in-house", "vendor", "crowd", "automatic")));
      String raw =
          add(
              p + "raw",
              ComponentKind.DATA_STORE,
              "stores",
              List.of("raw"),
              "access",
              pick(List.of("restricted", "broad")),
              "encrypted-at-rest",
              random.nextBoolean(),
              "versioned",
              random.nextBoolean());
      String prep =
          add(p + "prep", ComponentKind.PREPROCESSING, "validates-input", random.nextBoolean());
      String feats =
          add(
              p + "features",
              ComponentKind.FEATURE_STORE,
              "access",
              "restricted",
              "versioned",
              true);
      String base =
          add(
              p + "base",
              ComponentKind.PRETRAINED_MODEL,
              "source",
              pick(List.of("public-hub", "vendor", "internal")),
              "artifact-format",
              pick(List.of("pytorch", "safetensors", "pickle", "onnx")),
              "pinned",
              random.nextBoolean());
      String train =
          add(
              p + "train",
              ComponentKind.TRAINING,
              "method",
              pick(List.of("from-scratch", "fine-tune", "continual")),
              "framework",
              "pytorch");
      String eval =
          add(p + "eval", ComponentKind.EVALUATION, "adversarial-testing", random.nextBoolean());
      String registry =
          add(
              p + "registry",
              ComponentKind.MODEL_REGISTRY,
              "artifact-format",
              pick(List.of("pickle", "safetensors", "onnx", "joblib")),
              "signed",
              random.nextBoolean(),
              "access",
              "restricted");
      String api =
          add(
              p + "api",
              ComponentKind.SERVING,
              "exposure",
              pick(List.of("public", "partner", "internal")),
              "authentication",
              pick(List.of("none", "api-key", "oauth")),
              "rate-limit",
              pick(List.of("none", "100/min")),
              "outputs",
              List.of(pick(List.of("label", "score", "probabilities"))));
      String app = add(p + "app", ComponentKind.APPLICATION, "renders", List.of("plain-text"));
      String mon =
          add(p + "monitor", ComponentKind.MONITORING, "watches", List.of("drift", "performance"));
      String fb = add(p + "feedback", ComponentKind.FEEDBACK);
      String nb =
          add(
              p + "notebooks",
              ComponentKind.COMPUTE,
              "exposure",
              "internal",
              "authentication",
              pick(List.of("none", "sso")));
      String dep =
          add(
              p + "deps",
              ComponentKind.DEPENDENCY,
              "index",
              pick(List.of("public", "internal-mirror")),
              "pinned",
              random.nextBoolean());
      flow(src1, raw);
      flow(src2, raw);
      flow(labels, raw);
      flow(raw, prep);
      flow(prep, feats);
      flow(feats, train);
      flow(base, train);
      flow(nb, train);
      flow(dep, train);
      flow(train, eval);
      flow(eval, registry);
      flow(registry, api);
      pair(users, app);
      pair(app, api);
      flow(api, mon);
      flow(users, fb);
      flow(fb, raw);
      if (random.nextInt(3) == 0) flow(api, raw);
      if (!sharedStores.isEmpty() && random.nextInt(4) == 0) flow(pick(sharedStores), prep);
      if (!sharedModels.isEmpty() && random.nextInt(5) == 0) flow(pick(sharedModels), train);
      if (random.nextInt(4) == 0) sharedStores.add(feats);
      if (random.nextInt(6) == 0) sharedModels.add(registry);
      controls.add(
          new Control(
              pick(List.of("tls", "rate-limiting", "access-control", "encryption-at-rest")),
              List.of(api, raw),
              ControlStatus.IMPLEMENTED,
              List.of(pick(List.of("evasion", "data-poisoning", "model-extraction"))),
              "",
              new Position("synthetic.yaml", line++, 5)));
    }

    void llmTeam(int t) {
      String p = "t" + t + "-";
      String users =
          add(
              p + "visitors",
              ComponentKind.ACTOR,
              "trust",
              pick(List.of("anonymous", "authenticated")));
      String app =
          add(
              p + "chat",
              ComponentKind.APPLICATION,
              "renders",
              List.of(pick(List.of("markdown", "plain-text", "html"))));
      String llm =
          add(
              p + "llm",
              ComponentKind.LLM,
              "hosting",
              pick(List.of("third-party-api", "self-hosted")),
              "system-prompt-secret",
              random.nextBoolean(),
              "memory",
              random.nextBoolean());
      String docs =
          add(
              p + "docs",
              ComponentKind.DATA_SOURCE,
              "provenance",
              List.of(pick(List.of("first-party", "user-generated", "public-web"))));
      String index =
          add(
              p + "index",
              ComponentKind.RETRIEVAL,
              "content",
              List.of(pick(List.of("first-party", "user-generated", "external-email"))),
              "shared-across-users",
              random.nextBoolean());
      String read =
          add(
              p + "lookup",
              ComponentKind.AGENT_TOOL,
              "effects",
              List.of("read-only"),
              "requires-approval",
              false,
              "source",
              "first-party");
      String write =
          add(
              p + "action",
              ComponentKind.AGENT_TOOL,
              "effects",
              List.of(pick(List.of("writes", "external-communication", "code-execution"))),
              "requires-approval",
              random.nextBoolean(),
              "source",
              pick(List.of("first-party", "third-party", "remote-server")));
      String logs =
          add(
              p + "logs",
              ComponentKind.DATA_STORE,
              "stores",
              List.of("logs"),
              "access",
              pick(List.of("restricted", "broad")));
      pair(users, app);
      pair(app, llm);
      flow(docs, index);
      flow(index, llm);
      pair(llm, read);
      flow(llm, write);
      flow(app, logs);
    }

    Workflow build(int size) {
      // trim to the exact size, dropping flows and controls that point at removed components
      List<String> ids = new ArrayList<>(components.keySet());
      for (String id : ids.subList(size, ids.size())) components.remove(id);
      List<Flow> kept =
          flows.stream()
              .filter(f -> components.containsKey(f.from()) && components.containsKey(f.to()))
              .toList();
      List<Control> keptControls = new ArrayList<>();
      for (Control c : controls) {
        List<String> on = c.appliesTo().stream().filter(components::containsKey).toList();
        if (!on.isEmpty())
          keptControls.add(
              new Control(c.id(), on, c.status(), c.believedToStop(), c.evidence(), c.position()));
      }
      Map<String, Asset> assets = new LinkedHashMap<>();
      Position at = new Position("synthetic.yaml", 2, 3);
      assets.put(
          "personal-data", new Asset("personal-data", AssetKind.DATA, "personal", "", "", "", at));
      assets.put("model", new Asset("model", AssetKind.MODEL, "", "high", "", "", at));
      assets.put(
          "hub-token",
          new Asset("hub-token", AssetKind.CREDENTIAL, "", "", "write access to the hub", "", at));
      Map<String, Zone> zones = new LinkedHashMap<>();
      List<String> outside =
          components.values().stream()
              .filter(c -> c.kind() == ComponentKind.ACTOR)
              .map(Component::id)
              .toList();
      zones.put("outside", new Zone("outside", outside, at));
      return new Workflow(
          Path.of("synthetic.yaml"),
          "synthetic.yaml",
          1,
          "Synthetic workflow of " + size + " components",
          "",
          "bench",
          assets,
          components,
          kept,
          zones,
          keptControls,
          List.of(),
          List.of());
    }
  }
}
