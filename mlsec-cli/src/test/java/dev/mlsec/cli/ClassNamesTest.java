package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No two main classes in different modules share a simple name: a reader (and an import completion)
 * should never have to ask which {@code Format} or {@code Rule} is meant.
 */
class ClassNamesTest {
  /** The checkout's root: the parent of this module's directory. */
  static Path root() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Simple name of every top-level main class, to the modules that declare one of that name. */
  static SortedMap<String, SortedSet<String>> mainClasses(Path root) throws IOException {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    List<Path> modules;
    try (Stream<Path> s = Files.list(root)) {
      modules = s.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).sorted().toList();
    }
    for (Path module : modules) {
      String name = module.getFileName().toString();
      try (Stream<Path> s = Files.walk(module.resolve("src/main/java"))) {
        s.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".java") && !f.equals("package-info.java"))
            .forEach(
                f ->
                    out.computeIfAbsent(f.substring(0, f.length() - 5), k -> new TreeSet<>())
                        .add(name));
      }
    }
    return out;
  }

  @Test
  void noSimpleNameIsDeclaredInTwoModules() throws IOException {
    Path root = root();
    assumeTrue(
        Files.isRegularFile(root.resolve("pom.xml")), () -> "skipped: no checkout at " + root);
    SortedMap<String, SortedSet<String>> classes = mainClasses(root);
    assertThat(classes).as("the walk found the modules' sources").hasSizeGreaterThan(100);
    SortedMap<String, SortedSet<String>> shared = new TreeMap<>();
    classes.forEach(
        (name, modules) -> {
          if (modules.size() > 1) shared.put(name, modules);
        });
    assertThat(shared).as("simple names declared in more than one module").isEmpty();
  }

  @Test
  void theWalkSeesADuplicateWhereThereIsOne(@TempDir Path root) throws IOException {
    for (String module : List.of("a", "b")) {
      Path dir = Files.createDirectories(root.resolve(module + "/src/main/java/x/" + module));
      Files.writeString(dir.resolve("Same.java"), "package x." + module + "; class Same {}");
      Files.writeString(dir.resolve(module + "Only.java"), "");
      Files.writeString(dir.resolve("package-info.java"), "");
    }
    assertThat(mainClasses(root))
        .containsOnlyKeys("Same", "aOnly", "bOnly")
        .containsEntry("Same", new TreeSet<>(List.of("a", "b")));
  }
}
