package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Accepting a high or critical finding (the server's default) takes two different users: the
 * request waits, shown as pending, the finding stays open, and the approval makes it the decision
 * in force; both are audit rows. Lower findings and other decisions take effect at once.
 */
class SecondApproverTest {
  @AutoClose static final TestServer server = new TestServer(Clock.systemUTC(), "high");

  static final String PROJECT = "second-approver";
  static final String PASSWORD = "second approver pw";

  static String findingOf(String editor, String severity) {
    JsonNode fs = server.get("/api/v1/projects/" + PROJECT + "/versions/1/findings", editor).json();
    for (JsonNode f : fs.get("findings"))
      if (f.get("severity").asText().equals(severity)) return f.get("id").asText();
    throw new AssertionError("no " + severity + " finding in " + fs);
  }

  static String accept(String finding) {
    return "{\"finding\": \""
        + finding
        + "\", \"state\": \"accepted\", \"reason\": \"risk owner agreed\", \"owner\": \"risk-ml\","
        + " \"expires\": \"2099-01-01\"}";
  }

  static int openHigh(String token) {
    return server
        .get("/api/v1/projects?limit=500", token)
        .json()
        .at("/projects/0/open/high")
        .asInt();
  }

  @Test
  void acceptingAHighFindingWaitsForASecondDifferentApprover() {
    assertThat(
            server
                .post("/api/v1/uploads", server.adminToken, Uploads.cardFraudAs(PROJECT, null))
                .status())
        .isIn(200, 201);
    String ana = server.token(PROJECT, Role.EDITOR, null);
    String ben = server.token(PROJECT, Role.EDITOR, null);
    String viewer = server.token(PROJECT, Role.VIEWER, null);
    String high = findingOf(ana, "high");
    int before = openHigh(viewer);

    TestServer.Reply asked =
        server.post("/api/v1/projects/" + PROJECT + "/decisions", ana, accept(high));
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    assertThat(asked.json().get("pending").asBoolean()).isTrue();
    JsonNode decisions = server.get("/api/v1/projects/" + PROJECT + "/decisions", viewer).json();
    assertThat(decisions.get("decisions")).isEmpty();
    assertThat(decisions.at("/pending/0/finding").asText()).isEqualTo(high);
    assertThat(decisions.at("/pending/0/severity").asText()).isEqualTo("high");
    assertThat(openHigh(viewer)).as("still open while it waits").isEqualTo(before);

    // the one who asked cannot approve it; a viewer may not; nothing else waits
    String approve = "/api/v1/projects/" + PROJECT + "/decisions/approve";
    assertThat(server.post(approve, ana, "{\"finding\": \"" + high + "\"}").status())
        .isEqualTo(403);
    assertThat(server.post(approve, viewer, "{\"finding\": \"" + high + "\"}").status())
        .isEqualTo(403);
    assertThat(server.post(approve, ben, "{\"finding\": \"nothing@here\"}").status())
        .isEqualTo(404);

    TestServer.Reply ok = server.post(approve, ben, "{\"finding\": \"" + high + "\"}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().get("state").asText()).isEqualTo("accepted");
    decisions = server.get("/api/v1/projects/" + PROJECT + "/decisions", viewer).json();
    assertThat(decisions.get("pending")).isEmpty();
    assertThat(decisions.at("/decisions/0/finding").asText()).isEqualTo(high);
    assertThat(openHigh(viewer)).isEqualTo(before - 1);
    assertThat(server.post(approve, ben, "{\"finding\": \"" + high + "\"}").status())
        .isEqualTo(404);

    // the audit trail has both: who asked, who approved
    List<String> rows = new ArrayList<>();
    for (JsonNode a :
        server.get("/api/v1/projects/" + PROJECT + "/audit", viewer).json().get("audit"))
      if (a.get("subject").asText().equals(high))
        rows.add(a.get("action").asText() + " by " + a.get("actor").asText());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("decision-approved by token ");
    assertThat(rows.get(1)).startsWith("decision-requested by token ");
    assertThat(rows.get(0)).isNotEqualTo(rows.get(1).replace("requested", "approved"));

    // below high, and any other state, takes effect at once
    String medium = findingOf(ana, "medium");
    assertThat(
            server.post("/api/v1/projects/" + PROJECT + "/decisions", ana, accept(medium)).status())
        .isEqualTo(201);
  }

  @Test
  void thePageShowsThePendingAcceptanceAndOnlyAnotherEditorApprovesIt() {
    String project = "second-approver-page";
    assertThat(
            server
                .post("/api/v1/uploads", server.adminToken, Uploads.cardFraudAs(project, null))
                .status())
        .isIn(200, 201);
    for (String u : List.of("sa-ana", "sa-ben"))
      server.store.createUser(
          u, Passwords.hash(PASSWORD), false, Map.of(project, Role.EDITOR), "t");
    Forms forms = new Forms(server);
    String ana = forms.signIn("sa-ana", PASSWORD);
    String page = Views.url(project);
    String high = null;
    JsonNode fs =
        server
            .get("/api/v1/projects/" + project + "/versions/1/findings", server.adminToken)
            .json();
    for (JsonNode f : fs.get("findings"))
      if (f.get("severity").asText().equals("high")) high = f.get("id").asText();
    String csrf = Forms.csrf(forms.get(page, ana).body());
    assertThat(
            forms
                .post(
                    page + "/decisions",
                    ana,
                    Map.of(
                        "csrf",
                        csrf,
                        "finding",
                        high,
                        "state",
                        "accepted",
                        "reason",
                        "ok",
                        "owner",
                        "o"))
                .status())
        .isEqualTo(303);
    String html = forms.get(page, ana).body();
    assertThat(html).contains("Waiting for a second approver", high, "another editor approves");
    assertThat(html).doesNotContain("decisions/approve");
    String ben = forms.signIn("sa-ben", PASSWORD);
    String benPage = forms.get(page, ben).body();
    assertThat(benPage).contains("action=\"" + page + "/decisions/approve\"");
    // without the session's CSRF token the approval is refused
    assertThat(forms.post(page + "/decisions/approve", ben, Map.of("finding", high)).status())
        .isEqualTo(403);
    assertThat(
            forms
                .post(
                    page + "/decisions/approve",
                    ben,
                    Map.of("csrf", Forms.csrf(benPage), "finding", high))
                .status())
        .isEqualTo(303);
    html = forms.get(page, ben).body();
    assertThat(html).doesNotContain("Waiting for a second approver").contains("decision-approved");
  }
}
