package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model on its user's own device is used by that device's owner: its why names "on-device" users,
 * never "anonymous users", whatever trust the file gives the people. The pair differs in the
 * model's exposure.
 */
class OnDeviceWordingTest {

  static final String LOCAL =
      """
      components:
        owner: {kind: actor, trust: anonymous}
        panel: {kind: application, exposure: on-device, renders: plain-text}
        slm: {kind: llm, hosting: self-hosted, exposure: %s, memory: false}
      flows:
        - owner <-> panel
        - panel <-> slm
      """;

  static List<String> whyOfTheModel(String exposure) {
    return RootCauseTest.analyze(LOCAL.formatted(exposure)).findings().stream()
        .filter(f -> f.component().orElse("").equals("slm"))
        .flatMap(f -> f.why().stream())
        .toList();
  }

  @Test
  void theOwnerOfTheDeviceIsNoAnonymousUser() {
    List<String> why = whyOfTheModel("on-device");
    assertThat(why).anyMatch(l -> l.contains("on-device users"));
    assertThat(why).noneMatch(l -> l.contains("anonymous"));
  }

  @Test
  void aPublicModelIsUsedByAnonymousUsers() {
    assertThat(whyOfTheModel("public")).anyMatch(l -> l.contains("anonymous users"));
  }
}
