package dev.mlsec.analysis.fact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Position;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactsTest {
  static Workflow parse(String yaml) {
    return WorkflowLoader.parse("mlsec: 1\nsystem: t\n" + yaml, "t.yaml", Path.of("t.yaml"));
  }

  static Map<String, Object> f(Facts facts, String id) {
    return facts.component(id, Mode.WORST);
  }

  static final String LOOP =
      """
      components:
        merchants: {kind: actor, trust: partner}
        tx: {kind: data-source, provenance: first-party}
        labels: {kind: labeling, workforce: crowd}
        lake: {kind: data-store, stores: training-set}
        train: {kind: training, method: from-scratch}
        registry: {kind: model-registry, artifact-format: pickle, signed: false}
        api: {kind: serving, rate-limit: none}
        mon: {kind: monitoring, watches: [drift]}
      flows:
        - tx -> lake
        - labels -> lake
        - lake -> train
        - train -> registry
        - registry -> api
        - merchants <-> api
        - api -> lake
        - api -> mon
      """;

  @Test
  @SuppressWarnings("unchecked") // the facts are CEL values: lists come back as Object
  void lineageFollowsLoopsBackIntoTraining() {
    Facts facts = Facts.derive(parse(LOOP));
    Map<String, Object> train = f(facts, "train");
    assertThat((List<Object>) train.get("influences"))
        .containsExactly("actor:partner", "loop", "provenance:first-party", "workforce:crowd");
    assertThat(train.get("loop")).isEqualTo(true);
    assertThat(train.get("untrusted_influence")).isEqualTo(true);
    assertThat(train.get("trains")).isEqualTo(true);
    assertThat(train.get("training_methods")).isEqualTo(List.of("from-scratch"));
    // the monitor is downstream of the loop but does not train
    assertThat(f(facts, "mon").get("loop")).isEqualTo(false);
    assertThat(f(facts, "mon").get("trains")).isEqualTo(false);
    assertThat((List<Object>) f(facts, "tx").get("upstream_kinds")).isEmpty();
    assertThat((List<Object>) f(facts, "tx").get("downstream_kinds"))
        .contains("data-store", "training", "serving", "monitoring", "actor");
    // lake sits in the loop, so its own kind is upstream of it
    assertThat((List<Object>) f(facts, "lake").get("upstream_kinds"))
        .contains("data-store", "actor");
  }

  @Test
  void exposureFollowsRequestResponsePairsNotStores() {
    Facts facts = Facts.derive(parse(LOOP));
    assertThat(f(facts, "api").get("queried_by")).isEqualTo(List.of("partner"));
    assertThat(f(facts, "api").get("exposure")).isEqualTo("partner");
    assertThat(f(facts, "lake").get("queried_by")).isEqualTo(List.of());
    assertThat(f(facts, "lake").get("exposure")).isEqualTo("none");
    assertThat(f(facts, "api").get("in_inference_path")).isEqualTo(true);
    assertThat(f(facts, "api").get("monitoring")).isEqualTo(List.of("drift"));
    assertThat(f(facts, "api").get("artifact_formats")).isEqualTo(List.of("pickle"));
    assertThat(f(facts, "api").get("signed_upstream")).isEqualTo(false);
    assertThat(f(facts, "api").get("loads_from")).isEqualTo(List.of("model-registry"));
    // formats do not travel through a training job
    assertThat(f(facts, "lake").get("artifact_formats")).isEqualTo(List.of());
  }

  @Test
  void queriesPassThroughApplicationsAndOwnExposureWins() {
    Facts facts =
        Facts.derive(
            parse(
                """
                components:
                  visitors: {kind: actor, trust: anonymous}
                  staff: {kind: actor, trust: internal}
                  app: {kind: application}
                  api: {kind: serving, exposure: internal}
                  other: {kind: serving}
                flows:
                  - visitors <-> app
                  - app <-> api
                  - staff <-> other
                """));
    assertThat(f(facts, "api").get("queried_by")).isEqualTo(List.of("anonymous"));
    assertThat(f(facts, "api").get("exposure")).isEqualTo("internal");
    assertThat(f(facts, "app").get("exposure")).isEqualTo("public");
    assertThat(f(facts, "other").get("exposure")).isEqualTo("internal");
  }

  @Test
  void unknownsOfOtherComponentsGiveWorstAndBestFacts() {
    Facts facts =
        Facts.derive(
            parse(
                """
                components:
                  users: {kind: actor}
                  api: {kind: serving}
                  base: {kind: pretrained-model, source: public-hub}
                  ft: {kind: training}
                flows:
                  - users <-> api
                  - base -> ft
                """));
    int api = facts.graph().indexOf("api");
    assertThat(facts.settled(api)).isFalse();
    assertThat(facts.component(api, Mode.WORST).get("queried_by")).isEqualTo(List.of("anonymous"));
    assertThat(facts.component(api, Mode.BEST).get("queried_by")).isEqualTo(List.of("internal"));
    assertThat(facts.unknownsBehind(api, Set.of("queried_by"))).containsExactly("users.trust");
    int ft = facts.graph().indexOf("ft");
    assertThat(facts.component(ft, Mode.WORST).get("unpinned_upstream")).isEqualTo(true);
    assertThat(facts.component(ft, Mode.BEST).get("unpinned_upstream")).isEqualTo(false);
    assertThat(facts.unknownsBehind(ft, Set.of("unpinned_upstream")))
        .containsExactly("base.pinned");
    assertThat(facts.component(ft, Mode.WORST).get("artifact_formats"))
        .isEqualTo(List.of("pickle"));
  }

  @Test
  void agentReach() {
    Facts facts =
        Facts.derive(
            parse(
                """
                components:
                  visitors: {kind: actor, trust: anonymous}
                  chat: {kind: application}
                  llm: {kind: llm, memory: false}
                  index: {kind: retrieval, content: [user-generated, external-email]}
                  tickets: {kind: data-source, provenance: user-generated}
                  lookup: {kind: agent-tool, effects: read-only, requires-approval: false, source: first-party}
                  refund: {kind: agent-tool, effects: writes, requires-approval: true, source: third-party}
                flows:
                  - visitors <-> chat
                  - chat <-> llm
                  - tickets -> index
                  - index -> llm
                  - llm <-> lookup
                  - llm -> refund
                """));
    Map<String, Object> llm = f(facts, "llm");
    assertThat(llm.get("llm_content"))
        .isEqualTo(
            List.of(
                "email",
                "prompt:anonymous",
                "retrieval:external-email",
                "retrieval:user-generated",
                "tool:first-party"));
    assertThat(llm.get("tool_effects")).isEqualTo(List.of("read-only", "writes"));
    assertThat(llm.get("unapproved_effects")).isEqualTo(List.of("read-only"));
    assertThat(llm.get("tool_sources")).isEqualTo(List.of("first-party", "third-party"));
    assertThat(f(facts, "chat").get("renders_llm_output")).isEqualTo(true);
    assertThat(f(facts, "llm").get("reachable_by_untrusted")).isEqualTo(true);
  }

  @Test
  void assetsZonesAndFlows() {
    Workflow w =
        parse(
            """
            assets:
              pii: {kind: data, sensitivity: personal}
              token: {kind: credential, grants: hub}
            components:
              nb: {kind: compute, contains: [token]}
              store: {kind: data-store}
              partner: {kind: actor, trust: partner}
            flows:
              - {from: partner, to: store, carries: [pii]}
              - nb -> store
            zones:
              outside: [partner]
            """);
    Facts facts = Facts.derive(w);
    assertThat(f(facts, "nb").get("credentials")).isEqualTo(List.of("token"));
    assertThat(f(facts, "nb").get("asset_kinds")).isEqualTo(List.of("credential"));
    assertThat(f(facts, "store").get("asset_kinds")).isEqualTo(List.of("data:personal"));
    assertThat(f(facts, "partner").get("zone")).isEqualTo("outside");
    Map<String, Object> flow = facts.flow(0, Mode.WORST);
    assertThat(flow.get("crosses_zone")).isEqualTo(true);
    assertThat(flow.get("carries_kinds")).isEqualTo(List.of("data:personal"));
    assertThat(facts.flow(1, Mode.WORST).get("crosses_zone")).isEqualTo(false);
  }

  @Test
  void longPipelinesDoNotOverflowTheStack() {
    // built as records: a 20,000-component loop, far deeper than any call stack
    int n = 20_000;
    Map<String, Component> components = new LinkedHashMap<>();
    List<Flow> flows = new ArrayList<>();
    Position at = new Position("t.yaml", 1, 1);
    for (int i = 0; i < n; i++)
      components.put(
          "p" + i,
          new Component(
              "p" + i, ComponentKind.PREPROCESSING, "", "", List.of(), Map.of(), at, Map.of()));
    components.put(
        "t", new Component("t", ComponentKind.TRAINING, "", "", List.of(), Map.of(), at, Map.of()));
    for (int i = 0; i + 1 < n; i++)
      flows.add(
          new Flow(
              "p" + i, "p" + (i + 1), false, List.of(), Optional.empty(), Optional.empty(), at));
    flows.add(
        new Flow("p" + (n - 1), "t", false, List.of(), Optional.empty(), Optional.empty(), at));
    flows.add(new Flow("t", "p0", false, List.of(), Optional.empty(), Optional.empty(), at));
    Workflow w =
        new Workflow(
            Path.of("t.yaml"),
            "t.yaml",
            1,
            "t",
            "",
            "",
            Map.of(),
            components,
            flows,
            Map.of(),
            List.of(),
            List.of(),
            List.of());
    Facts facts = Facts.derive(w);
    assertThat(f(facts, "p0").get("trains")).isEqualTo(true);
    assertThat(facts.graph().inCycle(0)).isTrue();
    assertThat(facts.graph().pathTo(facts.graph().indexOf("t"), v -> v == 0, v -> 0))
        .hasSize(n + 1);
  }

  @Test
  void dataLessSenderIsCreditedOnlyWithWhatNoOtherHopBrings() {
    String base =
        """
        assets:
          readings: {kind: data, sensitivity: personal}
          notes: {kind: data, sensitivity: confidential}
        components:
          weather: {kind: data-source, provenance: third-party}
          clock: {kind: data-source, provenance: third-party}
          lake: {kind: data-store, stores: raw, contains: [readings, notes]}
          meters: {kind: data-source, provenance: sensor%s}
          desk: {kind: application, exposure: internal}
        flows:
          - weather -> lake
          - clock -> lake
          - meters -> lake
          - desk <-> lake
        """;
    // nobody else is said to bring the lake's data: each data-less sender is credited with it
    Facts alone = Facts.derive(parse(base.formatted("")));
    assertThat(alone.flow(0, Mode.WORST).get("sensitive_data"))
        .isEqualTo(List.of("notes", "readings"));
    assertThat(alone.flow(1, Mode.WORST).get("sensitive_data"))
        .isEqualTo(List.of("notes", "readings"));
    // the meters hold the readings: the two feeds beside them no longer carry them
    Facts held = Facts.derive(parse(base.formatted(", contains: [readings]")));
    assertThat(held.flow(0, Mode.WORST).get("sensitive_data")).isEqualTo(List.of("notes"));
    assertThat(held.flow(1, Mode.WORST).get("sensitive_data")).isEqualTo(List.of("notes"));
    WorkflowGraph g = held.graph();
    // the index of flows into a node: written to it, or two-way from it
    assertThat(g.flowsInto(g.indexOf("lake"))).containsExactly(0, 1, 2, 3);
    assertThat(g.flowsInto(g.indexOf("desk"))).containsExactly(3);
    assertThat(g.flowsInto(g.indexOf("weather"))).isEmpty();
  }
}
