package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mechanism a concern names is read from how it is said (who does what to what), not from the
 * words it shares with one threat's text; phrasings here are made up for the test.
 */
class ConcernCuesTest {
  private static List<String> names(String text) {
    return ConcernCues.of(text).stream().map(ConcernCues.Cue::name).toList();
  }

  @Test
  void anInstructionAimedAtTheModelIsInjection() {
    assertThat(names("a web page that tells the agent to wire money abroad"))
        .contains("instruction");
    assertThat(names("a customer sweet-talking the chatbot into a discount"))
        .contains("instruction");
    assertThat(names("the agent sending invoices")).doesNotContain("instruction");
  }

  @Test
  void movingPrivateDataOutIsExfiltration() {
    assertThat(names("the agent emailing confidential contracts to a stranger"))
        .contains("exfiltration");
  }

  @Test
  void aLossThatFallsOnAPersonIsDecisionHarm() {
    assertThat(names("drivers deactivated by a score nobody checks")).contains("decision-harm");
    assertThat(names("a wrong grade costing students their place")).contains("decision-harm");
    assertThat(names("the server losing the logs")).doesNotContain("decision-harm");
  }

  @Test
  void inputMadeToFoolTheModelIsEvasion() {
    assertThat(names("sellers using fake photos so listings look genuine")).contains("evasion");
    assertThat(names("fake reviews")).doesNotContain("evasion").contains("false-labels");
  }

  @Test
  void aCueSaysWhyItMatched() {
    assertThat(ConcernCues.CUES).allSatisfy(c -> assertThat(c.says()).isNotBlank());
  }
}
