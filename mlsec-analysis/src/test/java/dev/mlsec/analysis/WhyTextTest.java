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
  void anUnknownAttributeTheSentenceAlreadyNamesIsJustUnknown() {
    Map<String, Object> c = new HashMap<>();
    c.put("id", "desk");
    c.put("renders", null);
    assertThat(WhyText.fill("{c.id} renders it as {c.renders}", c, Map.of(), List.of()))
        .isEqualTo("desk renders it as unknown");
  }

  @Test
  void pathAndPlainListsAreJoined() {
    Map<String, Object> f = Map.of("queried_by", List.of("anonymous", "partner"));
    assertThat(WhyText.fill("{f.queried_by} via {path}", Map.of(), f, List.of("a", "b")))
        .isEqualTo("anonymous, partner via a -> b");
  }

  @Test
  void anUnknownValueTakesAnAndIsNotNamedTwice() {
    Map<String, Object> c = new HashMap<>();
    c.put("id", "tool-a");
    c.put("source", null);
    c.put("artifact_format", null);
    assertThat(WhyText.fill("{c.id} is provided by a {c.source}", c, Map.of(), List.of()))
        .isEqualTo("tool-a is provided by an unknown source");
    assertThat(
            WhyText.fill("it holds models in {c.artifact_format} format", c, Map.of(), List.of()))
        .isEqualTo("it holds models in unknown artifact format");
  }

  @Test
  void aSentenceAboutAnEmptyListIsLeftOut() {
    Map<String, Object> f = Map.of("prompted_by", List.of(), "untrusted_content", List.of("web"));
    assertThat(WhyText.line("prompts from {f.prompted_by} users", Map.of(), f, List.of()))
        .isEmpty();
    assertThat(WhyText.line("content ({f.untrusted_content})", Map.of(), f, List.of()))
        .contains("content (web pages)");
  }

  @Test
  void outsidersAreNamedBeforeTheTeamAndDataBeforeSupply() {
    Map<String, Object> f =
        Map.of(
            "influences",
            List.of("pretrained:public-hub", "provenance:first-party", "provenance:public-web"));
    assertThat(WhyText.fill("{f.influences}", Map.of(), f, List.of())).isEqualTo("public-web data");
  }
}
