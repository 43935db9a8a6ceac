package dev.mlsec.discover;

import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Drafts a workflow file from a repository: every source of {@link Sources#ALL}, in order. */
public final class Discovery {

  /**
   * The draft and what was done to make it.
   *
   * @param workflow the format-1 workflow text
   * @param summary the lines for stderr: what was read, inferred and left unknown
   * @param warnings one line per file that could not be read as its name says
   */
  public record Result(String workflow, List<String> summary, List<String> warnings) {
    public Result {
      summary = List.copyOf(summary);
      warnings = List.copyOf(warnings);
    }
  }

  private final List<Source> sources;
  private final DiscoverLimits limits;

  public Discovery(List<Source> sources, DiscoverLimits limits) {
    this.sources = List.copyOf(sources);
    this.limits = limits;
  }

  public Discovery() {
    this(Sources.ALL, DiscoverLimits.DEFAULT);
  }

  /**
   * Reads {@code dir} and returns the draft. {@code scan} also scans every model file a source
   * named and notes the verdicts on its component.
   */
  public Result discover(Path dir, boolean scan) {
    if (!Files.isDirectory(dir))
      throw new InputException(
          new Position(dir.toString(), 0, 0), "not a folder", "give the repository's folder");
    long start = System.nanoTime();
    Draft draft = new Draft();
    Repository repo;
    try {
      repo = new Repository(dir, limits, draft);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // -Dmlsec.discover.timing=true prints where the time goes (for bench/discover/run)
    boolean timing = Boolean.getBoolean("mlsec.discover.timing");
    repo.prepare();
    long t0 = System.nanoTime();
    for (Source s : sources) {
      long t = System.nanoTime();
      repo.user(s.name());
      s.read(repo, draft);
      if (timing)
        System.err.printf("timing: %-14s %5d ms%n", s.name(), (System.nanoTime() - t) / 1_000_000);
    }
    // the repository itself is always part of the workflow: it holds the code and configuration
    draft
        .component("repository", dev.mlsec.model.ComponentKind.CODE_REPOSITORY)
        .name("this repository")
        .because(Evidence.at(".", 0, "the folder this draft was made from"), "discover");
    if (scan) scan(repo, draft);
    long tw = System.nanoTime();
    DraftWriter w = new DraftWriter();
    String name =
        repo.root().getFileName() == null ? "repository" : repo.root().getFileName().toString();
    String text = w.write(draft, name);
    // a draft that the loader refuses is a bug here, never the user's problem to fix by hand
    long tv = System.nanoTime();
    WorkflowLoader.parse(text, "draft.yaml", null);
    if (timing)
      System.err.printf(
          "timing: listing and parsing %d ms, write %d ms, validate %d ms%n",
          (t0 - start) / 1_000_000, (tv - tw) / 1_000_000, (System.nanoTime() - tv) / 1_000_000);
    List<String> summary = new ArrayList<>();
    repo.user("");
    StringBuilder bySource = new StringBuilder();
    repo.usedBySource()
        .forEach(
            (k, v) -> {
              if (v > 0)
                bySource.append(bySource.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            });
    summary.add(
        "read "
            + draft.filesRead().size()
            + " of "
            + repo.files().size()
            + " files"
            + (bySource.length() > 0 ? " (used by " + bySource + ")" : ""));
    summary.add(
        "inferred "
            + draft.parts().size()
            + " components, "
            + w.inferred
            + " attributes, "
            + draft.flows().size()
            + " flows; left "
            + w.unknown
            + " attributes unknown");
    List<String> warnings = draft.warnings().stream().map(Draft.Warning::toString).toList();
    if (!warnings.isEmpty()) summary.add(warnings.size() + " files could not be read as expected:");
    return new Result(text, summary, warnings);
  }

  private static void scan(Repository repo, Draft draft) {
    Scanner scanner = new Scanner();
    for (Draft.Part p : draft.parts()) {
      Object a = p.values.get("artifacts");
      if (!(a instanceof String path) || path.contains("*")) continue;
      if (!repo.exists(path)) continue;
      try {
        for (FileReport r : scanner.scanAll(List.of(repo.root().resolve(path)))) {
          p.note(
              "scan of "
                  + path
                  + ": "
                  + r.verdict().name().toLowerCase(Locale.ROOT)
                  + " ("
                  + r.format()
                  + (r.findings().isEmpty() ? "" : ", " + r.findings().get(0).ruleId())
                  + ")");
        }
      } catch (IOException | RuntimeException e) {
        draft.warn(path, 0, "scan failed: " + e.getClass().getSimpleName());
      }
    }
  }
}
