package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A project's team (the workflow's owner, unless an editor set one) and tags (set by editors), and
 * the portfolio filtered and grouped by them, in the API and the page, never showing a project the
 * caller may not see.
 */
class PortfolioGroupsTest {
  @AutoClose static final TestServer server = new TestServer();

  static String upload(String project, String owner, String variant) throws IOException {
    String source =
        Files.readString(Uploads.EXAMPLES.resolve("card-fraud.yaml"))
                .replace("system: Card fraud scoring", "system: " + project)
                .replace("owner: risk-ml", "owner: " + owner)
            + "\n# "
            + variant
            + "\n";
    String body = Uploads.of(source, "card-fraud.yaml", null);
    TestServer.Reply r = server.post("/api/v1/uploads", server.adminToken, body);
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    return body;
  }

  static TestServer.Reply label(String project, String token, String body) {
    return server.post("/api/v1/projects/" + project + "/labels", token, body);
  }

  static List<String> names(JsonNode page, String field) {
    List<String> out = new ArrayList<>();
    page.get("projects")
        .forEach(
            p ->
                out.add(
                    p.get("name").asText() + (field == null ? "" : " " + p.path(field).asText())));
    return out;
  }

  @Test
  void theTeamFollowsTheWorkflowUntilAnEditorSetsIt() throws IOException {
    upload("grp-one", "grp-team-a", "1");
    String editor = server.token("grp-one", Role.EDITOR, null);
    JsonNode a = server.get("/api/v1/projects?team=grp-team-a", editor).json();
    assertThat(names(a, "team")).containsExactly("grp-one grp-team-a");
    // a new owner in the workflow moves the project to that team
    upload("grp-one", "grp-team-b", "2");
    assertThat(names(server.get("/api/v1/projects?team=grp-team-b", editor).json(), null))
        .containsExactly("grp-one");
    // set by an editor, it stays whatever the next upload's owner says ...
    TestServer.Reply set =
        label(
            "grp-one",
            editor,
            "{\"team\": \"grp-team-c\", \"tags\": [\"pci\", \"grp-x\", \"pci\"]}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("team-from-workflow").asBoolean()).isFalse();
    assertThat(set.json().get("tags").toString()).isEqualTo("[\"grp-x\",\"pci\"]");
    upload("grp-one", "grp-team-b", "3");
    assertThat(names(server.get("/api/v1/projects?team=grp-team-c", editor).json(), "tags"))
        .hasSize(1);
    // ... until it is cleared: then the next upload's owner is the team again
    assertThat(label("grp-one", editor, "{\"tags\": [\"grp-x\"]}").status()).isEqualTo(200);
    upload("grp-one", "grp-team-b", "4");
    assertThat(names(server.get("/api/v1/projects?team=grp-team-b", editor).json(), null))
        .containsExactly("grp-one");
    // every change of labels is an audit row
    assertThat(server.get("/api/v1/projects/grp-one/audit", editor).body())
        .contains("\"action\":\"labels\"", "team grp-team-c, tags [grp-x, pci]");
  }

  @Test
  void thePortfolioFiltersAndGroupsByTeamAndTagWithinWhatTheCallerMaySee() throws IOException {
    upload("grp-p1", "grp-red", "1");
    upload("grp-p2", "grp-red", "1");
    upload("grp-p3", "grp-blue", "1");
    String admin = server.adminToken;
    assertThat(label("grp-p1", admin, "{\"tags\": [\"grp-t1\", \"grp-t2\"]}").status())
        .isEqualTo(200);
    assertThat(label("grp-p3", admin, "{\"tags\": [\"grp-t1\"]}").status()).isEqualTo(200);

    assertThat(names(server.get("/api/v1/projects?tag=grp-t1", admin).json(), null))
        .containsExactly("grp-p1", "grp-p3");
    assertThat(names(server.get("/api/v1/projects?tag=grp-t1&team=grp-red", admin).json(), null))
        .containsExactly("grp-p1");
    // grouped by tag (then by name), a project stands under each of its tags
    JsonNode byTag = server.get("/api/v1/projects?tag=grp-t1&group=tag", admin).json();
    assertThat(names(byTag, "group"))
        .containsExactly("grp-p1 grp-t1", "grp-p3 grp-t1", "grp-p1 grp-t2");
    assertThat(byTag.get("total").asInt()).isEqualTo(3);
    JsonNode byTeam = server.get("/api/v1/projects?team=grp-red&group=team", admin).json();
    assertThat(names(byTeam, "group")).containsExactly("grp-p1 grp-red", "grp-p2 grp-red");

    // a token of grp-p2 sees its own project only, whatever the filter
    String p2 = server.token("grp-p2", Role.VIEWER, null);
    assertThat(names(server.get("/api/v1/projects?team=grp-red", p2).json(), null))
        .containsExactly("grp-p2");
    assertThat(names(server.get("/api/v1/projects?tag=grp-t1", p2).json(), null)).isEmpty();
    // a viewer may not label; bad labels are 400
    assertThat(label("grp-p2", p2, "{\"team\": \"x\"}").status()).isEqualTo(403);
    assertThat(label("grp-p2", admin, "{\"tags\": \"pci\"}").status()).isEqualTo(400);
    assertThat(label("grp-p2", admin, "{\"tags\": [\"\"]}").status()).isEqualTo(400);
    assertThat(label("grp-p2", admin, "{\"team\": \"" + "t".repeat(201) + "\"}").status())
        .isEqualTo(400);
    StringBuilder many = new StringBuilder("{\"tags\": [");
    for (int i = 0; i < 21; i++) many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    assertThat(label("grp-p2", admin, many + "]}").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/projects?group=owner", admin).status()).isEqualTo(400);
  }

  @Test
  void thePageGroupsUnderEscapedHeadingsAndLinksEachTeamAndTag() throws IOException {
    String hostile = "grp <script>alert(1)</script>";
    upload("grp-page", "grp-page-team", "1");
    String admin = server.adminToken;
    assertThat(
            label(
                    "grp-page",
                    admin,
                    "{\"team\": "
                        + TestServer.JSON.valueToTree(hostile)
                        + ", \"tags\": [\"grp-<b>t</b>\"]}")
                .status())
        .isEqualTo(200);
    server.store.createUser(
        "grp-viewer",
        dev.mlsec.server.auth.Passwords.hash("groups password 1"),
        false,
        java.util.Map.of("grp-page", Role.VIEWER),
        "test");
    Forms forms = new Forms(server);
    String cookie = forms.signIn("grp-viewer", "groups password 1");
    String html = forms.get("/?group=team", cookie).body();
    assertThat(html)
        .contains("<tr class=\"group\"><th colspan=\"15\">team: grp &lt;script&gt;")
        .contains("href=\"/?page=1&amp;team=grp%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"")
        .contains("href=\"/?page=1&amp;tag=grp-%3Cb%3Et%3C%2Fb%3E\"")
        .contains("<option value=\"team\" selected>")
        .doesNotContain("<script>", "<b>");
    assertThat(forms.get("/?team=nobody-grp", cookie).body()).contains("No project you may see");
  }
}
