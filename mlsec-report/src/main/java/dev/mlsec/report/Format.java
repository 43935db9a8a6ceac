package dev.mlsec.report;

import dev.mlsec.report.atlas.AtlasLayer;
import dev.mlsec.report.cyclonedx.BomReport;
import dev.mlsec.report.html.HtmlReport;
import dev.mlsec.report.json.JsonReport;
import dev.mlsec.report.markdown.MarkdownReport;
import dev.mlsec.report.sarif.SarifReport;
import dev.mlsec.report.text.TextReport;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every form a report can take: the id the CLI spells, the file name {@code --output} uses, what it
 * is for, and its writer. Adding a format is one constant here: {@link Reports}, the CLI's {@code
 * --format} (help and completion) and the table in docs/reports.md all read this enum.
 */
public enum Format {
  TEXT("text", "report.txt", "the terminal (colour only on a terminal)") {
    @Override
    public ReportWriter writer() {
      return new TextReport();
    }
  },
  JSON(
      "json",
      "report.json",
      "tools; the contract of `workflow-format.md`, and the input of `--baseline`") {
    @Override
    public ReportWriter writer() {
      return new JsonReport();
    }
  },
  MARKDOWN("markdown", "report.md", "a pull-request comment") {
    @Override
    public ReportWriter writer() {
      return new MarkdownReport();
    }
  },
  HTML("html", "report.html", "a person: one self-contained page with the diagram, printable") {
    @Override
    public ReportWriter writer() {
      return new HtmlReport();
    }
  },
  SARIF("sarif", "report.sarif", "code scanning (GitHub, GitLab, Azure DevOps)") {
    @Override
    public ReportWriter writer() {
      return new SarifReport();
    }
  },
  CYCLONEDX(
      "cyclonedx", "bom.cdx.json", "the inventory a compliance team keeps (CycloneDX 1.6 ML-BOM)") {
    @Override
    public ReportWriter writer() {
      return new BomReport();
    }
  },
  ATLAS_LAYER("atlas-layer", "atlas-layer.json", "MITRE ATLAS Navigator") {
    @Override
    public ReportWriter writer() {
      return new AtlasLayer();
    }
  };

  private final String id;
  private final String fileName;
  private final String purpose;

  Format(String id, String fileName, String purpose) {
    this.id = id;
    this.fileName = fileName;
    this.purpose = purpose;
  }

  /**
   * A new writer of this format. A method per constant rather than a constructor reference, so that
   * a run loads only the writer it uses (start-up time).
   */
  public abstract ReportWriter writer();

  /** The spelling of {@code --format}. */
  public String id() {
    return id;
  }

  /** The fixed file name under {@code --output DIR}. */
  public String fileName() {
    return fileName;
  }

  /** Who or what reads this form (Markdown, for the docs' table of formats). */
  public String purpose() {
    return purpose;
  }

  public static Optional<Format> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Format::id).toList();
  }
}
