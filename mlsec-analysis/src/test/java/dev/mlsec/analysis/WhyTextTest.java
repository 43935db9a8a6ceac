package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhyTextTest {

  @Test
  void factTagsReadAsWordsAndOutsidePartiesLeaveTheTeamOut() {
    Map<String, Object> f =
        Map.of(
            "influences",
            List.of("actor:partner", "loop", "provenance:first-party", "workforce:automatic"));
    String why = WhyText.fill("outside parties ({f.influences}) shape it", Map.of(), f, List.of());
    assertThat(why).isEqualTo("outside parties (partner actors, the feedback loop) shape it");
  }

  @Test
  void onlyTrustedInfluencesAreStillNamedRatherThanHidden() {
    Map<String, Object> f = Map.of("influences", List.of("provenance:first-party"));
    assertThat(WhyText.fill("{f.influences}", Map.of(), f, List.of()))
        .isEqualTo("first-party data");
  }

  @Test
  void anUnknownAttributeOfTheTargetNamesTheAttribute() {
    Map<String, Object> c = new HashMap<>();
    c.put("id", "api");
    c.put("rate_limit", null);
    assertThat(WhyText.fill("{c.id} has rate limit {c.rate_limit}", c, Map.of(), List.of()))
        .isEqualTo("api has rate limit unknown");
    assertThat(WhyText.fill("{c.id} returns {c.rate_limit}", c, Map.of(), List.of()))
        .isEqualTo("api returns unknown rate limit");
  }

  @Test
  void pathAndPlainListsAreJoined() {
    Map<String, Object> f = Map.of("queried_by", List.of("anonymous", "partner"));
    assertThat(WhyText.fill("{f.queried_by} via {path}", Map.of(), f, List.of("a", "b")))
        .isEqualTo("anonymous, partner via a -> b");
  }
}
