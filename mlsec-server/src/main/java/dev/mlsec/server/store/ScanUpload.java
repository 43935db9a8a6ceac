package dev.mlsec.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.HttpError;
import dev.mlsec.server.Limits;
import dev.mlsec.server.auth.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan upload as the CLI sends it: {@code {"scan": <scan --format json>, "git"?: {"commit",
 * "branch"}}}. The server checks the shape and bounds, counts verdicts itself (the report's own
 * summary is not trusted) and keeps the report as sent; it never scans anything.
 */
public record ScanUpload(
    String report, Map<String, Integer> verdicts, String gitCommit, String gitBranch) {

  /** The scanner's verdicts, in the order every output lists them. */
  public static final List<String> VERDICTS =
      List.of("clean", "suspicious", "malicious", "inconclusive");

  static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "info");

  public static ScanUpload parse(byte[] body) {
    JsonNode root = Upload.readJson(body);
    JsonNode scan = root.get("scan");
    if (scan == null || !scan.isObject() || !"mlsec-scan".equals(scan.path("tool").asText()))
      throw HttpError.bad("scan is required: the output of 'mlsec scan --format json'");
    JsonNode files = scan.get("files");
    if (files == null || !files.isArray()) throw HttpError.bad("scan.files must be a list");
    if (files.size() > Limits.MAX_FINDINGS)
      throw HttpError.bad(
          "scan.files has " + files.size() + " entries, more than " + Limits.MAX_FINDINGS);
    Map<String, Integer> verdicts = new LinkedHashMap<>();
    for (String v : VERDICTS) verdicts.put(v, 0);
    int findings = 0;
    for (int i = 0; i < files.size(); i++) {
      JsonNode f = files.get(i);
      String at = "scan.files[" + i + "].";
      Limits.text(at + "path", f.path("path").asText(null), Limits.MAX_TEXT);
      Limits.text(at + "format", f.path("format").asText(null), Limits.MAX_NAME);
      String verdict = f.path("verdict").asText("");
      if (!verdicts.containsKey(verdict))
        throw HttpError.bad(at + "verdict " + verdict + " is not known");
      verdicts.merge(verdict, 1, Integer::sum);
      JsonNode list = f.path("findings");
      if (!list.isArray()) throw HttpError.bad(at + "findings must be a list");
      findings += list.size();
      if (findings > Limits.MAX_FINDINGS)
        throw HttpError.bad("scan has more than " + Limits.MAX_FINDINGS + " findings");
      for (int j = 0; j < list.size(); j++) {
        JsonNode x = list.get(j);
        String fat = at + "findings[" + j + "].";
        Limits.text(fat + "rule", x.path("rule").asText(null), Limits.MAX_NAME);
        String level = x.path("level").asText("");
        if (!LEVELS.contains(level)) throw HttpError.bad(fat + "level " + level + " is not known");
        Limits.text(fat + "message", x.path("message").asText(null), Limits.MAX_TEXT);
      }
    }
    JsonNode git = root.path("git");
    String commit =
        git.hasNonNull("commit")
            ? Limits.text("git.commit", git.get("commit").asText(), 100)
            : null;
    String branch =
        git.hasNonNull("branch")
            ? Limits.text("git.branch", git.get("branch").asText(), Limits.MAX_NAME)
            : null;
    return new ScanUpload(scan.toString(), Map.copyOf(verdicts), commit, branch);
  }

  /** What makes two scans of one version the same: the report. */
  public String contentHash() {
    return Secrets.hash(report);
  }

  public int files() {
    return verdicts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
