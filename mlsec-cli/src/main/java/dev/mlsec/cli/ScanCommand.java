package dev.mlsec.cli;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.Verdict;
import dev.mlsec.scan.output.ReportJson;
import dev.mlsec.scan.output.ReportSarif;
import dev.mlsec.scan.output.ReportText;
import dev.mlsec.scan.output.ScanProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlsec scan}: judges model files by content without running them. Exit codes: 0 clean, 1
 * findings (an inconclusive file counts), 2 usage or I/O error, 3 nothing scannable.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scans model files for code that runs on load, without running it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is clean",
      "1:findings (inconclusive files count)",
      "2:usage or I/O error",
      "3:nothing scannable"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files or directories (recursive).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      completionCandidates = Choices.ScanFormats.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Choices.ScanFormat format;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      completionCandidates = Choices.Policies.class,
      description =
          "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; strict also flags unknown classes"
              + " being rebuilt).",
      defaultValue = "default")
  ScanPolicy policy;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      completionCandidates = Choices.Levels.class,
      description =
          "Exit 1 only for findings of at least this level (${COMPLETION-CANDIDATES});"
              + " inconclusive files always fail. Default: any verdict other than clean.")
  Level failOn;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Files scanned at once (default: the available cores, at most 8); the report's order"
              + " and bytes do not depend on it.")
  int threads = Scanner.defaultThreads();

  @Option(
      names = "--upload",
      paramLabel = "URL",
      description =
          "Also attach the results to the project's latest version on an mlsec server (token"
              + " from MLSEC_TOKEN; needs --project); see docs/server.md.")
  String upload;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "The server project whose latest version the scan belongs to.")
  String project;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    if (threads < 1)
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--threads must be at least 1, not " + threads);
    ScanPolicy pol = policy;
    Level threshold = failOn;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = System.err;
    Scanner scanner = new Scanner(pol, ScanLimits.defaults());
    List<FileReport> reports = new ArrayList<>();
    try {
      if ((upload == null) != (project == null))
        throw new dev.mlsec.model.InputException(
            dev.mlsec.model.Position.NONE,
            upload == null ? "--project names a server project" : "--upload needs --project",
            upload == null
                ? "give --upload URL with it"
                : "a scan has no workflow to name its project: give --project NAME");
      java.net.URI endpoint = upload == null ? null : ServerUpload.scanEndpoint(upload, project);
      List<Path> files = new ArrayList<>();
      for (Path p : paths) files.addAll(Scanner.expand(p));
      long totalBytes = 0;
      for (Path f : files) totalBytes += java.nio.file.Files.size(f);
      ScanProgress progress =
          new ScanProgress(
              err,
              ScanProgress.stderrIsTerminal(),
              files.size(),
              totalBytes,
              ScanProgress.terminalWidth());
      reports.addAll(
          scanner.scanFiles(
              files,
              threads,
              r -> {
                progress.finished(r);
                progress.starting(Path.of(r.path()));
              }));
      progress.close();
      switch (format) {
        case JSON -> ReportJson.write(reports, pol, out);
        case SARIF -> ReportSarif.write(reports, pol, version(), out);
        case TEXT -> ReportText.write(reports, out);
      }
      out.flush();
      if (endpoint != null) {
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        ReportJson.write(reports, pol, json);
        ServerUpload.Result r =
            ServerUpload.uploadScan(
                endpoint,
                ServerUpload.environment.get("MLSEC_TOKEN"),
                json.toString(StandardCharsets.UTF_8),
                ServerUpload.environment);
        err.println(r.line(upload, "same report"));
      }
    } catch (IOException | RuntimeException e) {
      out.flush();
      if (debug.debug) e.printStackTrace(err);
      err.println("mlsec scan: " + dev.mlsec.scan.output.ReportText.safe(oneLine(e)));
      return 2;
    }
    return exitCode(reports, threshold);
  }

  static int exitCode(List<FileReport> reports, Level threshold) {
    // an unrecognizable file under a model extension is a finding, not "nothing scannable"
    if (reports.isEmpty()
        || reports.stream()
            .allMatch(r -> r.format().equals("unknown") && r.verdict() == Verdict.CLEAN)) return 3;
    for (FileReport r : reports) {
      if (r.verdict() == Verdict.INCONCLUSIVE) return 1;
      if (threshold == null) {
        if (r.verdict() != Verdict.CLEAN) return 1;
      } else if (r.findings().stream().anyMatch(f -> f.level().atLeast(threshold))) return 1;
    }
    return 0;
  }

  private static String oneLine(Exception e) {
    if (e instanceof dev.mlsec.model.InputException i) return i.oneLine();
    if (e instanceof java.nio.file.NoSuchFileException n) return "no such file: " + n.getFile();
    if (e instanceof java.nio.file.AccessDeniedException a)
      return "permission denied: " + a.getFile();
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ');
  }

  private static String version() {
    String v = ScanCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
