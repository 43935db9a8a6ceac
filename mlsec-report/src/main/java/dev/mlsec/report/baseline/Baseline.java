package dev.mlsec.report.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of an earlier run, read from its JSON report ({@code --baseline previous.json}).
 * Findings are matched by their stable id or any of their aliases (the per-target ids a grouped
 * finding stands for), so that grouping findings by root cause does not make old ones look new.
 */
public record Baseline(String source, List<Entry> findings) {

  /** Refuse baselines larger than this; a report of 10,000 components is far smaller. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  public Baseline {
    findings = List.copyOf(findings);
  }

  /** One finding of the earlier run, as much as the reports need to list it as resolved. */
  public record Entry(
      String id,
      String threat,
      String title,
      String threatClass,
      String severity,
      String target,
      List<String> aliases) {
    public Entry {
      aliases = List.copyOf(aliases);
    }

    /** An entry of a report written before findings were grouped: no aliases. */
    public Entry(
        String id,
        String threat,
        String title,
        String threatClass,
        String severity,
        String target) {
      this(id, threat, title, threatClass, severity, target, List.of());
    }

    List<String> ids() {
      List<String> out = new ArrayList<>(aliases);
      out.add(0, id);
      return out;
    }
  }

  public static Baseline read(Path previousJson) {
    String name = previousJson.toString();
    try {
      if (Files.size(previousJson) > MAX_BYTES) {
        throw new InputException(
            new Position(name, 0, 0),
            "baseline is larger than " + MAX_BYTES + " bytes",
            "pass the JSON report of an earlier run");
      }
      return parse(Files.readString(previousJson, StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw InputException.unreadable(previousJson, "baseline", e);
    }
  }

  /** Parses the text of an earlier {@code --format json} report. */
  public static Baseline parse(String json, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new InputException(
          new Position(source, line, column),
          "baseline is not valid JSON",
          "pass the output of `mlsec analyze --format json`");
    }
    if (root == null || !root.path("findings").isArray()) {
      throw new InputException(
          new Position(source, 1, 1),
          "baseline has no \"findings\" list",
          "pass the output of `mlsec analyze --format json`");
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode f : root.get("findings")) {
      String id = f.path("id").asText("");
      if (id.isEmpty()) continue;
      String target = f.has("component") ? f.path("component").asText() : f.path("flow").asText();
      List<String> aliases = new ArrayList<>();
      for (JsonNode a : f.path("aliases")) if (a.isTextual()) aliases.add(a.asText());
      entries.add(
          new Entry(
              id,
              f.path("threat").asText(""),
              f.path("title").asText(""),
              f.path("class").asText(""),
              f.path("severity").asText(""),
              target,
              aliases));
    }
    return new Baseline(source, entries);
  }

  /** A baseline made from an analysis in memory (what reading its JSON report would give). */
  public static Baseline of(Analysis analysis, String source) {
    List<Entry> entries = new ArrayList<>();
    for (Finding f : analysis.findings()) {
      entries.add(
          new Entry(
              f.id(),
              f.threat(),
              f.title(),
              f.threatClass().id(),
              f.severity().id(),
              f.target(),
              f.aliases()));
    }
    return new Baseline(source, entries);
  }

  /** Compares the current analysis with this baseline. */
  public Changes compare(Analysis current) {
    Set<String> before = new LinkedHashSet<>();
    for (Entry e : findings) before.addAll(e.ids());
    Set<String> now = new LinkedHashSet<>();
    for (Finding f : current.findings()) now.addAll(f.ids());
    List<Finding> added = new ArrayList<>();
    List<Finding> unchanged = new ArrayList<>();
    for (Finding f : current.findings())
      (f.ids().stream().anyMatch(before::contains) ? unchanged : added).add(f);
    List<Entry> resolved =
        findings.stream().filter(e -> e.ids().stream().noneMatch(now::contains)).toList();
    return new Changes(added, unchanged, resolved);
  }
}
