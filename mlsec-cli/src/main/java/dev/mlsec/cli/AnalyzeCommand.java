package dev.mlsec.cli;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.analysis.ArtifactEvidence;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.CacheDirectory;
import dev.mlsec.catalog.Severity;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import dev.mlsec.report.baseline.Baseline;
import dev.mlsec.report.baseline.Changes;
import dev.mlsec.scan.output.ScanProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Analyzes workflow files and reports the threats they expose. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description =
        "Finds the threats a workflow exposes, checks the team's beliefs about its controls, "
            + "lays its concerns beside the findings and turns unknowns into questions.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no open or conditional finding at or above --fail-on (with --baseline: no such new one)",
      "1:there are such findings",
      "2:bad input or usage (one line: file:line:column: message (hint))"
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Workflow files (YAML).")
  List<Path> files;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      completionCandidates = Choices.Formats.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Write every form into DIR (one subfolder per file when there are several).")
  Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      completionCandidates = Choices.Thresholds.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Choices.Threshold failOn;

  @Option(
      names = "--baseline",
      paramLabel = "JSON",
      description =
          "A previous 'analyze --format json' output: findings are marked new, "
              + "unchanged or resolved, and --fail-on applies to new ones only.")
  Path baseline;

  @Option(
      names = "--scan",
      description = "Scan the model files named by 'artifacts' and use the verdicts as evidence.")
  boolean scan;

  @Option(
      names = "--today",
      paramLabel = "YYYY-MM-DD",
      description = "The date decisions expire against (default: today, UTC).")
  String today;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      completionCandidates = Choices.ColorModes.class,
      description =
          "${COMPLETION-CANDIDATES}: ANSI colour in text output (auto: on a terminal "
              + "unless NO_COLOR is set).")
  Choices.ColorMode color;

  @Option(
      names = "--upload",
      paramLabel = "URL",
      description =
          "Also store the analysis on an mlsec server (token from MLSEC_TOKEN); "
              + "see docs/server.md.")
  String upload;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "The server project to upload to (default: the workflow's system).")
  String project;

  @Mixin CatalogOption catalog;

  @Mixin DebugOption debug;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Format fmt = format;
    Optional<Severity> threshold = failOn.severity();
    LocalDate date = date();
    if (output == null && files.size() > 1 && fmt != Format.TEXT && fmt != Format.MARKDOWN) {
      throw new InputException(
          Position.NONE,
          "--format " + fmt.id() + " prints one document for one workflow",
          "give one FILE, or --output DIR to write a report per file");
    }
    if (output != null && files.size() > 1) {
      java.util.Set<String> stems = new java.util.HashSet<>();
      for (Path f : files)
        if (!stems.add(stem(f)))
          throw new InputException(
              Position.NONE,
              "two files named "
                  + stem(f)
                  + " would write to the same folder "
                  + output.resolve(stem(f)),
              "rename one of them, or run them with different --output folders");
    }
    if (project != null && upload == null) {
      throw new InputException(
          Position.NONE, "--project names a server project", "give --upload URL with it");
    }
    if (project != null && files.size() > 1) {
      throw new InputException(
          Position.NONE,
          "--project puts one workflow into a project, not " + files.size(),
          "upload one FILE per --project, or leave --project out to use each system's name");
    }
    java.net.URI endpoint = upload == null ? null : ServerUpload.endpoint(upload);
    // the first workflow is read (SnakeYAML's cold start) while Main's warm-up thread still
    // loads the built-in catalog
    Workflow first = WorkflowLoader.load(files.get(0));
    // a workflow analyzed again maps its concerns from the cache, without starting Lucene; the
    // analysis waits for the built-in catalog's conditions only when its rules run
    Analyzer analyzer = catalog.analyzer(CacheDirectory.get());
    Optional<Baseline> base = Optional.ofNullable(baseline).map(Baseline::read);
    ReportOptions options =
        ReportOptions.defaults().withToolVersion(Main.version()).withColor(colorOn());
    if (base.isPresent()) options = options.withBaseline(base.get());

    PrintWriter out = spec.commandLine().getOut();
    boolean failing = false;
    for (int i = 0; i < files.size(); i++) {
      Workflow w = i == 0 ? first : WorkflowLoader.load(files.get(i));
      for (var warning : w.warnings())
        spec.commandLine().getErr().println("mlsec: warning: " + warning.oneLine());
      List<ArtifactEvidence> evidence = scan ? ArtifactScan.evidence(w) : List.of();
      Analysis analysis = analyzer.analyze(w, date, evidence);
      List<Finding> gated =
          base.map(b -> b.compare(analysis)).map(Changes::added).orElse(analysis.findings());
      failing |= threshold.isPresent() && fails(gated, threshold.get());
      if (output != null) {
        Path dir = files.size() == 1 ? output : output.resolve(stem(files.get(i)));
        Files.createDirectories(dir);
        Reports.writeAll(analysis, dir, options);
        if (fmt == Format.TEXT) Reports.write(analysis, Format.TEXT, out, options);
      } else {
        if (i > 0) out.println();
        Reports.write(analysis, fmt, out, options);
      }
      out.flush();
      if (endpoint != null) {
        ServerUpload.Result r =
            ServerUpload.upload(
                endpoint,
                ServerUpload.environment.get("MLSEC_TOKEN"),
                project,
                Reports.render(
                    analysis,
                    Format.JSON,
                    ReportOptions.defaults().withToolVersion(Main.version()).withColor(false)),
                Files.readString(files.get(i)),
                ServerUpload.environment);
        PrintWriter err = spec.commandLine().getErr();
        err.println(r.line(upload, "same content"));
        err.flush();
      }
    }
    return failing ? 1 : 0;
  }

  private static boolean fails(List<Finding> findings, Severity threshold) {
    return findings.stream()
        .anyMatch(f -> f.status().actionable() && f.severity().atLeast(threshold));
  }

  private LocalDate date() {
    if (today == null) return LocalDate.now(ZoneOffset.UTC);
    try {
      return LocalDate.parse(today);
    } catch (DateTimeParseException e) {
      throw new InputException(
          Position.NONE, "--today " + today + " is not a date", "write it as YYYY-MM-DD");
    }
  }

  private boolean colorOn() {
    return switch (color) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          ScanProgress.isTerminal(1)
              && System.getenv("NO_COLOR") == null
              && !"dumb".equals(System.getenv("TERM"));
    };
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
