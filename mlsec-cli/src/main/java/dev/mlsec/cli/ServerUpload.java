package dev.mlsec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts one analysis to an mlsec server ({@code --upload URL}): the JSON report and the workflow
 * source, with the token from MLSEC_TOKEN. The server answers only after it stored the upload.
 */
final class ServerUpload {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration REQUEST = Duration.ofSeconds(60);

  /** Where MLSEC_TOKEN and the CI's git variables come from; tests put their own. */
  static Map<String, String> environment = System.getenv();

  private ServerUpload() {}

  /** What the server said: the project, its version number and whether it is new. */
  record Result(String project, int version, boolean created) {
    /** The line the CLI prints after an upload to {@code url}. */
    String line(String url, String unchanged) {
      return "mlsec: uploaded to "
          + url
          + ": project "
          + project
          + ", version "
          + version
          + (created ? "" : " (unchanged: " + unchanged + ")");
    }
  }

  static URI endpoint(String url) {
    return base(url).resolve("api/v1/uploads");
  }

  /** Where a project's scans go: {@code POST /api/v1/projects/{name}/scans}. */
  static URI scanEndpoint(String url, String project) {
    return base(url)
        .resolve(
            "api/v1/projects/"
                + java.net.URLEncoder.encode(project, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20")
                + "/scans");
  }

  private static URI base(String url) {
    try {
      URI base = new URI(url.endsWith("/") ? url : url + "/");
      if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
          || base.getHost() == null) {
        throw new URISyntaxException(url, "not an http or https URL");
      }
      return base;
    } catch (URISyntaxException e) {
      throw new InputException(
          Position.NONE,
          "--upload " + url + " is not a server URL",
          "give the server's address, e.g. http://127.0.0.1:8080");
    }
  }

  static Result upload(
      URI endpoint,
      String token,
      String project,
      String analysisJson,
      String workflowSource,
      Map<String, String> env) {
    ObjectNode body = JSON.createObjectNode();
    if (project != null) body.put("project", project);
    body.set("analysis", tree(analysisJson));
    body.put("workflow", workflowSource);
    return post(endpoint, token, body, env);
  }

  /** Posts a {@code scan --format json} report; the server attaches it to the latest version. */
  static Result uploadScan(URI endpoint, String token, String scanJson, Map<String, String> env) {
    ObjectNode body = JSON.createObjectNode();
    body.set("scan", tree(scanJson));
    return post(endpoint, token, body, env);
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("the JSON report is JSON", e);
    }
  }

  private static Result post(URI endpoint, String token, ObjectNode body, Map<String, String> env) {
    if (token == null || token.isBlank()) {
      throw new InputException(
          Position.NONE,
          "--upload needs a token in MLSEC_TOKEN",
          "ask the server's admin for an uploader token of the project");
    }
    String commit = first(env, "GITHUB_SHA", "CI_COMMIT_SHA");
    String branch = first(env, "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME");
    if (commit != null || branch != null) {
      ObjectNode git = body.putObject("git");
      if (commit != null) git.put("commit", commit);
      if (branch != null) git.put("branch", branch);
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(REQUEST)
            .header("Authorization", "Bearer " + token.trim())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new InputException(
          Position.NONE,
          "cannot reach the server at " + endpoint + ": " + e.getMessage(),
          "check --upload and that the server runs");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(Position.NONE, "the upload was interrupted", "");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = JSON.createObjectNode();
    }
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new InputException(
          Position.NONE,
          "the server refused the upload ("
              + response.statusCode()
              + "): "
              + answer.path("error").asText("no reason given"),
          response.statusCode() == 401 || response.statusCode() == 403
              ? "check MLSEC_TOKEN and --project"
              : "");
    }
    return new Result(
        answer.path("project").asText(),
        answer.path("version").asInt(),
        answer.path("created").asBoolean());
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) return v;
    }
    return null;
  }
}
