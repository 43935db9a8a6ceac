package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.report.html.Chromium;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in real headless Chromium (the report module's harness): sign in through the form, the
 * portfolio loads with no console error or CSP violation, and a hostile workflow's names are inert
 * text there.
 */
class BrowserTest {
  static final String HOSTILE =
      "Browser <script>alert('system')</script>\"><img src=x onerror=alert(9)>";
  static TestServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Chromium.assumePresent();
    server = new TestServer();
    server.store.createUser(
        "browser-viewer",
        Passwords.hash("browser password 1"),
        false,
        Map.of(HOSTILE, Role.VIEWER),
        "test");
    server.post("/api/v1/uploads", server.adminToken, Uploads.cardFraudAs(HOSTILE, null));
    server.post("/api/v1/uploads", server.adminToken, Uploads.cardFraudAs(HOSTILE, "v2"));
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (server != null) server.close();
  }

  static void waitFor(Chromium.Page page, String condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (page.eval(condition).asBoolean()) return;
      } catch (IllegalStateException navigating) {
        // the page is between documents
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + condition);
  }

  @Test
  void signInAndThePortfolioIsCleanAndHostileNamesAreInert() throws Exception {
    Chromium.Page page = chromium.open();
    page.navigate(URI.create(server.base() + "/"));
    waitFor(page, "location.pathname === '/login' && document.readyState === 'complete'");
    page.eval("document.querySelector('#name').value = 'browser-viewer'");
    page.eval("document.querySelector('#password').value = 'browser password 1'");
    page.click("#login-form button[type=submit]");
    waitFor(page, "location.pathname === '/' && !!document.querySelector('h1')");
    waitFor(page, "document.readyState === 'complete'");

    assertThat(page.problems()).isEmpty();
    assertThat(page.eval("document.querySelector('h1').textContent").asText())
        .isEqualTo("Portfolio");
    assertThat(page.eval("document.querySelector('#portfolio tbody tr a').textContent").asText())
        .isEqualTo(HOSTILE);
    assertThat(page.eval("document.querySelectorAll('script').length").asInt()).isZero();
    assertThat(page.eval("document.querySelectorAll('img').length").asInt()).isZero();
    assertThat(page.eval("document.querySelectorAll('[onerror]').length").asInt()).isZero();
    // the style really applied: the inline sheet's hash matched the policy
    assertThat(page.eval("getComputedStyle(document.querySelector('header.top')).display").asText())
        .isEqualTo("flex");

    // the project page and a diff of its two versions
    page.click("#portfolio tbody tr a");
    waitFor(
        page,
        "location.pathname.startsWith('/projects/') && !!document.querySelector('#versions')");
    waitFor(page, "document.readyState === 'complete'");
    assertThat(page.eval("document.querySelector('h1').textContent").asText()).isEqualTo(HOSTILE);
    assertThat(page.eval("!!document.querySelector('#decision-form')").asBoolean())
        .as("a viewer has no decision form")
        .isFalse();
    page.click("#diff-form button[type=submit]");
    waitFor(page, "!!document.querySelector('#diff')");
    assertThat(page.problems()).isEmpty();
  }
}
