package dev.mlsec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Value} builds its {@code UNKNOWN} in its own initialiser; if it declared a default method,
 * initialising {@link Value.Unknown} would initialise {@link Value} first (JLS 12.4.1), and two
 * threads starting on either side (the catalog warm-up beside the workflow loader) could deadlock.
 */
class ValueInitTest {
  @Test
  void theInterfaceDeclaresNoDefaultMethod() {
    assertThat(Arrays.stream(Value.class.getDeclaredMethods()).filter(Method::isDefault)).isEmpty();
  }

  @Test
  void everyKindAnswersWhetherItIsUnknown() {
    assertThat(Value.UNKNOWN.isUnknown()).isTrue();
    assertThat(new Value.Bool(false).isUnknown()).isFalse();
    assertThat(new Value.Text("unknown").isUnknown()).isFalse();
    assertThat(new Value.Texts(java.util.List.of()).isUnknown()).isFalse();
  }
}
