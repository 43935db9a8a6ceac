package dev.mlsec.server.web;

import static dev.mlsec.server.web.BrowserTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.report.html.Chromium;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second approver in real headless Chromium: one editor accepts the high finding through the
 * form, the page shows it waiting and offers that editor no approval; another editor approves it
 * and the audit trail shows both.
 */
class ApprovalBrowserTest {
  static final String PROJECT = "approval-browser";
  static final String PASSWORD = "approval browser 1";
  static TestServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Chromium.assumePresent();
    server = new TestServer(Clock.systemUTC(), "high");
    for (String u : new String[] {"ab-ana", "ab-ben"})
      server.store.createUser(
          u, Passwords.hash(PASSWORD), false, Map.of(PROJECT, Role.EDITOR), "t");
    server.post("/api/v1/uploads", server.adminToken, Uploads.cardFraudAs(PROJECT, null));
    chromium = new Chromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (server != null) server.close();
  }

  static Chromium.Page signIn(String name) throws InterruptedException {
    Chromium.Page page = chromium.open();
    page.navigate(URI.create(server.base() + "/login"));
    waitFor(page, "!!document.querySelector('#login-form') && document.readyState === 'complete'");
    page.eval("document.querySelector('#name').value = '" + name + "'");
    page.eval("document.querySelector('#password').value = '" + PASSWORD + "'");
    page.click("#login-form button[type=submit]");
    waitFor(page, "location.pathname === '/' && document.readyState === 'complete'");
    page.navigate(URI.create(server.base() + Views.url(PROJECT)));
    waitFor(page, "!!document.querySelector('#audit-table') && document.readyState === 'complete'");
    return page;
  }

  @Test
  void oneEditorAcceptsAnotherApprovesAndTheAuditTrailHasBoth() throws Exception {
    Chromium.Page ana = signIn("ab-ana");
    // the high finding of the card-fraud example, accepted through the form
    ana.eval(
        "var s = document.querySelector('#finding'); s.value = Array.from(s.options).map(o =>"
            + " o.value).find(v => v.startsWith('unsafe-deserialization@'))");
    ana.eval("document.querySelector('#state').value = 'accepted'");
    ana.eval("document.querySelector('#reason').value = 'signed by the registry next sprint'");
    ana.eval("document.querySelector('#owner').value = 'risk-ml'");
    ana.click("#decision-form button[type=submit]");
    waitFor(
        ana, "!!document.querySelector('#pending-table') && document.readyState === 'complete'");
    assertThat(ana.problems()).isEmpty();
    assertThat(ana.eval("document.querySelectorAll('#pending-table form.approve').length").asInt())
        .as("the one who asked cannot approve")
        .isZero();
    assertThat(ana.eval("document.querySelector('#audit-table').textContent").asText())
        .contains("decision-requested");

    Chromium.Page ben = signIn("ab-ben");
    ben.click("#pending-table form.approve button[type=submit]");
    waitFor(
        ben,
        "!document.querySelector('#pending-table')"
            + " && document.querySelector('#audit-table').textContent.includes('decision-approved')");
    assertThat(ben.problems()).isEmpty();
    String audit = ben.eval("document.querySelector('#audit-table').textContent").asText();
    assertThat(audit).contains("decision-requested", "decision-approved", "\"approved-by\"");
    assertThat(ben.eval("document.querySelector('#findings-table').textContent").asText())
        .contains("accepted by ");
  }
}
