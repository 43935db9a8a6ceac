package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * A concern is text a team wrote: any string at all maps without failing, to catalog threats only,
 * within the stated bounds, and the same every time.
 */
class ConcernMatcherProperties {
  static final ConcernMatcher MATCHER = new ConcernMatcher(CatalogLoader.builtIn());
  static final Set<String> IDS =
      CatalogLoader.builtIn().threats().stream().map(Threat::id).collect(Collectors.toSet());

  @Property(tries = 100)
  void anyTextMapsWithinBoundsAndTheSameEveryTime(@ForAll @StringLength(max = 300) String text) {
    ConcernMatcher.Result r = MATCHER.match(text);
    assertThat(r.matched()).hasSizeLessThanOrEqualTo(ConcernMatcher.MAX_MATCHED);
    assertThat(r.closest()).hasSizeLessThanOrEqualTo(ConcernMatcher.MAX_CLOSEST);
    for (String id : r.closest()) assertThat(r.matched()).doesNotContain(id);
    assertThat(IDS).containsAll(r.matched()).containsAll(r.closest());
    assertThat(MATCHER.match(text)).isEqualTo(r);
  }

  static final ConcernMatcher BUILT_HERE =
      new ConcernMatcher(CatalogLoader.builtIn(), Synonyms.builtIn(), Optional.empty());

  @Property(tries = 100)
  void theIndexMadeAtBuildTimeScoresAnyTextAsOneBuiltHere(
      @ForAll @StringLength(max = 300) String text) {
    assertThat(MATCHER.prebuilt()).isTrue();
    assertThat(MATCHER.match(text)).isEqualTo(BUILT_HERE.match(text));
    assertThat(MATCHER.scores(text)).isEqualTo(BUILT_HERE.scores(text));
  }
}
