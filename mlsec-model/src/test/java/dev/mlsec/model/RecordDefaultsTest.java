package dev.mlsec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.model.load.LoadLimits;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records built without the loader's detailed positions fall back to the item's position. */
class RecordDefaultsTest {
  static final Position AT = new Position("w.yaml", 3, 5);

  @Test
  void aControlWithoutDetailedPositionsPointsAtItself() {
    Control c =
        new Control("tls", List.of("api"), ControlStatus.IMPLEMENTED, List.of("evasion"), "", AT);
    assertThat(c.idPosition()).isEqualTo(AT);
    assertThat(c.believedToStopPosition(0)).isEqualTo(AT);
    assertThat(c.implemented()).isTrue();
    assertThat(c.custom()).isFalse();
  }

  @Test
  void aDecisionSplitsItsFindingId() {
    Decision d =
        new Decision(
            "evasion@a->b", DecisionStatus.ACCEPTED, "", Optional.of(LocalDate.of(2027, 1, 1)), AT);
    assertThat(d.findingPosition()).isEqualTo(AT);
    assertThat(d.threat()).isEqualTo("evasion");
    assertThat(d.target()).isEqualTo("a->b");
    assertThat(d.inForce(LocalDate.of(2027, 1, 1))).isTrue();
    assertThat(d.inForce(LocalDate.of(2027, 1, 2))).isFalse();
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new LoadLimits(0, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LoadLimits.DEFAULT.maxComponents()).isEqualTo(20_000);
    assertThat(LoadLimits.DEFAULT.maxFileBytes()).isEqualTo(4L * 1024 * 1024);
  }
}
