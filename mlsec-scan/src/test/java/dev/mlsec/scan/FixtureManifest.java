package dev.mlsec.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A fixture directory with a tab-separated MANIFEST.tsv naming each of its files. */
final class FixtureManifest {
  static final String NAME = "MANIFEST.tsv";

  private FixtureManifest() {}

  /** The manifest's rows (comment and blank lines skipped), split at tabs. */
  static List<String[]> rows(Path dir) throws IOException {
    try (Stream<String> lines = Files.lines(dir.resolve(NAME))) {
      return lines
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .map(l -> l.split("\t", -1))
          .toList();
    }
  }

  /** The names of the directory's files other than the manifest, sorted. */
  static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(NAME))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
