package dev.mlsec.server.web;

import static dev.mlsec.server.web.BrowserTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.report.html.Chromium;
import dev.mlsec.server.SharedWorkflows;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trend, threat, graph, team and evidence pages in real headless Chromium: each loads with no
 * console error or CSP violation, and hostile project and component names, and a hostile worry
 * typed into the team form, stay inert text.
 */
class PortfolioBrowserTest {
  static final String ALPHA = "PB <script>alert('a')</script>\"><img src=x onerror=alert(1)>";
  static final String BETA = "PB beta <svg onload=alert(2)>";
  static final String BASE = "Base <img src=x onerror=alert(3)> 7B";
  static final String WORRY = "<script>alert('w')</script> someone runs code hidden in a pickle";
  static TestServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Chromium.assumePresent();
    server = new TestServer();
    server.store.createUser(
        "pb-editor",
        Passwords.hash("browser password 2"),
        false,
        Map.of(ALPHA, Role.EDITOR, BETA, Role.VIEWER),
        "test");
    for (String body :
        new String[] {
          SharedWorkflows.upload(ALPHA, "base", BASE, "v1"),
          SharedWorkflows.upload(ALPHA, "base", BASE, "v2"),
          SharedWorkflows.upload(BETA, "hub-model", BASE.toUpperCase(java.util.Locale.ROOT), "v1")
        }) {
      assertThat(server.post("/api/v1/uploads", server.adminToken, body).status()).isIn(200, 201);
    }
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (server != null) server.close();
  }

  static void loaded(Chromium.Page page, String condition) throws InterruptedException {
    waitFor(page, condition);
    waitFor(page, "document.readyState === 'complete'");
  }

  static void clean(Chromium.Page page) {
    assertThat(page.problems()).isEmpty();
    assertThat(page.eval("document.querySelectorAll('script').length").asInt()).isZero();
    assertThat(page.eval("document.querySelectorAll('img').length").asInt()).isZero();
    assertThat(page.eval("document.querySelectorAll('[onerror],[onload]').length").asInt())
        .isZero();
  }

  static String text(Chromium.Page page, String selector) {
    return page.eval("document.querySelector('" + selector + "').textContent").asText();
  }

  @Test
  void everyPageLoadsCleanAndHostileNamesStayText() throws Exception {
    Chromium.Page page = chromium.open();
    page.navigate(URI.create(server.base() + "/login"));
    loaded(page, "!!document.querySelector('#login-form')");
    page.eval("document.querySelector('#name').value = 'pb-editor'");
    page.eval("document.querySelector('#password').value = 'browser password 2'");
    page.click("#login-form button[type=submit]");
    loaded(page, "location.pathname === '/' && !!document.querySelector('#portfolio')");

    // the trend: inline SVG, one bar per version, styled by the hashed sheet
    clean(page);
    assertThat(page.eval("document.querySelectorAll('#portfolio svg.trend').length").asInt())
        .isEqualTo(2);
    // ALPHA's two versions: each severity's path draws two bars
    assertThat(
            page.eval(
                    "document.querySelector('#portfolio svg.trend path:not(.base)')"
                        + ".getAttribute('d').split('M').length - 1")
                .asInt())
        .isEqualTo(2);
    assertThat(
            page.eval("getComputedStyle(document.querySelector('svg.trend path.base')).fill")
                .asText())
        .isEqualTo("rgb(217, 222, 231)");
    assertThat(
            page.eval("document.querySelector('#portfolio svg.trend title').textContent").asText())
        .startsWith("open findings by version: v1: ");

    // one threat across the portfolio, from the worst finding's link
    page.click("#portfolio tbody tr td.worst a");
    loaded(page, "location.pathname.startsWith('/threats/') && !!document.querySelector('h1')");
    clean(page);
    assertThat(page.eval("document.querySelectorAll('#exposures tbody tr').length").asInt())
        .isEqualTo(2);
    assertThat(text(page, "#exposures tbody tr a")).isIn(ALPHA, BETA);

    // the portfolio graph: the base model joined by name across both projects
    page.navigate(URI.create(server.base() + "/graph"));
    loaded(page, "!!document.querySelector('#shared')");
    clean(page);
    assertThat(page.eval("document.body.textContent.includes(" + json(BASE) + ")").asBoolean())
        .isTrue();

    // the team page: a hostile worry typed into the form is shown as text
    page.navigate(URI.create(server.base() + Views.url(ALPHA)));
    loaded(page, "!!document.querySelector('#team-link')");
    clean(page);
    page.click("#team-link");
    loaded(
        page, "location.pathname.endsWith('/team') && !!document.querySelector('#concern-form')");
    clean(page);
    page.eval("document.querySelector('#concern').value = " + json(WORRY));
    page.click("#concern-form button[type=submit]");
    loaded(page, "!!document.querySelector('#concerns-table')");
    clean(page);
    assertThat(text(page, "#concerns-table tbody tr td:nth-child(2)")).isEqualTo(WORRY);
    assertThat(text(page, "h1")).isEqualTo(ALPHA + ": the team's view");

    // the evidence page, with its print style sheet parsed under the policy
    page.navigate(URI.create(server.base() + Views.url(ALPHA) + "/evidence"));
    loaded(page, "!!document.querySelector('#ev-findings-table')");
    clean(page);
    assertThat(
            page.eval(
                    "[...document.styleSheets[0].cssRules].some(r => r.media && r.media.mediaText === 'print')")
                .asBoolean())
        .isTrue();
    assertThat(page.eval("document.querySelectorAll('#ev-versions-table tbody tr').length").asInt())
        .isEqualTo(2);
  }

  static String json(String s) {
    return TestServer.JSON.valueToTree(s).toString();
  }
}
