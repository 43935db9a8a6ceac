package dev.mlsec.analysis.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Every threat's why, rendered over the fact combinations of random workflows, reads as a sentence:
 * no doubled words ("prompts written by prompts", "personal data data"), no empty lists, no
 * outsiders named by what is the team's own.
 */
class WhySentencePropertiesTest {
  private static final Pattern DOUBLED =
      Pattern.compile("\\b(\\p{L}[\\p{L}-]*)\\s+\\1\\b", Pattern.CASE_INSENSITIVE);

  /** "renders it as unknown renders": an unknown value named by a word the sentence said before. */
  private static final Pattern UNKNOWN_AGAIN =
      Pattern.compile("\\b(\\p{L}[\\p{L}-]*)\\b.*\\bunknown \\1\\b", Pattern.CASE_INSENSITIVE);

  /** A phrase about a list only reads as an empty list when something was left empty. */
  private static final List<String> EMPTY =
      List.of("()", "( ", " )", ", ,", " none ", "(none", "none)", "by none", "from none");

  /** Sentences about outsiders must not name the team's own sources as outsiders. */
  private static final List<String> OUTSIDE_MARKERS =
      List.of("untrusted", "outside the team", "outsiders", "members of the public");

  private static final List<String> INSIDE_WORDS =
      List.of("internal users", "first-party content", "first-party tools", "in-house labelers");

  @Property(tries = 200)
  void everyWhyReadsAsASentence(@ForAll long seed) {
    Analysis a =
        AnalysisPropertiesTest.ANALYZER.analyze(
            AnalysisPropertiesTest.workflow(seed), AnalysisPropertiesTest.TODAY);
    for (Finding f : a.findings())
      for (String line : f.why()) {
        Matcher m = DOUBLED.matcher(line);
        assertThat(m.find()).as("doubled word in %s: %s", f.id(), line).isFalse();
        Matcher u = UNKNOWN_AGAIN.matcher(line);
        assertThat(u.find())
            .as("unknown names a word said before in %s: %s", f.id(), line)
            .isFalse();
        String padded = " " + line.toLowerCase(Locale.ROOT) + " ";
        for (String e : EMPTY)
          assertThat(padded).as("empty list in %s: %s", f.id(), line).doesNotContain(e);
        if (OUTSIDE_MARKERS.stream().anyMatch(padded::contains))
          for (String inside : INSIDE_WORDS)
            assertThat(padded)
                .as("outsiders named by the team's own in %s: %s", f.id(), line)
                .doesNotContain(inside);
      }
  }
}
