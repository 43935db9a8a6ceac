package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The card-fraud contract example declared high-risk: Art. 15 point by point, with the findings
 * that stand against each point, in HTML and Markdown; other risk classes get one sentence.
 */
class ArticleFifteenTest {

  static Analysis cardFraud(String riskClass) throws IOException {
    Path file = Examples.dir().resolve("card-fraud.yaml");
    Assumptions.assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file + " is absent");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!riskClass.isEmpty())
      text = text.replaceFirst("(?m)^system:", "risk-class: " + riskClass + "\nsystem:");
    return new Analyzer(CatalogLoader.builtInCompiled())
        .analyze(WorkflowLoader.parse(text, "card-fraud.yaml", file), Examples.TODAY);
  }

  @Test
  void aHighRiskSystemGetsEachPointOfArticleFifteen() throws IOException {
    Analysis a = cardFraud("high");
    assertThat(ArticleFifteen.applies(a)).isTrue();
    var points = ArticleFifteen.points(a);
    assertThat(points)
        .extracting(ArticleFifteen.Point::paragraph)
        .containsExactly(
            "Art. 15(1)", "Art. 15(2)", "Art. 15(3)", "Art. 15(4)", "Art. 15(5)", "Art. 14");
    ArticleFifteen.Point attacks = points.get(4);
    assertThat(attacks.findings()).contains("model-extraction@scoring-api");
    assertThat(attacks.worst()).isPresent();
    for (ArticleFifteen.Point p : points)
      for (String id : p.findings())
        assertThat(
                a.findings().stream()
                    .filter(f -> f.id().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .refs()
                    .euAiAct())
            .as(id)
            .contains(p.paragraph());
    String md = Reports.render(a, Format.MARKDOWN, GoldenTest.OPTIONS);
    assertThat(md)
        .contains("EU AI Act Art. 15 for this high-risk system")
        .contains("| Art. 15\\(5\\) | resilience against attackers&#58; prevent")
        .contains("outputs or outcomes of the model flow back into its training")
        .contains("`model-extraction@scoring-api`");
    String html = Reports.render(a, Format.HTML, GoldenTest.OPTIONS);
    assertThat(html)
        .contains("<section id=\"ai-act\"><h2>EU AI Act Art. 15 for this high-risk system</h2>")
        .contains("<td class=\"mono\">Art. 15(3)</td>");
  }

  @Test
  void otherRiskClassesGetOneSentenceAndNoneStatedGetsNothing() throws IOException {
    Analysis limited = cardFraud("limited");
    assertThat(ArticleFifteen.applies(limited)).isFalse();
    assertThat(Reports.render(limited, Format.MARKDOWN, GoldenTest.OPTIONS))
        .contains("Risk class limited&#58; Art. 50 transparency duties apply")
        .doesNotContain("for this high-risk system");
    Analysis none = cardFraud("");
    assertThat(Reports.render(none, Format.HTML, GoldenTest.OPTIONS))
        .doesNotContain("id=\"ai-act\"");
    assertThat(Reports.render(none, Format.MARKDOWN, GoldenTest.OPTIONS))
        .doesNotContain("EU AI Act Art. 15");
  }
}
