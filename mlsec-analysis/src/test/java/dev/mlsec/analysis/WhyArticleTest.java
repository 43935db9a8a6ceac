package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The one-scan article rule of {@link WhyText#articles} is the regular expression it replaced. */
class WhyArticleTest {
  private static final Pattern ARTICLE = Pattern.compile("(?<![\\w.-])a (?=[aeio]|un(?!i))");

  @Property(tries = 5000)
  void theScanGivesWhatTheExpressionGives(
      @ForAll
          @StringLength(max = 40)
          @Chars({'a', 'n', 'u', 'i', 'e', 'o', 'x', ' ', ' ', '.', '-', '_', ',', 'A', '9', 'é'})
          @CharRange(from = 'a', to = 'c')
          String s) {
    assertThat(WhyText.articles(s)).isEqualTo(ARTICLE.matcher(s).replaceAll("an "));
  }

  @Test
  void sentences() {
    for (String s :
        new String[] {
          "a unknown source",
          "a unique id",
          "a a a b",
          "data a endpoint",
          "x.a open",
          "na un",
          "a un",
          "a u",
          "a ",
          "",
          "a-a open a ordinary a"
        }) assertThat(WhyText.articles(s)).as(s).isEqualTo(ARTICLE.matcher(s).replaceAll("an "));
    assertThat(WhyText.articles("a unknown source and a model"))
        .isEqualTo("an unknown source and a model");
  }
}
