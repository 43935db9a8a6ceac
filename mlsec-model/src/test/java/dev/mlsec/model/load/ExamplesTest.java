package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {

  static List<Path> examples() {
    return Fixtures.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLoads(Path file) {
    Workflow w = WorkflowLoader.load(file);
    assertThat(w.formatVersion()).isEqualTo(1);
    assertThat(w.components()).isNotEmpty();
    assertThat(w.system()).isNotBlank();
  }

  @Test
  void theContractExamplesAreHere() {
    assertThat(examples().stream().map(p -> p.getFileName().toString()))
        .contains("card-fraud.yaml", "image-moderation.yaml", "support-assistant.yaml");
  }

  @Test
  void cardFraudReadsAsWritten() {
    Workflow w = WorkflowLoader.load(Fixtures.examplesDir().resolve("card-fraud.yaml"));
    assertThat(w.system()).isEqualTo("Card fraud scoring");
    assertThat(w.components()).hasSize(9);
    var api = w.component("scoring-api").orElseThrow();
    assertThat(api.attribute("rate-limit")).isEqualTo(new Value.Text("none"));
    assertThat(api.attribute("outputs")).isEqualTo(new Value.Texts(List.of("score")));
    assertThat(api.attribute("egress")).isEqualTo(Value.UNKNOWN);
    assertThat(api.position().line()).isEqualTo(42);
    assertThat(api.position().column()).isEqualTo(3);
    assertThat(api.positionOf("rate-limit").line()).isEqualTo(46);
    var merchants = w.flows().get(6);
    assertThat(merchants.bidirectional()).isTrue();
    assertThat(merchants.id()).isEqualTo("merchants->scoring-api");
    var tls = w.controls().get(0);
    assertThat(tls.idPosition().line()).isEqualTo(67);
    assertThat(tls.believedToStop()).containsExactly("evasion");
    assertThat(tls.believedToStopPosition(0).line()).isEqualTo(69);
    assertThat(w.zones().get("partners").members()).containsExactly("merchants");
    assertThat(w.concerns()).hasSize(2);
  }
}
