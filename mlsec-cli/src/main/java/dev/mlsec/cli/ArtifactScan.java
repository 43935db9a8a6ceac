package dev.mlsec.cli;

import dev.mlsec.analysis.ArtifactEvidence;
import dev.mlsec.model.Component;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Workflow;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanFinding;
import dev.mlsec.scan.Scanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Scans the model files a workflow names in {@code artifacts} (a path or glob relative to the
 * workflow file) and turns each verdict into evidence for the analysis.
 */
final class ArtifactScan {
  /** How deep a glob is matched below the workflow's folder. */
  static final int MAX_DEPTH = 16;

  /** How many files one {@code artifacts} entry may name. */
  static final int MAX_FILES = 10_000;

  private ArtifactScan() {}

  static List<ArtifactEvidence> evidence(Workflow w) {
    Path base = w.source().toAbsolutePath().normalize().getParent();
    Scanner scanner = new Scanner();
    List<ArtifactEvidence> evidence = new ArrayList<>();
    for (Component c : w.components().values()) {
      Optional<String> pattern = c.text("artifacts");
      if (pattern.isEmpty()) continue;
      List<Path> files = resolve(base, pattern.get(), c);
      try {
        for (FileReport r : scanner.scanAll(files)) {
          evidence.add(
              new ArtifactEvidence(
                  c.id(),
                  base.relativize(Path.of(r.path()).toAbsolutePath()).toString(),
                  r.verdict().name().toLowerCase(Locale.ROOT),
                  summary(r)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return evidence;
  }

  private static String summary(FileReport r) {
    String verdict = r.verdict().name().toLowerCase(Locale.ROOT);
    if (r.findings().isEmpty()) return verdict + " (" + r.format() + ")";
    ScanFinding top = r.findings().get(0);
    for (ScanFinding f : r.findings()) if (f.level().atLeast(top.level())) top = f;
    return verdict + " (" + r.format() + "): " + top.ruleId() + " — " + top.message();
  }

  /**
   * The files an {@code artifacts} entry names. A workflow file may come from a pull request, so it
   * can only name regular files inside its own folder: no absolute paths, no {@code ..} out of it,
   * no symbolic links (which could point anywhere), no FIFOs or devices.
   */
  private static List<Path> resolve(Path base, String pattern, Component c) {
    Path root;
    try {
      root = base.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Path.of(pattern).isAbsolute() || !base.resolve(pattern).normalize().startsWith(base)) {
      throw new InputException(
          c.positionOf("artifacts"),
          "artifacts '" + pattern + "' of " + c.id() + " leaves the workflow's folder",
          "name model files by a path or glob inside the folder of the workflow file");
    }
    boolean glob = pattern.chars().anyMatch(ch -> "*?[{".indexOf(ch) >= 0);
    List<Path> found;
    if (!glob) {
      Path p = base.resolve(pattern).normalize();
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) throw noMatch(pattern, c);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        found = walk(p, path -> true);
      } else {
        found = List.of(p);
      }
    } else {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      found = walk(base, p -> matcher.matches(base.relativize(p)));
    }
    if (found.isEmpty()) throw noMatch(pattern, c);
    if (found.size() > MAX_FILES) {
      throw new InputException(
          c.positionOf("artifacts"),
          "artifacts '" + pattern + "' names more than " + MAX_FILES + " files",
          "narrow the glob");
    }
    for (Path p : found) {
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !inside(root, p)) {
        throw new InputException(
            c.positionOf("artifacts"),
            "artifacts '"
                + pattern
                + "' names "
                + base.relativize(p)
                + ", which is not a regular file inside the workflow's folder",
            "symbolic links, devices and FIFOs are not scanned");
      }
    }
    return found;
  }

  /** Regular files below {@code dir} (links not followed) that {@code keep} accepts, sorted. */
  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(keep)
          .sorted()
          .limit(MAX_FILES + 1L)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean inside(Path root, Path p) {
    try {
      return p.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  private static InputException noMatch(String pattern, Component c) {
    return new InputException(
        c.positionOf("artifacts"),
        "artifacts '" + pattern + "' of " + c.id() + " names no file",
        "paths and globs are relative to the workflow file");
  }
}
