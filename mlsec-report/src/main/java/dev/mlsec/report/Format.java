package dev.mlsec.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every form a report can take, with the id the CLI spells and the file name `--output` uses. */
public enum Format {
  TEXT("text", "report.txt"),
  JSON("json", "report.json"),
  MARKDOWN("markdown", "report.md"),
  HTML("html", "report.html"),
  SARIF("sarif", "report.sarif"),
  CYCLONEDX("cyclonedx", "bom.cdx.json"),
  ATLAS_LAYER("atlas-layer", "atlas-layer.json");

  private final String id;
  private final String fileName;

  Format(String id, String fileName) {
    this.id = id;
    this.fileName = fileName;
  }

  /** The spelling of {@code --format}. */
  public String id() {
    return id;
  }

  /** The fixed file name under {@code --output DIR}. */
  public String fileName() {
    return fileName;
  }

  public static Optional<Format> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Format::id).toList();
  }
}
