package dev.mlsec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

  @Test
  void suggestsTheClosestWord() {
    assertThat(DidYouMean.closest("publc", List.of("public", "partner", "internal")))
        .contains("public");
    assertThat(DidYouMean.closest("trsut", List.of("trust", "self-registration")))
        .contains("trust");
    assertThat(DidYouMean.closest("Kind", List.of("kind", "name"))).contains("kind");
  }

  @Test
  void countsASwapOfNeighboursAsOneEdit() {
    assertThat(DidYouMean.distance("tsl", "tls", 10)).isEqualTo(1);
    assertThat(DidYouMean.distance("abc", "abc", 10)).isZero();
    assertThat(DidYouMean.distance("kitten", "sitting", 10)).isEqualTo(3);
  }

  @Test
  void staysSilentWhenNothingIsClose() {
    assertThat(DidYouMean.closest("zebra", List.of("public", "partner"))).isEmpty();
    assertThat(DidYouMean.hint("zebra", List.of("public", "partner")))
        .isEqualTo("expected one of: public, partner");
    assertThat(DidYouMean.closest("x", List.of())).isEmpty();
  }

  @Test
  void tiesGoToTheEarlierCandidate() {
    assertThat(DidYouMean.closest("ab", List.of("ac", "ad"))).contains("ac");
    assertThat(DidYouMean.closest("ab", List.of("ad", "ac"))).contains("ad");
  }

  @Property(tries = 300)
  void distanceIsASymmetricBoundedMetric(
      @ForAll @StringLength(max = 12) String a, @ForAll @StringLength(max = 12) String b) {
    int d = DidYouMean.distance(a, b, 100);
    assertThat(d).isEqualTo(DidYouMean.distance(b, a, 100));
    assertThat(d).isLessThanOrEqualTo(Math.max(a.length(), b.length()));
    assertThat(d == 0).isEqualTo(a.equals(b));
    int capped = DidYouMean.distance(a, b, 2);
    if (d < 2) assertThat(capped).isEqualTo(d);
    else assertThat(capped).isGreaterThanOrEqualTo(2);
  }
}
