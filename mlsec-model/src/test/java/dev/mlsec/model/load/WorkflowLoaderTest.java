package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsec.model.Component;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowLoaderTest {
  static final String HEAD = "mlsec: 1\nsystem: s\n";

  static Workflow parse(String yaml) {
    return WorkflowLoader.parse(yaml, "w.yaml", null);
  }

  static String error(String yaml) {
    return error(yaml, LoadLimits.DEFAULT);
  }

  static String error(String yaml, LoadLimits limits) {
    try {
      WorkflowLoader.parse(yaml, "w.yaml", null, limits);
    } catch (InputException e) {
      return e.oneLine();
    }
    throw new AssertionError("loaded:\n" + yaml);
  }

  @Test
  void leftOutAndUnknownAttributesAreBothUnknown() {
    Component c =
        parse(HEAD + "components:\n  r: {kind: model-registry, signed: unknown}\nflows: []\n")
            .component("r")
            .orElseThrow();
    assertThat(c.attribute("signed")).isEqualTo(Value.UNKNOWN);
    assertThat(c.attribute("artifact-format")).isEqualTo(Value.UNKNOWN);
    assertThat(c.attributes().keySet())
        .containsExactly(
            "artifact-format",
            "signed",
            "access",
            "artifacts",
            "exposure",
            "authentication",
            "egress");
    assertThat(c.attributePositions()).containsOnlyKeys("signed");
  }

  @Test
  void valuesAreTypedAndRatesNormalised() {
    Component c =
        parse(
                HEAD
                    + "components:\n  api:\n    kind: serving\n    rate-limit: 5/second\n"
                    + "    outputs: label\n    exposure: public\nflows: []\n")
            .component("api")
            .orElseThrow();
    assertThat(c.attribute("rate-limit")).isEqualTo(new Value.Text("5/sec"));
    assertThat(c.texts("outputs")).containsExactly("label");
    assertThat(c.text("exposure")).contains("public");
  }

  @Test
  void flowsInBothFormsAndDecisionsKeepTheirParts() {
    Workflow w =
        parse(
            HEAD
                + "assets: {k: {kind: credential, grants: deploy}}\n"
                + "components:\n  a: {kind: actor}\n  b: {kind: serving}\n  c: {kind: monitoring}\n"
                + "flows:\n  - a <-> b\n  - {from: b, to: c, carries: k, encrypted: false}\n"
                + "controls:\n  - id: custom:waf\n    applies-to: b\n    believed-to-stop:"
                + " [evasion, model-extraction]\n"
                + "decisions:\n  - finding: model-extraction@a->b\n    status: accepted\n"
                + "    until: 2027-06-30\n");
    assertThat(w.flows().get(0).bidirectional()).isTrue();
    assertThat(w.flows().get(1).carries()).containsExactly("k");
    assertThat(w.flows().get(1).encrypted()).contains(false);
    assertThat(w.flows().get(1).authenticated()).isEmpty();
    var control = w.controls().get(0);
    assertThat(control.custom()).isTrue();
    assertThat(control.believedToStopPositions())
        .containsExactly(new Position("w.yaml", 14, 24), new Position("w.yaml", 14, 33));
    var d = w.decisions().get(0);
    assertThat(d.threat()).isEqualTo("model-extraction");
    assertThat(d.target()).isEqualTo("a->b");
    assertThat(d.until()).contains(LocalDate.of(2027, 6, 30));
    assertThat(d.findingPosition()).isEqualTo(new Position("w.yaml", 16, 14));
  }

  @Test
  void aMisspeltIdInsideAQuotedFlowIsPointedAtExactly() {
    assertThat(
            error(HEAD + "components:\n  lake: {kind: data-store}\nflows:\n  - \"lake -> lkae\"\n"))
        .isEqualTo("w.yaml:6:14: unknown component 'lkae' in flow (did you mean 'lake'?)");
  }

  @Test
  void theFirstBrokenReferenceInTheFileIsReported() {
    assertThat(
            error(HEAD + "components:\n  a: {kind: actor, contains: [nope]}\nflows:\n  - a -> b\n"))
        .startsWith("w.yaml:4:31: unknown asset 'nope'");
  }

  @Test
  void ofTwoMistakesTheEarlierInTheFileIsReported() {
    assertThat(
            error(
                HEAD
                    + "flows: {}\ncomponents:\n  a: {kind: actor, trust: nobody, self-registration:"
                    + " maybe}\n"))
        .startsWith("w.yaml:3:8: 'flows' must be a list");
    assertThat(
            error(
                HEAD
                    + "components:\n  a: {kind: actor, self-registration: maybe, trust: nobody}\n"
                    + "flows: []\n"))
        .startsWith("w.yaml:4:39: 'self-registration' must be true, false or unknown");
  }

  @Test
  void componentAndFlowLimitsAreEnforced() {
    LoadLimits two = new LoadLimits(1 << 20, 50, 64, 2, 1, 10_000);
    String three =
        HEAD + "components:\n  a: {kind: actor}\n  b: {kind: actor}\n  c: {kind: actor}\n";
    assertThat(error(three + "flows: []\n", two)).startsWith("w.yaml:6:3: more than 2 components");
    String flows =
        HEAD + "components:\n  a: {kind: actor}\n  b: {kind: actor}\nflows: [a -> b, b -> a]\n";
    assertThat(error(flows, two)).startsWith("w.yaml:6:17: more than 1 flows");
  }

  @Test
  void fileSizeIsLimitedBeforeParsing(@TempDir Path dir) throws Exception {
    LoadLimits small = new LoadLimits(100, 50, 64, 10, 10, 10_000);
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, HEAD + "description: " + "x".repeat(200) + "\n");
    assertThatThrownBy(() -> WorkflowLoader.load(big, small))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("more than the limit of 100");
    assertThat(error(HEAD + "description: " + "\u00e9".repeat(60) + "\n", small))
        .contains("more than the limit of 100");
  }

  @Test
  void unreadableFilesAreInputErrors(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> WorkflowLoader.load(dir.resolve("missing.yaml")))
        .isInstanceOf(InputException.class)
        .hasMessage("no such file");
    assertThatThrownBy(() -> WorkflowLoader.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessage("is a directory");
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, (HEAD + "owner: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> WorkflowLoader.load(latin1))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).oneLine()).startsWith(latin1 + ":3:11: "));
  }

  @Test
  void aByteOrderMarkIsSkipped() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] body =
        (HEAD + "components: {a: {kind: actor}}\nflows: []\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    assertThat(WorkflowLoader.parse(all, "b.yaml", null, LoadLimits.DEFAULT).system())
        .isEqualTo("s");
  }

  @Test
  void mergeKeysCopyAMappingAndOwnKeysWin() {
    Workflow w =
        parse(
            HEAD
                + "components:\n  a: &base {kind: actor, trust: partner}\n"
                + "  b: {<<: *base, trust: internal}\nflows: []\n");
    assertThat(w.component("b").orElseThrow().kind().id()).isEqualTo("actor");
    assertThat(w.component("b").orElseThrow().text("trust")).contains("internal");
  }

  @Test
  void aliasesWithinTheLimitsAreAllowed() {
    Workflow w =
        parse(
            HEAD
                + "components:\n  a: {kind: actor, trust: &t partner}\n  b: {kind: actor, trust:"
                + " *t}\nflows: []\n");
    assertThat(w.component("b").orElseThrow().text("trust")).contains("partner");
  }

  @Test
  void optionalPartsDefaultToEmpty() {
    Workflow w = parse(HEAD + "components: {a: {kind: feedback}}\nflows: []\n");
    assertThat(w.description()).isEmpty();
    assertThat(w.assets()).isEmpty();
    assertThat(w.zones()).isEmpty();
    assertThat(w.controls()).isEmpty();
    assertThat(w.decisions()).isEmpty();
    assertThat(w.source()).isNull();
    assertThat(w.component("a").orElseThrow().attributes()).isEmpty();
    assertThat(Optional.of(w.displayName())).contains("w.yaml");
  }

  @Test
  void listedIdsMustBeDistinct() {
    assertThat(error(HEAD + "components: {a: {kind: actor}}\nflows: []\nzones: {z: [a, a]}\n"))
        .startsWith("w.yaml:5:16: 'a' is listed twice in zone members");
    assertThat(error(HEAD + "components: {a: {kind: actor}}\nflows: [a -> a]\n"))
        .startsWith("w.yaml:4:9: flow from 'a' to itself");
    assertThat(error(HEAD + "components: {a: {kind: actor}}\nflows:\n  - {from: a, to: 12}\n"))
        .startsWith("w.yaml:5:19: flow end must be an id, not the number 12 (put it in quotes");
    assertThat(List.of()).isEmpty();
  }

  @Test
  void attributesThatMeanNothingWhereWrittenAreDroppedWithAWarning() {
    Workflow w =
        parse(
            HEAD
                + "components:\n"
                + "  feed: {kind: data-source, provenance: third-party, pinned: true}\n"
                + "  phone: {kind: serving, exposure: on-device, rate-limit: 10/min}\n"
                + "  api: {kind: serving, exposure: public, rate-limit: 10/min}\n"
                + "flows: []\n");
    assertThat(w.warnings())
        .extracting(dev.mlsec.model.LoadWarning::oneLine)
        .containsExactly(
            "w.yaml:4:54: 'pinned' means nothing on a data-source and is ignored (a data source is"
                + " read as it changes; pin the artifacts fetched from outside (pretrained-model,"
                + " dependency, agent-tool))",
            "w.yaml:5:47: 'rate-limit' means nothing on a serving with exposure on-device and is"
                + " ignored (an on-device model runs on the user's hardware, where no server counts"
                + " its queries: it counts as none)");
    assertThat(w.component("feed").orElseThrow().attributes()).doesNotContainKey("pinned");
    assertThat(w.component("phone").orElseThrow().attribute("rate-limit"))
        .isEqualTo(new Value.Text("none"));
    // left out, the answer that follows from the rest holds too, without a warning
    Workflow quiet =
        parse(HEAD + "components:\n  phone: {kind: serving, exposure: on-device}\nflows: []\n");
    assertThat(quiet.warnings()).isEmpty();
    assertThat(quiet.component("phone").orElseThrow().attribute("rate-limit"))
        .isEqualTo(new Value.Text("none"));
    assertThat(w.component("api").orElseThrow().attribute("rate-limit"))
        .isEqualTo(new Value.Text("10/min"));
  }

  @Test
  void newAttributesOfFormatOneLoad() {
    Workflow w =
        parse(
            HEAD
                + "risk-class: high\n"
                + "components:\n"
                + "  api: {kind: serving, outputs: [score, explanations], hosting: third-party-api,"
                + " human-review: sampled, experiment: a-b, tenancy: multi-tenant}\n"
                + "  partner: {kind: training, method: federated, operated-by: partner}\n"
                + "  asr: {kind: third-party-service, provides: model-api}\n"
                + "flows: []\n"
                + "controls:\n"
                + "  - {id: rate-limiting, description: 100 per minute per key, applies-to: api}\n");
    Component api = w.component("api").orElseThrow();
    assertThat(api.texts("outputs")).containsExactly("score", "explanations");
    assertThat(api.text("hosting")).contains("third-party-api");
    assertThat(api.text("human-review")).contains("sampled");
    assertThat(api.text("experiment")).contains("a-b");
    assertThat(api.text("tenancy")).contains("multi-tenant");
    assertThat(w.component("partner").orElseThrow().text("operated-by")).contains("partner");
    assertThat(w.component("asr").orElseThrow().texts("provides")).containsExactly("model-api");
    assertThat(w.riskClass()).isEqualTo("high");
    assertThat(w.controls().get(0).description()).isEqualTo("100 per minute per key");
    assertThat(w.warnings()).isEmpty();
    assertThat(parse(HEAD + "components:\n  a: {kind: actor}\nflows: []\n").riskClass()).isEmpty();
    assertThat(error(HEAD + "risk-class: hihg\ncomponents:\n  a: {kind: actor}\nflows: []\n"))
        .isEqualTo("w.yaml:3:13: 'hihg' is not a valid risk class (did you mean 'high'?)");
  }

  @Test
  void everyMistakeIsReportedUpToTheLimitAndTheRestCounted() {
    StringBuilder yaml = new StringBuilder(HEAD + "components:\n");
    for (int i = 0; i < 25; i++) yaml.append("  c").append(i).append(": {kind: actr}\n");
    yaml.append("flows:\n  - c1 -> c2\n");
    InputException e =
        assertThrows(
            InputException.class, () -> WorkflowLoader.parse(yaml.toString(), "w.yaml", null));
    assertThat(e.lines()).hasSize(21);
    assertThat(e.lines().get(0)).startsWith("w.yaml:4:").contains("'actr'", "'actor'");
    assertThat(e.lines().get(19)).startsWith("w.yaml:23:");
    assertThat(e.lines().get(20)).isEqualTo("w.yaml: 5 more errors not shown (fix these first)");
    // the flow names components whose entries are broken: no second message for them
    assertThat(String.join("\n", e.lines())).doesNotContain("unknown component");
    LoadLimits three = new LoadLimits(1 << 20, 50, 64, 100, 100, 10_000, 3);
    InputException few =
        assertThrows(
            InputException.class,
            () -> WorkflowLoader.parse(yaml.toString(), "w.yaml", null, three));
    assertThat(few.lines()).hasSize(4).last().asString().contains("22 more errors");
  }
}
