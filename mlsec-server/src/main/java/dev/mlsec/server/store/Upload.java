package dev.mlsec.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.catalog.Severity;
import dev.mlsec.model.InputException;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.server.HttpError;
import dev.mlsec.server.Limits;
import dev.mlsec.server.auth.Secrets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An upload as the CLI sends it: {@code {"project"?, "analysis": <analyze --format json>,
 * "workflow": <the YAML source>, "git"?: {"commit", "branch"}}}. The server keeps the analysis as
 * sent and reads only what it lists and counts; it never analyzes anything itself.
 */
public record Upload(
    String project,
    String fileName,
    String workflow,
    String analysis,
    String toolVersion,
    String catalogVersion,
    String gitCommit,
    String gitBranch,
    String team,
    List<FindingRow> findings) {

  static final Set<String> CLASSES = Set.of("ml-specific", "ml-amplified", "conventional");
  static final Set<String> STATUSES =
      Set.of("open", "conditional", "in-progress", "accepted", "mitigated", "false-positive");

  private static final ObjectMapper READER = reader();

  private static ObjectMapper reader() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                .maxStringLength(Limits.MAX_REQUEST_BYTES)
                .build());
    m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }

  /** Reads a bounded JSON body; malformed JSON is a 400 with Jackson's short reason. */
  public static JsonNode readJson(byte[] body) {
    if (body.length == 0) throw HttpError.bad("the request body is empty: send JSON");
    try {
      JsonNode n = READER.readTree(body);
      if (n == null || !n.isObject()) throw HttpError.bad("the request body is not a JSON object");
      return n;
    } catch (JsonProcessingException e) {
      throw HttpError.bad("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw HttpError.bad("the request body cannot be read: " + e.getMessage());
    }
  }

  public static Upload parse(byte[] body) {
    JsonNode root = readJson(body);
    JsonNode analysis = root.get("analysis");
    if (analysis == null || !analysis.isObject())
      throw HttpError.bad("analysis is required: the output of 'mlsec analyze --format json'");
    if (analysis.path("format-version").asInt(-1) != 1)
      throw HttpError.bad("analysis.format-version must be 1");
    String workflow = string(root, "workflow", Limits.MAX_REQUEST_BYTES, true);
    String fileName =
        Limits.text("analysis.file", analysis.path("file").asText(null), Limits.MAX_TEXT);
    String team;
    try {
      // the same loader and limits as the CLI: a workflow the CLI would refuse is refused here
      team = team(WorkflowLoader.parse(workflow, fileName, null).owner());
    } catch (InputException e) {
      throw HttpError.bad("workflow: " + e.oneLine());
    }
    String system = Limits.text("analysis.system", analysis.path("system").asText(null), 500);
    String project =
        root.hasNonNull("project")
            ? Limits.text("project", root.get("project").asText(), Limits.MAX_NAME)
            : Limits.text("project (the workflow's system)", system, Limits.MAX_NAME);
    JsonNode git = root.path("git");
    String commit = git.hasNonNull("commit") ? string(git, "commit", 100, false) : null;
    String branch = git.hasNonNull("branch") ? string(git, "branch", Limits.MAX_NAME, false) : null;
    JsonNode list = analysis.get("findings");
    if (list == null || !list.isArray()) throw HttpError.bad("analysis.findings must be a list");
    if (list.size() > Limits.MAX_FINDINGS)
      throw HttpError.bad(
          "analysis.findings has " + list.size() + " entries, more than " + Limits.MAX_FINDINGS);
    List<FindingRow> rows = new ArrayList<>(list.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      String at = "analysis.findings[" + i + "].";
      String id = Limits.text(at + "id", f.path("id").asText(null), Limits.MAX_FINGERPRINT);
      if (!seen.add(id)) throw HttpError.bad(at + "id " + id + " appears twice");
      String severity = f.path("severity").asText("");
      if (Severity.byId(severity).isEmpty())
        throw HttpError.bad(at + "severity " + severity + " is not known");
      String klass = f.path("class").asText("");
      if (!CLASSES.contains(klass)) throw HttpError.bad(at + "class " + klass + " is not known");
      String status = f.path("status").asText("");
      if (!STATUSES.contains(status))
        throw HttpError.bad(at + "status " + status + " is not known");
      rows.add(
          new FindingRow(
              id,
              Limits.text(at + "threat", f.path("threat").asText(null), Limits.MAX_NAME),
              Limits.text(at + "title", f.path("title").asText(null), Limits.MAX_TEXT),
              klass,
              // a finding is on a component or on a flow (from->to)
              Limits.text(
                  at + "component",
                  f.hasNonNull("component")
                      ? f.get("component").asText()
                      : f.path("flow").asText(null),
                  Limits.MAX_TEXT),
              severity,
              status));
    }
    return new Upload(
        project,
        fileName,
        workflow,
        analysis.toString(),
        Limits.text(
            "analysis.tool.version", analysis.path("tool").path("version").asText(null), 100),
        Limits.text(
            "analysis.catalog.version", analysis.path("catalog").path("version").asText(null), 200),
        commit,
        branch,
        team,
        List.copyOf(rows));
  }

  /** The workflow's {@code owner} as the project's team, when it is a name (else no team). */
  static String team(String owner) {
    if (owner == null) return null;
    String t = owner.strip();
    if (t.isEmpty() || t.length() > Limits.MAX_NAME) return null;
    return t.chars().anyMatch(Character::isISOControl) ? null : t;
  }

  /** What makes two uploads the same version: the analysis and the workflow source. */
  public String contentHash() {
    return Secrets.hash(analysis + "\u0000" + workflow);
  }

  private static String string(JsonNode node, String field, int max, boolean multiline) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) throw HttpError.bad(field + " must be a string");
    String s = v.asText();
    if (multiline) {
      if (s.length() > max) throw HttpError.bad(field + " is longer than " + max + " characters");
      return s;
    }
    return Limits.text(field, s, max);
  }
}
