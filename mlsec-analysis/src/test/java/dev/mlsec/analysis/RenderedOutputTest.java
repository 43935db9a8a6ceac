package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.Severity;
import org.junit.jupiter.api.Test;

/**
 * Rendered model output is rated by who can steer it (path {@code content}): the outsiders whose
 * text reaches the model's context, not only the staff who read the page. The pair differs in the
 * retrieval's content.
 */
class RenderedOutputTest {

  static final String BOT =
      """
      components:
        staff: {kind: actor, trust: internal}
        bot: {kind: application, exposure: internal, authentication: sso, renders: [markdown, images]}
        llm: {kind: llm, hosting: self-hosted, memory: false}
        index: {kind: retrieval, content: %s}
      flows:
        - staff <-> bot
        - bot <-> llm
        - index -> llm
      """;

  @Test
  void textFromOutsidersInTheContextMakesRenderedOutputReachableByAnyone() {
    Finding f =
        RootCauseTest.finding(
            RootCauseTest.analyze(BOT.formatted("public-web")), "improper-output-handling@bot");
    assertThat(f.path()).containsExactly("index", "llm", "bot");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void onlyTheViewersOwnPromptAndTheTeamsTextAttackNobodyElse() {
    // the staff who read the output wrote the only outside text in the context: the prompt
    assertThat(RootCauseTest.analyze(BOT.formatted("first-party")).findings())
        .extracting(Finding::id)
        .doesNotContain("improper-output-handling@bot");
  }
}
