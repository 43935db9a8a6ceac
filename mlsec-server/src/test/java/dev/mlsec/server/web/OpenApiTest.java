package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.TestServer;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the routes the server really has say the same. */
class OpenApiTest {
  @AutoClose static final TestServer server = new TestServer();

  @Test
  void theDocumentIsServedAndNamesExactlyTheApiRoutes() {
    TestServer.Reply r = server.get("/api/v1/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode doc = r.json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    JsonNode paths = doc.get("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      paths.get(path).fieldNames().forEachRemaining(m -> documented.add(m + " " + path));
    }
    Set<String> implemented = new TreeSet<>();
    for (Routes.Route route : server.server.routes()) {
      if (route.path().startsWith("/api/")) implemented.add(route.method() + " " + route.path());
    }
    assertThat(documented).isEqualTo(implemented);
  }

  @Test
  void everyDocumentedOperationAnswersAndListsItsStatuses() {
    JsonNode paths = server.get("/api/v1/openapi.json", null).json().get("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
        String method = m.next();
        JsonNode op = paths.get(path).get(method);
        String concrete =
            path.replace("{name}", "nobody").replace("{number}", "1").replace("{id}", "x");
        TestServer.Reply reply =
            method.equals("get") ? server.get(concrete, null) : server.post(concrete, null, "{}");
        // without a token: public operations answer, the others say 401, and the doc says so
        String expected = op.has("security") ? "401" : "200";
        assertThat(String.valueOf(reply.status())).as(method + " " + path).isEqualTo(expected);
        assertThat(op.get("responses").has(expected))
            .as(method + " " + path + " documents " + expected)
            .isTrue();
      }
    }
    assertThat(server.get("/api/v1/nothing-here", null).status()).isEqualTo(404);
  }
}
