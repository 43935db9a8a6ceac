package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Role;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/projects/{name}/scans}: scans attached to the latest version. */
class ScanUploadTest {
  @AutoClose static final TestServer server = new TestServer();

  /** A real {@code mlsec scan --format json} report: one malicious pickle, one clean. */
  static final String REPORT = Api.resource("/scan-report.json");

  static String body(String report) {
    return "{\"scan\": " + report + ", \"git\": {\"commit\": \"c0ffee\"}}";
  }

  @Test
  void aScanIsAttachedToTheLatestVersionOnceAndListedWithItsVerdicts() {
    String p = "scan-flow";
    String token = server.token(p, Role.UPLOADER, null);
    TestServer.Reply early = server.post(ApiTest.path(p) + "/scans", token, body(REPORT));
    assertThat(early.status()).isEqualTo(404);
    assertThat(early.json().get("error").asText()).contains("upload its analysis first");

    assertThat(server.post("/api/v1/uploads", token, Uploads.cardFraudAs(p, null)).status())
        .isEqualTo(201);
    TestServer.Reply first = server.post(ApiTest.path(p) + "/scans", token, body(REPORT));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("version").asInt()).isEqualTo(1);
    TestServer.Reply again = server.post(ApiTest.path(p) + "/scans", token, body(REPORT));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("created").asBoolean()).isFalse();

    JsonNode scans = server.get(ApiTest.path(p) + "/versions/1/scans", token).json();
    assertThat(scans.get("scans")).hasSize(1);
    JsonNode s = scans.get("scans").get(0);
    assertThat(s.get("git-commit").asText()).isEqualTo("c0ffee");
    assertThat(s.at("/verdicts/malicious").asInt()).isEqualTo(1);
    assertThat(s.at("/verdicts/clean").asInt()).isEqualTo(1);
    assertThat(s.at("/report/files/0/findings/0/rule").asText()).isEqualTo("pickle.exec");

    // a new analysis version: the next scan belongs to it, the old one stays with version 1
    assertThat(server.post("/api/v1/uploads", token, Uploads.cardFraudAs(p, "v2")).status())
        .isEqualTo(201);
    TestServer.Reply second = server.post(ApiTest.path(p) + "/scans", token, body(REPORT));
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().get("version").asInt()).isEqualTo(2);
    assertThat(server.get(ApiTest.path(p) + "/versions/1/scans", token).json().get("scans"))
        .hasSize(1);
    JsonNode audit = server.get(ApiTest.path(p) + "/audit", token).json().get("audit");
    assertThat(audit).extracting(a -> a.get("action").asText()).contains("scan");
  }

  @Test
  void aMalformedScanIsOneLineNamingTheField() {
    String p = "scan-bad";
    String token = server.token(p, Role.UPLOADER, null);
    server.post("/api/v1/uploads", token, Uploads.cardFraudAs(p, null));
    TestServer.Reply none = server.post(ApiTest.path(p) + "/scans", token, "{\"scan\": {}}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("error").asText()).contains("mlsec scan --format json");
    TestServer.Reply verdict =
        server.post(
            ApiTest.path(p) + "/scans",
            token,
            body(REPORT.replaceFirst("\"malicious\"", "\"harmless\"")));
    assertThat(verdict.status()).isEqualTo(400);
    assertThat(verdict.json().get("error").asText())
        .isEqualTo("scan.files[0].verdict harmless is not known");
    TestServer.Reply control =
        server.post(
            ApiTest.path(p) + "/scans", token, body(REPORT.replace("models/", "models/\\u0007")));
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.json().get("error").asText()).contains("control character");
    assertThat(server.get(ApiTest.path(p) + "/versions/1/scans", token).json().get("scans"))
        .isEmpty();
  }
}
