package dev.mlsec.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.report.Examples;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The HTML report in real headless Chromium: it loads with no console error and no CSP violation,
 * shows the diagram, a click on a component shows exactly its findings, injected payloads stay
 * inert, and a screenshot lands in target/browser/.
 */
class BrowserTest {
  static final Path OUT = Path.of("target/browser");
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Chromium.assumePresent();
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
  }

  /** Loads the report of {@code analysis} and checks what every report page must satisfy. */
  static Chromium.Page load(String name, Analysis analysis) throws Exception {
    Files.createDirectories(OUT);
    Path html = OUT.resolve(name + ".html").toAbsolutePath();
    Files.writeString(
        html,
        Reports.render(analysis, Format.HTML, ReportOptions.defaults()),
        StandardCharsets.UTF_8);
    Chromium.Page page = chromium.open();
    page.navigate(html);
    assertThat(page.eval("document.querySelectorAll('#diagram-svg g.node').length").asInt())
        .as("diagram boxes")
        .isEqualTo(analysis.workflow().components().size());
    assertThat(page.eval("document.querySelectorAll('article.finding').length").asInt())
        .isEqualTo(analysis.findings().size());
    return page;
  }

  static void assertClean(Chromium.Page page) {
    assertThat(page.problems()).as("console errors, CSP violations or dialogs").isEmpty();
  }

  @Test
  void clickingAComponentShowsItsFindings() throws Exception {
    Analysis a = Fixtures.small();
    Chromium.Page page = load("small", a);
    page.click("#diagram-svg g.node[data-id='scoring-api']");
    long expected =
        a.findings().stream()
            .filter(
                f ->
                    f.component().map("scoring-api"::equals).orElse(false)
                        || f.flow()
                            .map(x -> x.startsWith("scoring-api->") || x.endsWith("->scoring-api"))
                            .orElse(false))
            .count();
    JsonNode shown =
        page.eval(
            "Array.prototype.slice.call(document.querySelectorAll('article.finding'))"
                + ".filter(function(f){return !f.hidden;}).map(function(f){return f.id;})");
    assertThat(shown.size()).isEqualTo((int) expected).isPositive();
    for (JsonNode id : shown) {
      assertThat(id.asText()).matches("finding-.*(@scoring-api|scoring-api)$");
    }
    assertThat(page.eval("document.getElementById('selection-text').textContent").asText())
        .contains(expected + " findings on Scoring API");
    assertThat(
            page.eval(
                    "document.querySelector(\"g.node[data-id='scoring-api']\").classList.contains('selected')")
                .asBoolean())
        .isTrue();
    // Pointing at a finding traces its path on the diagram.
    page.click("article.finding[id='finding-evasion@scoring-api']");
    assertThat(page.eval("document.querySelectorAll('#diagram-svg g.node.on-path').length").asInt())
        .isEqualTo(2);
    assertThat(page.eval("document.querySelectorAll('#diagram-svg g.edge.on-path').length").asInt())
        .isEqualTo(1);
    // A second click on the component shows every finding again.
    page.click("#diagram-svg g.node[data-id='scoring-api']");
    assertThat(
            page.eval("document.querySelectorAll('article.finding:not([hidden])').length").asInt())
        .isEqualTo(a.findings().size());
    page.screenshot(OUT.resolve("small.png"));
    assertClean(page);
  }

  @ParameterizedTest
  @FieldSource("dev.mlsec.report.Examples#NAMES")
  void contractExample(String name) throws Exception {
    Analysis a = Examples.analyze(name);
    Chromium.Page page = load(name, a);
    Finding first = a.findings().get(0);
    String target = first.component().orElse(first.path().get(0));
    page.click("#diagram-svg g.node[data-id='" + target + "']");
    JsonNode shown =
        page.eval(
            "Array.prototype.slice.call(document.querySelectorAll('article.finding'))"
                + ".filter(function(f){return !f.hidden;}).map(function(f){return f.getAttribute('data-on');})");
    assertThat(shown.size()).isPositive();
    for (JsonNode on : shown) assertThat(on.asText().split(" ")).contains(target);
    page.screenshot(OUT.resolve(name + ".png"));
    assertClean(page);
  }

  @Test
  void thousandComponentsStayUsable() throws Exception {
    Analysis a = Fixtures.synthetic(100);
    Chromium.Page page = load("large", a);
    long loadMs =
        (long) page.eval("performance.getEntriesByType('navigation')[0].loadEventEnd").asDouble();
    double clickMs =
        page.eval(
                "(function(){var n=document.querySelector(\"g.node[data-id='api-50']\");"
                    + "var t=performance.now();n.dispatchEvent(new MouseEvent('click',{bubbles:true}));"
                    + "var f=document.querySelectorAll('article.finding:not([hidden])').length;"
                    + "return f===2?performance.now()-t:-1;})()")
            .asDouble();
    System.out.printf(
        "1,000 components in Chromium: load %d ms, click -> findings %.1f ms%n", loadMs, clickMs);
    assertThat(clickMs).as("click handled and two findings shown").isBetween(0.0, 500.0);
    assertThat(loadMs).as("page load in ms").isLessThan(10_000);
    assertClean(page);
  }

  @Test
  void injectedPayloadsAreInert() throws Exception {
    Analysis a = Fixtures.hostile();
    Chromium.Page page = load("hostile", a);
    // Give any injected handler the chance to run, then click through every component.
    for (var id : a.workflow().components().keySet()) {
      page.click("#diagram-svg g.node[data-id='" + id + "']");
    }
    assertThat(
            page.eval(
                    "document.querySelectorAll('img,iframe,object,embed,form,a[href^=javascript]').length")
                .asInt())
        .as("injected elements")
        .isZero();
    assertThat(page.eval("document.scripts.length").asInt()).as("scripts").isEqualTo(1);
    assertThat(
            page.eval(
                    "Array.prototype.slice.call(document.querySelectorAll('*')).some(function(e){"
                        + "return Array.prototype.slice.call(e.attributes).some(function(x){"
                        + "return x.name.indexOf('on')===0;});})")
                .asBoolean())
        .as("an element with an on* handler attribute")
        .isFalse();
    assertThat(page.eval("document.title").asText()).contains("<script>");
    assertThat(page.eval("document.querySelector('h1').textContent").asText())
        .contains("<script>alert('system')</script>");
    Finding first = a.findings().get(0);
    assertThat(page.eval("document.querySelector('article.finding .title').textContent").asText())
        .isEqualTo(first.title());
    page.screenshot(OUT.resolve("hostile.png"));
    assertClean(page);
  }
}
