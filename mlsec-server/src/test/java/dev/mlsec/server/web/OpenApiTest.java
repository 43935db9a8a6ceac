package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.TestServer;
import java.nio.charset.StandardCharsets;
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

  /**
   * Every optional whole-number query parameter is read as documented: its default when absent,
   * every value from its minimum to its maximum, and a 400 just outside them or for a non-number;
   * an answer field of the parameter's name says the value in force.
   */
  @Test
  void optionalQueryParametersHoldTheirDocumentedDefaultsAndBounds() {
    JsonNode paths = server.get("/api/v1/openapi.json", null).json().get("paths");
    int checked = 0;
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      JsonNode get = paths.get(path).get("get");
      if (get == null || path.contains("{")) continue;
      for (JsonNode p : get.path("parameters")) {
        JsonNode schema = p.get("schema");
        if (!p.get("in").asText().equals("query") || p.path("required").asBoolean()) continue;
        if (!schema.get("type").asText().equals("integer")) continue;
        String name = p.get("name").asText();
        long min = schema.get("minimum").asLong();
        long max = schema.get("maximum").asLong();
        String what = "get " + path + " " + name;
        assertThat(server.get(path, server.adminToken).json().path(name).asLong())
            .as(what + " default")
            .isEqualTo(schema.get("default").asLong());
        for (long ok : new long[] {min, max}) {
          TestServer.Reply r = server.get(path + "?" + name + "=" + ok, server.adminToken);
          assertThat(r.status()).as(what + "=" + ok).isEqualTo(200);
          assertThat(r.json().path(name).asLong()).as(what + "=" + ok).isEqualTo(ok);
        }
        for (String bad : new String[] {min - 1 + "", max + 1 + "", "x", "1 or 1=1"}) {
          TestServer.Reply r =
              server.get(
                  path + "?" + name + "=" + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8),
                  server.adminToken);
          assertThat(r.status()).as(what + "=" + bad).isEqualTo(400);
          assertThat(r.json().get("error").asText()).as(what + "=" + bad).contains(name);
        }
        checked++;
      }
    }
    assertThat(checked).as("the portfolio's page and limit at least").isGreaterThanOrEqualTo(2);
  }
}
